package dev.lockstep.cli;

/** The process exit codes of every lockstep command. */
public final class ExitCodes {
  /** Nothing at or above the {@code --fail-on} severity was found. */
  public static final int OK = 0;
  /** Findings at or above the {@code --fail-on} severity. */
  public static final int FINDINGS = 1;
  /** Usage, configuration or input error: bad flag, invalid config, a path that does not exist. */
  public static final int USAGE = 2;
  /** A bug in lockstep. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
