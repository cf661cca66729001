package dev.lockstep.cli;

/** A mistake in how lockstep was invoked or configured: reported without a stack trace, exit code 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
