package dev.lockstep.cli.daemon;

import dev.lockstep.cli.Cli;
import dev.lockstep.cli.Environment;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A long-running lockstep process that runs the commands clients hand it ({@link DaemonClient}),
 * one at a time, so repeated lints skip the JVM's start-up and run compiled code. It holds no
 * state between commands: every command reads its files and configuration afresh. It stops on
 * request, after {@code --idle-minutes} without a command, or when its jar changes.
 *
 * <pre>
 * java -cp lockstep.jar dev.lockstep.cli.daemon.DaemonServer --socket PATH [--idle-minutes N] [--training-passes N]
 * </pre>
 *
 * <p>Once it listens, it warms up on the migrations bundled in the jar ({@link DaemonTraining}).
 */
public final class DaemonServer {
  private final Path socket;
  private final Duration idle;
  private final ReentrantLock running = new ReentrantLock(true);
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastUse = new AtomicLong(System.nanoTime());
  private final AtomicLong served = new AtomicLong();
  private final Instant started = Instant.now();
  private final DaemonTraining training;
  private volatile ServerSocketChannel server;

  DaemonServer(Path socket, Duration idle, int trainingPasses) {
    this.socket = socket;
    this.idle = idle;
    this.training = new DaemonTraining(trainingPasses);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path socket = null;
    long idleMinutes = DaemonLauncher.DEFAULT_IDLE_MINUTES;
    int trainingPasses = DaemonTraining.DEFAULT_PASSES;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--socket") && i + 1 < args.length) {
        socket = Path.of(args[++i]);
      } else if (args[i].equals("--idle-minutes") && i + 1 < args.length) {
        idleMinutes = Long.parseLong(args[++i]);
      } else if (args[i].equals("--training-passes") && i + 1 < args.length) {
        trainingPasses = Integer.parseInt(args[++i]);
      } else {
        System.err.println("lockstep daemon: unknown argument " + args[i]);
        System.exit(2);
      }
    }
    if (socket == null) {
      System.err.println("lockstep daemon: --socket PATH is required");
      System.exit(2);
    }
    ignoreHangUp();
    new DaemonServer(socket, Duration.ofMinutes(idleMinutes), trainingPasses).serve();
    System.exit(0);
  }

  /** The terminal that started the daemon may close; the daemon stays. */
  private static void ignoreHangUp() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no SIGHUP on this platform
    }
  }

  /** Listens until stopped or idle. */
  void serve() throws IOException, InterruptedException {
    if (Files.exists(socket)) {
      if (DaemonClient.control(socket, Wire.STATUS).isPresent()) {
        log("another daemon already listens on " + socket + "; exiting");
        return;
      }
      Files.deleteIfExists(socket); // left behind by a daemon that is gone
    }
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      server.close();
      if (DaemonClient.control(socket, Wire.STATUS).isPresent()) {
        log("another daemon started first on " + socket + "; exiting");
        return;
      }
      throw e;
    }
    Object key = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> removeSocket(key)));
    log("listening on " + socket + " (pid " + ProcessHandle.current().pid() + ", stops after "
        + idle.toMinutes() + " idle minutes)");
    Thread watch = new Thread(this::watchIdle, "lockstep-daemon-idle");
    watch.setDaemon(true);
    watch.start();
    Thread warm = null;
    if (!training.finished()) {
      // stopping closes the listening socket: the warm-up ends with it
      warm = new Thread(() -> training.run(socket.toAbsolutePath().getParent(), running, () -> !server.isOpen()),
          "lockstep-daemon-training");
      warm.setDaemon(true);
      warm.start();
    }
    while (true) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException e) {
        break;
      }
      active.incrementAndGet();
      lastUse.set(System.nanoTime());
      Thread t = new Thread(() -> {
        try {
          handle(client);
        } finally {
          lastUse.set(System.nanoTime());
          active.decrementAndGet();
        }
      }, "lockstep-daemon-client");
      t.start();
    }
    if (warm != null) {
      warm.join(30_000); // it stops after the lint it runs, and removes its files
    }
    running.lock(); // let a command in progress finish
    removeSocket(key);
    log("stopped after " + served.get() + " command(s)");
  }

  private void removeSocket(Object key) {
    try {
      // only our own socket: a newer daemon may have replaced it
      if (Files.exists(socket) && java.util.Objects.equals(key,
          Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey())) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException e) {
      // the folder is gone; nothing to clean
    }
  }

  /**
   * Stops the daemon when it has been idle long enough, or when its jar was rebuilt: its classes
   * would no longer match the jar, and clients of the new build look for a socket of another name.
   */
  private void watchIdle() {
    String classPath = System.getProperty("java.class.path", "");
    String build = DaemonAddress.build(classPath);
    while (true) {
      try {
        Thread.sleep(Math.min(2_000, Math.max(100, idle.toMillis() / 4)));
      } catch (InterruptedException e) {
        return;
      }
      if (active.get() == 0 && System.nanoTime() - lastUse.get() > idle.toNanos()) {
        log("idle for " + idle.toMinutes() + " minutes; stopping");
        stop();
        return;
      }
      if (!DaemonAddress.build(classPath).equals(build)) {
        log("the class path changed (a rebuilt jar); stopping");
        stop();
        return;
      }
    }
  }

  private void stop() {
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket does not fail in practice
    }
  }

  private void handle(SocketChannel client) {
    try (client) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client), 1 << 16));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client), 1 << 16));
      try {
        request(in, out);
      } catch (Wire.Malformed e) {
        reject(out, "lockstep daemon: " + e.getMessage());
      }
    } catch (EOFException e) {
      log("a client disconnected before its request was complete");
    } catch (IOException e) {
      log("a client connection failed: " + e);
    }
  }

  private void request(DataInputStream in, DataOutputStream out) throws IOException {
    int magic = in.readInt();
    int version = in.readInt();
    if (magic != Wire.MAGIC || version != Wire.VERSION) {
      reject(out, "lockstep daemon: not a request of protocol " + Wire.VERSION);
      return;
    }
    byte kind = in.readByte();
    if (kind == Wire.STATUS) {
      byte[] text = status().getBytes(StandardCharsets.UTF_8);
      Wire.frame(out, Wire.OUT, text, 0, text.length);
      Wire.exit(out, 0);
    } else if (kind == Wire.STOP) {
      byte[] text = ("stopping lockstep daemon (pid " + ProcessHandle.current().pid() + ")\n")
          .getBytes(StandardCharsets.UTF_8);
      Wire.frame(out, Wire.OUT, text, 0, text.length);
      Wire.exit(out, 0);
      log("stop requested");
      stop();
    } else if (kind == Wire.RUN) {
      run(in, out);
    } else {
      reject(out, "lockstep daemon: unknown request " + kind);
    }
  }

  private void run(DataInputStream in, DataOutputStream out) throws IOException {
    Path workDir = Path.of(Wire.readString(in));
    boolean terminal = in.readBoolean();
    String[] args = new String[Wire.readCount(in)];
    for (int i = 0; i < args.length; i++) {
      args[i] = Wire.readString(in);
    }
    int envCount = Wire.readCount(in);
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < envCount; i++) {
      env.put(Wire.readString(in), Wire.readString(in));
    }
    byte[] input = Wire.readBytes(in);
    if (args.length == 0 || !DaemonClient.FORWARDED.contains(args[0]) || !workDir.isAbsolute()) {
      reject(out, "lockstep daemon: cannot run " + (args.length == 0 ? "an empty command" : "'" + args[0] + "'")
          + " here");
      return;
    }
    PrintStream stdout = new PrintStream(new Wire.FrameStream(out, Wire.OUT), false, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(new Wire.FrameStream(out, Wire.ERR), true, StandardCharsets.UTF_8);
    int code;
    running.lock();
    try {
      code = new Cli(new Environment(stdout, stderr, workDir, env, terminal, new java.io.ByteArrayInputStream(input)))
          .run(args);
    } catch (RuntimeException | Error e) {
      stderr.println("lockstep: internal error in the daemon: " + e);
      code = 70;
      if (e instanceof VirtualMachineError) {
        stdout.flush();
        stderr.flush();
        Wire.exit(out, code);
        log("stopping after " + e);
        stop();
        return;
      }
    } finally {
      served.incrementAndGet();
      running.unlock();
    }
    stdout.flush();
    stderr.flush();
    if (stdout.checkError() || stderr.checkError()) {
      log("a client went away before its output was sent");
      return;
    }
    Wire.exit(out, code);
  }

  private static void reject(DataOutputStream out, String message) throws IOException {
    byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
    Wire.frame(out, Wire.ERR, text, 0, text.length);
    Wire.exit(out, 2);
  }

  private String status() {
    Runtime rt = Runtime.getRuntime();
    return "lockstep daemon running: pid " + ProcessHandle.current().pid()
        + ", up " + Duration.between(started, Instant.now()).toSeconds() + " s"
        + ", " + served.get() + " command(s) served"
        + ", heap " + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " of " + rt.maxMemory() / (1 << 20) + " MiB"
        + ", java " + Runtime.version()
        + ", " + training.describe()
        + ", stops after " + idle.toMinutes() + " idle minutes\n"
        + "socket: " + socket + "\n";
  }

  static void log(String message) {
    System.err.println(Instant.now() + " " + message);
  }
}
