package dev.lockstep.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code lockstep} executable. The only place that ends the process. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Environment env = new Environment(out, err, Path.of("").toAbsolutePath(), System.getenv(),
        System.console() != null);
    int code = new Cli(env).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
