package dev.lockstep.rules;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;
import java.util.Comparator;
import java.util.Optional;

@RuleInfo(
    id = "slow-statement-after-exclusive-lock",
    summary = "A slow statement runs while the transaction holds an ACCESS EXCLUSIVE lock on an existing table",
    severity = Severity.ERROR,
    tags = {"locking", "transactions"})
public final class SlowStatementAfterExclusiveLock implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Operation op = ctx.operation();
    if (!ctx.transaction().inTransaction() || op instanceof Operation.Update || op instanceof Operation.Delete
        || !ctx.effects().transactional()) {
      return;
    }
    if (ctx.transaction().heldLocks().isEmpty()) {
      return;
    }
    Optional<RelationEffect> slow = Optional.empty();
    java.util.List<RelationEffect> relations = ctx.effects().relations();
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect r = relations.get(i);
      if ((r.rewrite() || r.scan()) && Describe.isExistingTableEffect(ctx, r)) {
        slow = Optional.of(r);
        break;
      }
    }
    if (slow.isEmpty() || !Describe.firstInStatement(ctx, o -> o == op)) {
      return;
    }
    Optional<TransactionState.HeldLock> held = ctx.transaction().heldLocks().stream()
        .filter(h -> h.mode() == LockMode.ACCESS_EXCLUSIVE && isTable(h)
            && Describe.isExistingTable(ctx, h.relation()))
        // A statement that itself locks the relation ACCESS EXCLUSIVE blocks it anyway.
        .filter(h -> Describe.on(ctx.effects(), h.relation()).map(r -> r.lock() != LockMode.ACCESS_EXCLUSIVE)
            .orElse(true))
        .min(Comparator.comparingInt(TransactionState.HeldLock::statementIndex));
    if (held.isEmpty()) {
      return;
    }
    if (ctx.alreadyReported(true)) {
      return; // once per transaction: the first such statement already explains the outage
    }
    String doing = slow.get().rewrite() ? "rewrites " + Describe.rel(slow.get().relation())
        : (op instanceof Operation.CreateIndex ? "builds an index by reading all of " : "scans all of ")
            + Describe.rel(slow.get().relation());
    String message = Describe.command(op) + " " + doing + " while this transaction still holds the ACCESS EXCLUSIVE"
        + " lock on " + Describe.rel(held.get().relation()) + " taken by " + Describe.statementRef(ctx, held.get())
        + ": reads and writes on " + Describe.rel(held.get().relation()) + " stay blocked until the transaction"
        + " commits, so the outage lasts as long as this statement";
    String help = "Run the slow statement in a separate migration (its own transaction), before or after the one"
        + " that takes the ACCESS EXCLUSIVE lock, so the lock is held only for the quick change. Reported once per"
        + " transaction: any later slow statement in it extends the outage further.";
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help);
    Plans.splitTransaction(ctx, held.get().relation()).ifPresent(b::plan);
  }

  private static boolean isTable(TransactionState.HeldLock h) {
    return h.kind() == RelationKind.TABLE || h.kind() == RelationKind.MATERIALIZED_VIEW;
  }
}
