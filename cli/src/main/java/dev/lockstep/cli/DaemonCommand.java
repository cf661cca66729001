package dev.lockstep.cli;

import dev.lockstep.cli.daemon.DaemonAddress;
import dev.lockstep.cli.daemon.DaemonClient;
import dev.lockstep.cli.daemon.DaemonLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep daemon start|stop|status}: a long-running process that lints for later commands. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = {"Start, stop or show a background lockstep process for this build. While it runs, lint, plan,"
        + " rollback, rules and explain are handed to it: they skip the JVM's start-up and run compiled code, so"
        + " repeated runs (pre-commit hooks, watch loops) are several times faster. It keeps nothing between"
        + " commands (files and configuration are read afresh each time), listens on a Unix socket only you can"
        + " reach, and stops after --idle-minutes without a command or when its jar is rebuilt."
        + " LOCKSTEP_DAEMON=0 runs a command without it; LOCKSTEP_DAEMON=auto makes a command that finds no"
        + " daemon start one for the commands after it."},
    footer = {"", "Exit codes: 0 done (status: running), 1 status: not running, 2 usage error or the socket folder"
        + " is not private, 70 the daemon did not start (see its log)."})
public final class DaemonCommand implements Callable<Integer> {
  static final List<String> ACTIONS = List.of("start", "stop", "status");

  private final Environment env;

  @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status.")
  String action;

  @Option(names = "--idle-minutes", paramLabel = "N", defaultValue = "" + DaemonLauncher.DEFAULT_IDLE_MINUTES,
      description = "start: stop the daemon after N minutes without a command (default: ${DEFAULT-VALUE}).")
  long idleMinutes;

  DaemonCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    String act = LintCommand.choice("ACTION", action, ACTIONS);
    DaemonAddress address = DaemonAddress.of(env.env());
    switch (act) {
      case "status": {
        Optional<String> status = DaemonClient.status(address);
        if (status.isEmpty()) {
          env.out().println("no lockstep daemon runs for this build (socket " + address.socket() + ")");
          return ExitCodes.FINDINGS;
        }
        env.out().print(status.get());
        return ExitCodes.OK;
      }
      case "stop": {
        Optional<String> stopped = DaemonClient.stop(address);
        env.out().print(stopped.orElse("no lockstep daemon runs for this build\n"));
        return ExitCodes.OK;
      }
      default:
        return start(address);
    }
  }

  private int start(DaemonAddress address) throws IOException, InterruptedException {
    if (idleMinutes < 1) {
      throw new UsageException("invalid --idle-minutes " + idleMinutes + ": expected a number of minutes >= 1");
    }
    String warmup = env.env().get("LOCKSTEP_DAEMON_WARMUP");
    if (warmup != null && !warmup.equals("0") && !warmup.equals("1")) {
      throw new UsageException("invalid LOCKSTEP_DAEMON_WARMUP '" + warmup
          + "': expected 0 (start without the warm-up) or 1 (warm up, the default)");
    }
    Optional<String> problem = address.prepare();
    if (problem.isPresent()) {
      throw new UsageException("cannot start the daemon: " + problem.get()
          + " (set LOCKSTEP_DAEMON_DIR to a private folder)");
    }
    Optional<String> running = DaemonClient.status(address);
    if (running.isPresent()) {
      env.out().print("already running\n" + running.get());
      return ExitCodes.OK;
    }
    Process p = DaemonLauncher.spawn(address, idleMinutes, env.env());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<String> status = DaemonClient.status(address);
      if (status.isPresent()) {
        env.out().print("started\n" + status.get());
        return ExitCodes.OK;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    p.destroy();
    env.err().println("lockstep: the daemon did not start; the end of its log " + address.log() + ":");
    List<String> log = Files.exists(address.log())
        ? Files.readAllLines(address.log(), StandardCharsets.UTF_8) : List.of();
    log.subList(Math.max(0, log.size() - 20), log.size()).forEach(env.err()::println);
    return ExitCodes.INTERNAL;
  }
}
