package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "check-constraint-missing-not-valid",
    summary = "ADD CHECK without NOT VALID scans the whole table under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "scan", "constraint"})
public final class CheckConstraintMissingNotValid implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.operation() instanceof Operation.AddColumn col) {
      inline(ctx, col);
      return;
    }
    if (!(ctx.operation() instanceof Operation.AddConstraint ac) || ac.constraint().kind() != ConstraintKind.CHECK
        || ac.constraint().notValid() || ctx.isNewTable(ac.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ac.relation());
    if (table.isEmpty() || !table.get().scan()) {
      return;
    }
    String name = ac.constraint().name().map(n -> " \"" + n + "\"").orElse("");
    String message = "ADD CHECK" + name + " checks every row of " + Describe.rel(ac.relation()) + " while holding "
        + Describe.lock(table.get().lock()) + " — " + Describe.blocks(table.get().lock()) + " until the scan finishes";
    String help = "Add the constraint with NOT VALID (it then only checks new and updated rows, instantly), "
        + ConstraintFixes.validateLater(ctx, ac) + ": VALIDATE CONSTRAINT scans under a SHARE UPDATE EXCLUSIVE"
        + " lock, which lets reads and writes continue.";
    RuleContext.FindingBuilder b = ctx.report(ac.span(), message).help(help).fix(ConstraintFixes.notValid(ctx, ac));
    ConstraintFixes.plan(ctx, ac).ifPresent(b::plan);
  }

  /** {@code ADD COLUMN c int DEFAULT 0 CHECK (c >= 0)}: every row is checked; NOT VALID cannot be written inline. */
  private static void inline(RuleContext ctx, Operation.AddColumn col) {
    if (ctx.isNewTable(col.relation())
        || col.column().constraints().stream().noneMatch(k -> k.kind() == ConstraintKind.CHECK)) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), col.relation());
    if (table.isEmpty() || !table.get().scan() || table.get().rewrite()) {
      return; // a rewrite is reported by adding-column-rewrites-table
    }
    ctx.report(col.span(), "ADD COLUMN \"" + col.column().name() + "\" ... CHECK checks every row of "
            + Describe.rel(col.relation()) + " while holding " + Describe.lock(table.get().lock()) + " — "
            + Describe.blocks(table.get().lock()) + " until the scan finishes")
        .help("Add the column without the CHECK, then ALTER TABLE " + col.relation().sql() + " ADD CONSTRAINT ..."
            + " CHECK (...) NOT VALID; and validate it in a later migration.");
  }
}
