package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.stream.Collectors;

@RuleInfo(
    id = "lock-table",
    summary = "LOCK TABLE in a migration blocks traffic until the transaction ends",
    severity = Severity.WARNING,
    tags = {"locking"})
public final class LockTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.LockTable lt)) {
      return;
    }
    List<RelationEffect> locked = Describe.existingTables(ctx, ctx.effects()).stream()
        .filter(r -> Describe.blocksWrites(r.lock())).toList();
    if (locked.isEmpty()) {
      return;
    }
    String names = locked.stream().map(r -> Describe.rel(r.relation())).collect(Collectors.joining(", "));
    RelationEffect first = locked.get(0);
    String until = ctx.transaction().inTransaction() ? "until the transaction commits"
        : "(outside a transaction block LOCK TABLE fails with ERROR 25P01)";
    ctx.report(lt.span(), "LOCK TABLE takes " + Describe.lock(first.lock()) + " on " + names + " — "
            + Describe.blocks(first.lock()) + " " + until)
        .help("Every DDL statement takes the lock it needs by itself; an explicit LOCK TABLE only widens the window in"
            + " which traffic is blocked. Remove it, or if it really is needed, take the weakest mode that works"
            + (lt.nowait() ? "." : " with NOWAIT or a short lock_timeout."));
  }
}
