package dev.lockstep.core.rule;

import java.util.Locale;
import java.util.Optional;

/**
 * One step of an expand/contract plan.
 *
 * @param kind a migration file to create, a deploy of application code, or a wait
 * @param title one line
 * @param path for a migration step, where the file goes in the user's layout
 * @param sql for a migration step, its content
 * @param why one-line reason
 */
public record PlanStep(Kind kind, String title, Optional<String> path, Optional<String> sql, String why) {
  public enum Kind {
    MIGRATION,
    DEPLOY,
    WAIT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
