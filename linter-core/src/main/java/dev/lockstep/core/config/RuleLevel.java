package dev.lockstep.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The level a configuration file sets for a rule: {@code off} disables it. */
public enum RuleLevel {
  OFF,
  INFO,
  WARNING,
  ERROR;

  /** The lower-case spelling used in {@code lockstep.yaml}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean enabled() {
    return this != OFF;
  }

  /** The level spelled {@code id} (case-insensitive), if any. */
  public static Optional<RuleLevel> fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> l.id().equals(wanted)).findFirst();
  }

  /** Comma-separated valid spellings, for error messages. */
  public static String validIds() {
    return Arrays.stream(values()).map(RuleLevel::id).collect(Collectors.joining(", "));
  }
}
