package dev.lockstep.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use of the outside world: the streams, the working directory, environment
 * variables and whether standard output is a terminal. Tests pass their own.
 */
public record Environment(PrintStream out, PrintStream err, Path workDir, Map<String, String> env,
    boolean stdoutIsTerminal, InputStream in) {

  public Environment {
    workDir = workDir.toAbsolutePath().normalize();
    env = Map.copyOf(env);
  }

  /** An environment whose standard input is empty. */
  public Environment(PrintStream out, PrintStream err, Path workDir, Map<String, String> env,
      boolean stdoutIsTerminal) {
    this(out, err, workDir, env, stdoutIsTerminal, InputStream.nullInputStream());
  }

  /** Resolves a path argument against the working directory. */
  public Path resolve(String path) {
    return workDir.resolve(path).normalize();
  }
}
