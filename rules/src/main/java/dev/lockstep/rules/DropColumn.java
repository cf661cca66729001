package dev.lockstep.rules;

import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "drop-column",
    summary = "Dropping a column breaks application code that still reads or writes it",
    severity = Severity.WARNING,
    tags = {"compatibility", "data-loss"})
public final class DropColumn implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.DropColumn dc) || ctx.isNewTable(dc.relation())) {
      return;
    }
    Optional<Column> col = ctx.catalog().table(dc.relation()).flatMap(t -> t.column(dc.column()));
    if (dc.ifExists() && col.isEmpty() && ctx.catalog().table(dc.relation()).isPresent()) {
      return; // DROP COLUMN IF EXISTS of a column the table does not have: nothing happens
    }
    if (col.isPresent() && col.get().origin().file().equals(ctx.file().path())) {
      return; // added by this very migration: no running code knows it
    }
    String message = "DROP COLUMN removes " + Describe.col(dc.relation(), dc.column()) + " and its data: application"
        + " code that is still running and reads or writes it fails with \"column does not exist\" until the new"
        + " code is deployed";
    String help;
    if (ctx.file().tool() == MigrationTool.PRISMA) {
      help = "Deploy in two steps: first mark the field with @ignore in schema.prisma (Prisma Client stops"
          + " selecting and writing it; no migration is generated) and deploy; then remove the field and deploy"
          + " this migration.";
    } else {
      help = "Deploy in two steps: first ship code that no longer reads or writes the column (for ORMs: remove or"
          + " ignore the field in the model), then drop the column in a later migration.";
    }
    if (col.isPresent() && col.get().notNull() && col.get().defaultValue().isEmpty() && !col.get().identity()
        && !col.get().generated()) {
      help += " The column is NOT NULL without a default, so code that stops writing it cannot insert rows: in the"
          + " first step also drop its NOT NULL constraint (or give it a default).";
    }
    RuleContext.FindingBuilder b = ctx.report(dc.span(), message).help(help);
    Plans.dropColumn(ctx, dc).ifPresent(b::plan);
  }
}
