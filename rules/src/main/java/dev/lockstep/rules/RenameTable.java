package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "rename-table",
    summary = "Renaming a table breaks application code that still uses the old name",
    severity = Severity.WARNING,
    tags = {"compatibility"})
public final class RenameTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.RenameTable rt) || ctx.isNewTable(rt.relation())) {
      return;
    }
    String message = "RENAME TABLE " + Describe.rel(rt.relation()) + " to \"" + rt.newName() + "\": the rename is"
        + " instant, but application code that is still running uses the old name and fails with \"relation does"
        + " not exist\" until the new code is deployed";
    String schema = rt.relation().qualified() ? ObjectName.quote(rt.relation().schema()) + "." : "";
    String help = "Rename in steps: rename the table and, in the same migration, CREATE VIEW " + rt.relation().sql()
        + " AS SELECT * FROM " + schema + ObjectName.quote(rt.newName())
        + "; (a simple view stays insertable and updatable) so old code keeps working; deploy code that uses the"
        + " new name; then drop the view in a later migration.";
    if (ctx.file().tool() == MigrationTool.PRISMA) {
      help += " With Prisma you can instead keep the table name and rename only the model with @@map(\""
          + rt.relation().name() + "\").";
    }
    RuleContext.FindingBuilder b = ctx.report(rt.span(), message).help(help);
    Plans.renameTable(ctx, rt).ifPresent(b::plan);
  }
}
