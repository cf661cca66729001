package dev.lockstep.core.rule;

import java.util.List;

/** The safe, staged alternative to a risky change. */
public record Plan(String title, List<PlanStep> steps) {
  public Plan {
    steps = List.copyOf(steps);
  }
}
