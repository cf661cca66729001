package dev.lockstep.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a daemon process for this build: the same java and class path as this process. */
public final class DaemonLauncher {
  /**
   * JVM options of the daemon: the default JIT (it runs long) and G1, which hands memory back. A
   * corpus-sized lint grows the heap to about 2 GB; once no collection has run for a minute (G1
   * checks once a minute, so one to two minutes after the last command) the daemon collects in full,
   * and G1 returns the heap it no longer needs to the system (about 0.2 GB stays). The parallel
   * collector lints about 6% faster once settled but never returns memory, which a background process
   * that lives for hours should.
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=60000",
      "-XX:-G1PeriodicGCInvokesConcurrent", "-Xlog:disable", "-Xlog:all=error:stderr");

  /** Minutes without a command after which a daemon stops, unless told otherwise. */
  public static final long DEFAULT_IDLE_MINUTES = 180;

  private DaemonLauncher() {}

  /**
   * Starts the daemon for {@code address} in the background, its output appended to its log, and
   * returns at once; the caller checks {@link DaemonClient#status} to see it listening. The folder
   * must have been {@linkplain DaemonAddress#prepare() prepared}. {@code LOCKSTEP_DAEMON_WARMUP=0}
   * in {@code env} starts it without its warm-up on the bundled migrations.
   */
  public static Process spawn(DaemonAddress address, long idleMinutes, java.util.Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-cp");
    // The daemon runs in its own folder: a relative entry (java -jar lockstep.jar) would not resolve there.
    cmd.add(absolute(System.getProperty("java.class.path")));
    cmd.add(DaemonServer.class.getName());
    cmd.add("--socket");
    cmd.add(address.socket().toString());
    cmd.add("--idle-minutes");
    cmd.add(Long.toString(idleMinutes));
    if ("0".equals(env.get("LOCKSTEP_DAEMON_WARMUP"))) {
      cmd.add("--training-passes");
      cmd.add("0");
    }
    return new ProcessBuilder(cmd).directory(address.dir().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(address.log().toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /** The class path with every entry absolute, against this process's working directory. */
  static String absolute(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * With {@code LOCKSTEP_DAEMON=auto}, a command that found no daemon starts one for the commands
   * after it (and runs itself in-process). True when a daemon was started.
   */
  public static boolean startForLater(String[] args, java.util.Map<String, String> env) {
    if (args.length == 0 || !DaemonClient.FORWARDED.contains(args[0]) || !"auto".equals(env.get("LOCKSTEP_DAEMON"))) {
      return false;
    }
    DaemonAddress address = DaemonAddress.of(env);
    if (address.prepare().isPresent() || recentlyStarted(address)) {
      return false;
    }
    try {
      spawn(address, DEFAULT_IDLE_MINUTES, env);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a daemon was started (or failed to start) for this build in the last 30 seconds, as
   * its log shows: then it is still starting, or would fail again, and no other is started.
   */
  static boolean recentlyStarted(DaemonAddress address) {
    try {
      long age = System.currentTimeMillis() - java.nio.file.Files.getLastModifiedTime(address.log()).toMillis();
      return age >= 0 && age < 30_000;
    } catch (IOException e) {
      return false;
    }
  }
}
