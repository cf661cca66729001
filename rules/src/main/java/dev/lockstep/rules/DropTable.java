package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.stream.Collectors;

@RuleInfo(
    id = "drop-table",
    summary = "Dropping an existing table deletes its data and breaks code that still uses it",
    severity = Severity.WARNING,
    tags = {"compatibility", "data-loss"})
public final class DropTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.DropTable dt)) {
      return;
    }
    List<ObjectName> existing = dt.tables().stream().filter(t -> !ctx.isNewTable(t)).toList();
    if (existing.isEmpty()) {
      return;
    }
    String names = existing.stream().map(Describe::rel).collect(Collectors.joining(", "));
    String message = "DROP TABLE deletes " + names + " and all rows irreversibly; running application code that"
        + " still queries " + (existing.size() == 1 ? "it" : "them") + " fails with \"relation does not exist\"";
    if (dt.cascade()) {
      message += ", and CASCADE also drops every view and foreign key that depends on it";
    }
    String help = "First deploy code that no longer uses the table (and back up its data if it may be needed), then"
        + " drop it in a later migration. To keep a way back, rename it (e.g. to " + existing.get(0).name()
        + "_deleted) first and drop it after a grace period.";
    ctx.report(dt.span(), message).help(help)
        .plan(dev.lockstep.core.plan.ExpandContract.dropTable(Plans.layout(ctx.file()), existing, dt.cascade()));
  }
}
