package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "rename-column",
    summary = "Renaming a column breaks application code that still uses the old name",
    severity = Severity.WARNING,
    tags = {"compatibility"})
public final class RenameColumn implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.RenameColumn rc) || ctx.isNewTable(rc.relation())) {
      return;
    }
    String message = "RENAME COLUMN " + Describe.col(rc.relation(), rc.column()) + " to \"" + rc.newName()
        + "\": the rename is instant, but application code that is still running uses the old name and fails"
        + " with \"column does not exist\" until the new code is deployed";
    String help = "Expand and contract: add the new column, write both (application code or a trigger), backfill"
        + " it in batches, switch reads to it, and drop the old column in a later migration.";
    if (ctx.file().tool() == MigrationTool.PRISMA) {
      help += " With Prisma you can instead keep the database name and rename only the field:"
          + " newName Type @map(\"" + rc.column() + "\").";
    }
    java.util.Optional<dev.lockstep.core.rule.Plan> plan = Plans.renameColumn(ctx, rc);
    java.util.Optional<String> none = plan.isPresent() ? java.util.Optional.empty()
        : Plans.noColumnPlan(ctx, rc.relation(), rc.column());
    if (none.isPresent()) {
      help += " No safe staged plan: " + none.get() + ".";
    }
    RuleContext.FindingBuilder b = ctx.report(rc.span(), message).help(help);
    plan.or(() -> none.map(dev.lockstep.core.plan.ExpandContract::noPlan)).ifPresent(b::plan);
  }
}
