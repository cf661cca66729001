package dev.lockstep.rules;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "adding-required-column",
    summary = "ADD COLUMN NOT NULL without a default fails on a table with rows and breaks inserts of running code",
    severity = Severity.ERROR,
    tags = {"compatibility", "runtime-error"})
public final class AddingRequiredColumn implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AddColumn ac) || ctx.isNewTable(ac.relation())
        || Describe.addsNothing(ctx, ac)) {
      return;
    }
    ColumnDef c = ac.column();
    if (!c.effectivelyNotNull() || c.hasAnyDefault()) {
      return;
    }
    String message = "ADD COLUMN \"" + c.name() + "\" is NOT NULL without a default: it fails with ERROR 23502"
        + " (column \"" + c.name() + "\" contains null values) if " + Describe.rel(ac.relation())
        + " has any rows; on an empty table it succeeds, and then every INSERT from application code that does not"
        + " set \"" + c.name() + "\" fails";
    StringBuilder help = new StringBuilder("Give the column a database default (a constant default is metadata"
        + " only on PostgreSQL 11 and later), or add it as nullable, deploy code that writes it, backfill existing"
        + " rows in batches, and only then make it NOT NULL.");
    if (ctx.file().tool() == MigrationTool.PRISMA) {
      help.append(" In schema.prisma, @default(cuid()), @default(uuid()) and @updatedAt live only in Prisma Client and"
          + " create no database default; use a static @default(...) or @default(dbgenerated(...)), or make the"
          + " field optional first.");
    }
    RuleContext.FindingBuilder b = ctx.report(ac.span(), message).help(help.toString());
    Plans.requiredColumn(ctx, ac).ifPresent(b::plan);
  }
}
