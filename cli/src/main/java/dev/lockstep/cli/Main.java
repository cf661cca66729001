package dev.lockstep.cli;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import dev.lockstep.cli.daemon.DaemonClient;
import dev.lockstep.cli.daemon.DaemonLauncher;

/** The {@code lockstep} executable. The only place that ends the process (the daemon has its own). */
public final class Main {
  private Main() {}

  private static byte[] readInput(String[] args) {
    if (!DaemonClient.readsStandardInput(args)) {
      return new byte[0];
    }
    try {
      return System.in.readAllBytes();
    } catch (IOException e) {
      System.err.println("lockstep: cannot read standard input: " + e.getMessage());
      System.exit(ExitCodes.USAGE);
      return new byte[0];
    }
  }

  public static void main(String[] args) {
    // A daemon of this build, when one runs, takes the command before anything else is loaded.
    // Standard input is read here, once, when the command uses it: the daemon or this process lints it.
    byte[] input = readInput(args);
    OptionalInt forwarded = DaemonClient.forward(args, System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
        input);
    if (forwarded.isPresent()) {
      System.exit(forwarded.getAsInt());
    }
    Services.preload(args);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Environment env = new Environment(out, err, Path.of("").toAbsolutePath(), System.getenv(),
        System.console() != null, new ByteArrayInputStream(input));
    int code = new Cli(env).run(args);
    out.flush();
    err.flush();
    // Started after the command, so that the daemon's start and warm-up do not slow this one down.
    DaemonLauncher.startForLater(args, System.getenv());
    System.exit(code);
  }
}
