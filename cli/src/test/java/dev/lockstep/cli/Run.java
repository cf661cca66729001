package dev.lockstep.cli;

import dev.lockstep.core.service.LintService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** One in-process run of the CLI with captured output. */
public record Run(int exit, String out, String err) {

  public static Run in(Path workDir, String... args) {
    return in(workDir, Services::lintService, args);
  }

  public static Run in(Path workDir, Supplier<LintService> service, String... args) {
    return in(workDir, service, Map.of(), args);
  }

  /** With these environment variables. */
  public static Run in(Path workDir, Map<String, String> env, String... args) {
    return in(workDir, Services::lintService, env, args);
  }

  public static Run in(Path workDir, Supplier<LintService> service, Map<String, String> env, String... args) {
    return withInput(workDir, service, env, new byte[0], args);
  }

  /** With {@code stdin} as standard input. */
  public static Run withInput(Path workDir, byte[] stdin, String... args) {
    return withInput(workDir, Services::lintService, Map.of(), stdin, args);
  }

  private static Run withInput(Path workDir, Supplier<LintService> service, Map<String, String> env, byte[] stdin,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = new Cli(new Environment(o, e, workDir, env, false, new ByteArrayInputStream(stdin)), service).run(args);
    o.flush();
    e.flush();
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
