package dev.lockstep.core.plan;

import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a {@link Plan} whose migration steps are new files in one tool's layout, numbered in
 * order after the current migration.
 */
public final class PlanBuilder {
  private final MigrationLayout layout;
  private final String title;
  private final List<PlanStep> steps = new ArrayList<>();
  private int files;

  private PlanBuilder(MigrationLayout layout, String title) {
    this.layout = layout;
    this.title = title;
  }

  public static PlanBuilder of(MigrationLayout layout, String title) {
    return new PlanBuilder(layout, title);
  }

  public MigrationLayout layout() {
    return layout;
  }

  /**
   * A new migration file running {@code statements} (each a complete statement ending in {@code ;})
   * in one transaction, or outside any transaction when {@code transactional} is false. Where the
   * tool allows only one statement in a file that runs outside a transaction, each statement gets a
   * file of its own.
   */
  public PlanBuilder migration(String stepTitle, String name, List<String> statements, boolean transactional,
      String why) {
    if (!transactional && statements.size() > 1 && layout.oneStatementPerNonTransactionalFile()) {
      for (int i = 0; i < statements.size(); i++) {
        add(stepTitle + " (" + (i + 1) + "/" + statements.size() + ")", name + "_" + (i + 1),
            List.of(statements.get(i)), false, why);
      }
      return this;
    }
    add(stepTitle, name, statements, transactional, why);
    return this;
  }

  /** A migration of one statement. */
  public PlanBuilder migration(String stepTitle, String name, String statement, boolean transactional, String why) {
    return migration(stepTitle, name, List.of(statement), transactional, why);
  }

  private void add(String stepTitle, String name, List<String> statements, boolean transactional, String why) {
    files++;
    Optional<String> path = layout.path(files, name, transactional);
    String reason = why + layout.note(transactional).map(n -> "; " + n).orElse("");
    if (!transactional && !layout.canRunOutsideTransaction()) {
      reason = why + "; " + layout.note(false).orElse("");
    }
    steps.add(new PlanStep(PlanStep.Kind.MIGRATION, stepTitle, path,
        Optional.of(layout.content(statements, transactional)), reason));
  }

  /** Ship application code. */
  public PlanBuilder deploy(String stepTitle, String why) {
    steps.add(new PlanStep(PlanStep.Kind.DEPLOY, stepTitle, Optional.empty(), Optional.empty(), why));
    return this;
  }

  /** Wait for something outside the database. */
  public PlanBuilder waitFor(String stepTitle, String why) {
    steps.add(new PlanStep(PlanStep.Kind.WAIT, stepTitle, Optional.empty(), Optional.empty(), why));
    return this;
  }

  public Plan build() {
    return new Plan(title, steps);
  }
}
