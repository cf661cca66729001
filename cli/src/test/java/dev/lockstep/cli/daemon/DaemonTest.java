package dev.lockstep.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Cli;
import dev.lockstep.cli.Environment;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon process started by {@code lockstep daemon start}, reached over its Unix socket by
 * the same client {@code Main} uses: its output and exit codes are those of an in-process run.
 */
class DaemonTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  Map<String, String> env;

  /** Output and exit code of one run. */
  record Result(OptionalInt exit, byte[] out, byte[] err) {
    String errText() {
      return new String(err, StandardCharsets.UTF_8);
    }

    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  Map<String, String> env() {
    if (env == null) {
      env = new HashMap<>(System.getenv());
      env.put("LOCKSTEP_DAEMON_DIR", tmp.resolve("d").toString());
      env.remove("LOCKSTEP_DAEMON");
      // Its own test below; elsewhere the warm-up's CPU would only slow the tests down.
      env.put("LOCKSTEP_DAEMON_WARMUP", "0");
    }
    return env;
  }

  Result inProcess(Path workDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = new Cli(new Environment(o, e, workDir, env(), false)).run(args);
    o.flush();
    e.flush();
    return new Result(OptionalInt.of(code), out.toByteArray(), err.toByteArray());
  }

  Result forwarded(Path workDir, String... args) {
    return forwardedWithInput(workDir, new byte[0], args);
  }

  Result forwardedWithInput(Path workDir, byte[] input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OptionalInt code = DaemonClient.forward(args, env(), workDir, false, out, err, input);
    return new Result(code, out.toByteArray(), err.toByteArray());
  }

  @AfterEach
  void stopDaemon() {
    if (env != null) {
      DaemonClient.stop(DaemonAddress.of(env));
    }
  }

  void start() {
    Result started = inProcess(EXAMPLES, "daemon", "start", "--idle-minutes", "10");
    assertEquals(OptionalInt.of(0), started.exit(), started.errText());
    assertTrue(started.outText().startsWith("started\nlockstep daemon running: pid "), started.outText());
  }

  @Test
  void standardInputIsSentToTheDaemon() throws Exception {
    start();
    byte[] sql = "CREATE INDEX \"User_name_idx\" ON \"User\" (\"name\");\n".getBytes(StandardCharsets.UTF_8);
    String file = "prisma-shop/prisma/migrations/20990101000000_next/migration.sql";
    Result viaDaemon = forwardedWithInput(EXAMPLES, sql, "lint", "--stdin", "--stdin-filename", file, "--format",
        "json");
    assertTrue(viaDaemon.exit().isPresent(), "the daemon ran it");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new Cli(new Environment(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), EXAMPLES, env(), false,
        new java.io.ByteArrayInputStream(sql))).run("lint", "--stdin", "--stdin-filename", file, "--format", "json");
    assertEquals(code, viaDaemon.exit().getAsInt(), viaDaemon.errText());
    assertEquals(out.toString(StandardCharsets.UTF_8), viaDaemon.outText());
    assertTrue(viaDaemon.outText().contains("require-concurrent-index-creation"), viaDaemon.outText());
    assertTrue(viaDaemon.outText().contains(file), viaDaemon.outText());
  }

  @Test
  void aNewDaemonWarmsUpOnTheBundledMigrationsWhileItServesCommands() throws Exception {
    env().remove("LOCKSTEP_DAEMON_WARMUP");
    start();
    DaemonAddress address = DaemonAddress.of(env());
    String status = DaemonClient.status(address).orElseThrow();
    assertTrue(status.contains(", warming up (pass ") || status.contains(", warmed up ("), status);
    // Commands take turns with the warm-up and print exactly what they print in-process.
    for (String[] lint : List.of(new String[] {"lint", "prisma-shop", "--format", "json", "--fail-on", "never"},
        new String[] {"lint", "prisma-shop", "--format", "sarif"})) {
      Result remote = forwarded(EXAMPLES, lint);
      assertTrue(remote.exit().isPresent(), "the daemon ran it");
      Result local = inProcess(EXAMPLES, lint);
      assertEquals(local.exit(), remote.exit(), remote.errText());
      assertEquals(local.outText(), remote.outText());
    }
    for (int i = 0; i < 1200 && !status.contains("warmed up"); i++) {
      Thread.sleep(100);
      status = DaemonClient.status(address).orElseThrow();
    }
    assertTrue(status.contains(", warmed up (" + DaemonTraining.DEFAULT_PASSES + " of "
        + DaemonTraining.DEFAULT_PASSES + " passes)"), status);
    assertEquals(List.of(), trainingFolders(address), "the copied migrations are removed once it is warm");
    assertFalse(log(address).contains("no warm-up"), log(address));
    assertTrue(log(address).contains(" warm-up: " + DaemonTraining.DEFAULT_PASSES + " of "
        + DaemonTraining.DEFAULT_PASSES + " passes, "), log(address));
  }

  @Test
  void aDaemonStoppedWhileItWarmsUpRemovesWhatItCopied() throws Exception {
    env().remove("LOCKSTEP_DAEMON_WARMUP");
    start();
    DaemonAddress address = DaemonAddress.of(env());
    assertTrue(DaemonClient.stop(address).isPresent(), "stopped");
    for (int i = 0; i < 600 && (!trainingFolders(address).isEmpty() || !log(address).contains("stopped after")); i++) {
      Thread.sleep(50);
    }
    assertTrue(log(address).contains("stopped after"), log(address));
    assertEquals(List.of(), trainingFolders(address));
  }

  static List<Path> trainingFolders(DaemonAddress address) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(address.dir())) {
      return s.filter(p -> p.getFileName().toString().startsWith("training-")).toList();
    }
  }

  @Test
  void theBundledMigrationsAreTheExampleAndEveryRulesFixtures() throws IOException {
    List<Path> projects = DaemonTraining.extract(tmp);
    Path fixtures = Path.of("..", "rules", "src", "test", "resources", "fixtures").toAbsolutePath().normalize();
    long rules;
    try (java.util.stream.Stream<Path> s = Files.list(fixtures)) {
      rules = s.filter(Files::isDirectory).count();
    }
    assertEquals(rules + 1, projects.size(), projects.toString());
    assertEquals(tmp.resolve("prisma-shop"), projects.get(projects.size() - 1));
    long copied;
    long bundled;
    try (java.util.stream.Stream<Path> a = Files.walk(tmp); java.util.stream.Stream<Path> b = Files.walk(fixtures)) {
      copied = a.filter(p -> p.toString().endsWith(".sql")).count();
      bundled = b.filter(p -> p.toString().endsWith(".sql")).count();
    }
    try (java.util.stream.Stream<Path> m = Files.walk(EXAMPLES.resolve("prisma-shop/prisma/migrations"))) {
      bundled += m.filter(p -> p.toString().endsWith(".sql")).count();
    }
    assertEquals(bundled, copied);
    assertTrue(Files.isRegularFile(tmp.resolve("prisma-shop/prisma/migrations/migration_lock.toml")));
  }

  @Test
  void lintsInTheDaemonExactlyAsInProcess() throws Exception {
    Result none = inProcess(EXAMPLES, "daemon", "status");
    assertEquals(OptionalInt.of(1), none.exit());
    assertTrue(none.outText().startsWith("no lockstep daemon runs for this build"), none.outText());
    assertFalse(forwarded(EXAMPLES, "lint", "prisma-shop").exit().isPresent(), "no daemon: the caller runs it");

    start();
    Path dir = tmp.resolve("d");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    Result again = inProcess(EXAMPLES, "daemon", "start");
    assertTrue(again.outText().startsWith("already running\n"), again.outText());

    List<String[]> commands = List.of(
        new String[] {"lint", "prisma-shop", "--format", "json", "--fail-on", "never"},
        new String[] {"lint", "prisma-shop", "--format", "sarif"},
        new String[] {"lint", "prisma-shop", "--color", "never"},
        new String[] {"lint", "does-not-exist"},
        new String[] {"lint", "--format", "yaml", "prisma-shop"},
        new String[] {"rules", "--format", "markdown"},
        new String[] {"explain", "require-concurrent-index-creation"});
    for (String[] args : commands) {
      Result local = inProcess(EXAMPLES, args);
      Result remote = forwarded(EXAMPLES, args);
      assertEquals(local.exit(), remote.exit(), String.join(" ", args) + ": " + remote.errText());
      assertEquals(local.outText(), remote.outText(), String.join(" ", args));
      assertEquals(local.errText(), remote.errText(), String.join(" ", args));
    }
    // a report written to a file, relative to the caller's directory
    Result toFile = forwarded(EXAMPLES.resolve("prisma-shop"), "lint", ".", "--format", "json", "--output",
        tmp.resolve("report.json").toString());
    assertEquals(OptionalInt.of(1), toFile.exit(), toFile.errText());
    Result local = inProcess(EXAMPLES.resolve("prisma-shop"), "lint", ".", "--format", "json");
    assertArrayEquals(local.out(), Files.readAllBytes(tmp.resolve("report.json")));

    // several callers at once each get their own output
    List<CompletableFuture<Result>> parallel = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String format = i % 2 == 0 ? "json" : "text";
      parallel.add(CompletableFuture.supplyAsync(
          () -> forwarded(EXAMPLES, "lint", "prisma-shop", "--format", format, "--color", "never")));
    }
    for (int i = 0; i < parallel.size(); i++) {
      String format = i % 2 == 0 ? "json" : "text";
      Result expected = inProcess(EXAMPLES, "lint", "prisma-shop", "--format", format, "--color", "never");
      assertEquals(expected.outText(), parallel.get(i).get().outText());
    }

    // commands a daemon does not run are left to the caller
    assertFalse(forwarded(EXAMPLES, "lsp").exit().isPresent());
    assertFalse(forwarded(EXAMPLES, "daemon", "status").exit().isPresent());
    Map<String, String> off = new HashMap<>(env());
    off.put("LOCKSTEP_DAEMON", "0");
    assertFalse(DaemonClient.forward(new String[] {"lint", "prisma-shop"}, off, EXAMPLES, false,
        new ByteArrayOutputStream(), new ByteArrayOutputStream(), new byte[0]).isPresent());

    Result status = inProcess(EXAMPLES, "daemon", "status");
    assertEquals(OptionalInt.of(0), status.exit());
    assertTrue(status.outText().contains("command(s) served"), status.outText());

    Result stop = inProcess(EXAMPLES, "daemon", "stop");
    assertTrue(stop.outText().startsWith("stopping lockstep daemon"), stop.outText());
    Path socket = DaemonAddress.of(env()).socket();
    for (int i = 0; i < 200 && Files.exists(socket); i++) {
      Thread.sleep(50);
    }
    assertFalse(Files.exists(socket), "the daemon removes its socket when it stops");
    assertFalse(forwarded(EXAMPLES, "lint", "prisma-shop").exit().isPresent());
  }

  @Test
  void malformedRequestsAreAnsweredAndTheDaemonGoesOn() throws Exception {
    start();
    Path socket = DaemonAddress.of(env()).socket();
    for (byte[] garbage : List.of("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0x4c, 0x4b, 0x53, 0x54, 0, 0, 0, 1, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        new byte[] {0x4c, 0x4b})) {
      try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        c.connect(UnixDomainSocketAddress.of(socket));
        c.write(ByteBuffer.wrap(garbage));
        c.shutdownOutput();
        DataInputStream in = new DataInputStream(Channels.newInputStream(c));
        byte[] answer = in.readAllBytes();
        if (garbage.length > 8) {
          assertTrue(answer.length > 0 && answer[0] == Wire.ERR, "an error frame for " + garbage.length + " bytes");
        }
      }
    }
    // a run request with a command the daemon does not run
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      java.io.DataOutputStream req = new java.io.DataOutputStream(Channels.newOutputStream(c));
      req.writeInt(Wire.MAGIC);
      req.writeInt(Wire.VERSION);
      req.writeByte(Wire.RUN);
      Wire.writeString(req, "/");
      req.writeBoolean(false);
      req.writeInt(1);
      Wire.writeString(req, "lsp");
      req.writeInt(0);
      Wire.writeBytes(req, new byte[0]);
      req.flush();
      String answer = new String(new DataInputStream(Channels.newInputStream(c)).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.contains("cannot run 'lsp' here"), answer);
    }
    Result lint = forwarded(EXAMPLES, "lint", "prisma-shop", "--format", "json");
    assertEquals(OptionalInt.of(1), lint.exit(), lint.errText());
    assertTrue(DaemonClient.status(DaemonAddress.of(env())).isPresent());
  }

  @Test
  void aSocketLeftBehindOrAnOpenFolderIsNotUsed() throws Exception {
    DaemonAddress address = DaemonAddress.of(env());
    assertTrue(address.prepare().isEmpty());
    // a daemon killed without cleaning up leaves its socket file: nobody listens there
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(address.socket()));
    }
    assertTrue(Files.exists(address.socket()));
    Result r = forwarded(EXAMPLES, "lint", "prisma-shop");
    assertFalse(r.exit().isPresent());
    assertEquals(0, r.out().length + r.err().length, "nothing written before falling back");
    // a new daemon replaces the dead socket
    start();
    assertEquals(OptionalInt.of(1), forwarded(EXAMPLES, "lint", "prisma-shop").exit());
    DaemonClient.stop(address);
    for (int i = 0; i < 200 && Files.exists(address.socket()); i++) {
      Thread.sleep(50);
    }

    Files.setPosixFilePermissions(address.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Result refused = inProcess(EXAMPLES, "daemon", "start");
    assertEquals(OptionalInt.of(2), refused.exit());
    assertTrue(refused.errText().contains(address.dir() + " is open to other users (rwxr-xr-x)"), refused.errText());
    assertFalse(forwarded(EXAMPLES, "lint", "prisma-shop").exit().isPresent());
  }

  @Test
  void withAutoACommandThatFindsNoDaemonStartsOneForLater() throws Exception {
    env().put("LOCKSTEP_DAEMON", "auto");
    String[] lint = {"lint", "prisma-shop", "--format", "json"};
    assertFalse(forwarded(EXAMPLES, lint).exit().isPresent());
    assertFalse(DaemonLauncher.startForLater(new String[] {"lsp"}, env()), "only for commands a daemon runs");
    assertTrue(DaemonLauncher.startForLater(lint, env()));
    assertFalse(DaemonLauncher.startForLater(lint, env()), "not a second one while the first starts");
    DaemonAddress address = DaemonAddress.of(env());
    for (int i = 0; i < 600 && DaemonClient.status(address).isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertTrue(DaemonClient.status(address).isPresent(), () -> "no daemon: " + log(address));
    Result remote = forwarded(EXAMPLES, lint);
    Result local = inProcess(EXAMPLES, lint);
    assertEquals(local.exit(), remote.exit());
    assertEquals(local.outText(), remote.outText());
    Map<String, String> other = new HashMap<>(env());
    other.remove("LOCKSTEP_DAEMON");
    assertFalse(DaemonLauncher.startForLater(lint, other), "without auto nothing is started");
  }

  @Test
  void aDaemonStopsWhenItsJarIsRebuilt() throws Exception {
    Path jar = tmp.resolve("extra.jar");
    Files.writeString(jar, "build 1");
    String classPath = System.getProperty("java.class.path") + java.io.File.pathSeparator + jar;
    Path dir = tmp.resolve("d");
    DaemonAddress address = new DaemonAddress(dir, DaemonAddress.build(classPath));
    assertTrue(address.prepare().isEmpty());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classPath, DaemonServer.class.getName(), "--socket", address.socket().toString())
        .redirectErrorStream(true).redirectOutput(address.log().toFile()).start();
    try {
      for (int i = 0; i < 600 && DaemonClient.status(address).isEmpty(); i++) {
        assertTrue(p.isAlive(), () -> "the daemon exited: " + log(address));
        Thread.sleep(50);
      }
      assertTrue(DaemonClient.status(address).isPresent());
      Files.writeString(jar, "build 2, longer");
      assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped after the rebuild");
      assertFalse(Files.exists(address.socket()));
      assertTrue(log(address).contains("the class path changed (a rebuilt jar); stopping"), log(address));
    } finally {
      p.destroyForcibly();
    }
  }

  static String log(DaemonAddress address) {
    try {
      return Files.readString(address.log());
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void aDaemonStartedFromARelativeJarPathGetsItsAbsolutePathAndTheSameBuild() throws IOException {
    Path jar = Path.of("target", "relative-" + System.nanoTime() + ".jar");
    Files.writeString(jar, "a jar");
    try {
      String relative = jar.toString() + java.io.File.pathSeparator + "target/classes";
      String absolute = DaemonLauncher.absolute(relative);
      for (String entry : absolute.split(java.io.File.pathSeparator)) {
        assertTrue(Path.of(entry).isAbsolute(), entry);
      }
      assertEquals(jar.toAbsolutePath().normalize().toString(), absolute.split(java.io.File.pathSeparator)[0]);
      assertEquals(DaemonAddress.build(relative), DaemonAddress.build(absolute), "clients find its socket");
    } finally {
      Files.deleteIfExists(jar);
    }
  }

  @Test
  void theBuildNameChangesWithTheJar() throws IOException {
    Path jar = tmp.resolve("lockstep.jar");
    Files.writeString(jar, "one");
    String first = DaemonAddress.build(jar.toString());
    assertEquals(first, DaemonAddress.build(jar.toString()));
    assertEquals(16, first.length());
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
    String touched = DaemonAddress.build(jar.toString());
    assertNotEquals(first, touched);
    Files.writeString(jar, "two!");
    assertNotEquals(touched, DaemonAddress.build(jar.toString()));
    assertNotEquals(first, DaemonAddress.build(tmp.resolve("other.jar").toString()));
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Result r = inProcess(EXAMPLES, "daemon", "restart");
    assertEquals(OptionalInt.of(2), r.exit());
    assertTrue(r.errText().contains("restart"), r.errText());
    Result idle = inProcess(EXAMPLES, "daemon", "start", "--idle-minutes", "0");
    assertEquals(OptionalInt.of(2), idle.exit());
    env().put("LOCKSTEP_DAEMON_WARMUP", "off");
    Result warmup = inProcess(EXAMPLES, "daemon", "start");
    assertEquals(OptionalInt.of(2), warmup.exit());
    assertTrue(warmup.errText().contains("invalid LOCKSTEP_DAEMON_WARMUP 'off': expected 0"), warmup.errText());
    assertTrue(DaemonClient.status(DaemonAddress.of(env())).isEmpty(), "nothing was started");
  }
}
