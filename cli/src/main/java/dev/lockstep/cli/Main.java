package dev.lockstep.cli;

import java.io.FileOutputStream;
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

  public static void main(String[] args) {
    // A daemon of this build, when one runs, takes the command before anything else is loaded.
    OptionalInt forwarded = DaemonClient.forward(args, System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    if (forwarded.isPresent()) {
      System.exit(forwarded.getAsInt());
    }
    DaemonLauncher.startForLater(args, System.getenv());
    Services.preload(args);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Environment env = new Environment(out, err, Path.of("").toAbsolutePath(), System.getenv(),
        System.console() != null, System.in);
    int code = new Cli(env).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
