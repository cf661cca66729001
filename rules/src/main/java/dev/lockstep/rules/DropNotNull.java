package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "drop-not-null",
    summary = "DROP NOT NULL lets NULL reach application code that does not expect it",
    severity = Severity.WARNING,
    tags = {"compatibility"},
    enabledByDefault = false)
public final class DropNotNull implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.DropNotNull dnn) || ctx.isNewTable(dnn.relation())) {
      return;
    }
    boolean alreadyNullable = ctx.catalog().table(dnn.relation()).flatMap(t -> t.column(dnn.column()))
        .map(c -> !c.notNull()).orElse(false);
    if (alreadyNullable) {
      return;
    }
    ctx.report(dnn.span(), "DROP NOT NULL on " + Describe.col(dnn.relation(), dnn.column()) + " lets new rows store"
            + " NULL there; running code that reads the column and assumes a value may fail on them")
        .help("Deploy code that handles NULL in this column first, then drop the constraint.");
  }
}
