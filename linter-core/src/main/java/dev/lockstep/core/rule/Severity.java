package dev.lockstep.core.rule;

import java.util.Locale;

/** How serious a finding is. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return ordinal() >= other.ordinal();
  }
}
