package dev.lockstep.core.project;

import java.nio.file.Path;
import java.util.Objects;

/** An input that could not be used (missing, unreadable, not SQL); the rest is still discovered. */
public record InputProblem(Path path, String message) {
  public InputProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
