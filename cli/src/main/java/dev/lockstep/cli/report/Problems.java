package dev.lockstep.cli.report;

import dev.lockstep.core.engine.Problem;

/** Which input problems mean the run did not lint everything it was asked to. */
public final class Problems {
  private Problems() {}

  /**
   * True when the problem means an input was not linted: a path that does not exist, a file or
   * directory that cannot be read, a directory without migrations. Files skipped on purpose
   * (migrations for a database lockstep does not lint) and files read with a fallback encoding
   * are notes, not failures.
   */
  public static boolean isBlocking(Problem p) {
    String m = p.message();
    return !(m.startsWith("skipped") || m.startsWith("not valid UTF-8"));
  }
}
