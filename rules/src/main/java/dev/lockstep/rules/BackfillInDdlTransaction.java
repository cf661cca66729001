package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
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
    id = "backfill-in-ddl-transaction",
    summary = "An UPDATE or DELETE runs in the same transaction as DDL that blocks writes on an existing table",
    severity = Severity.ERROR,
    tags = {"locking", "transactions", "backfill"})
public final class BackfillInDdlTransaction implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Operation op = ctx.operation();
    ObjectName target;
    if (op instanceof Operation.Update u) {
      target = u.relation();
    } else if (op instanceof Operation.Delete d) {
      target = d.relation();
    } else {
      return;
    }
    if (!ctx.transaction().inTransaction()) {
      return;
    }
    Optional<TransactionState.HeldLock> held = ctx.transaction().heldLocks().stream()
        .filter(h -> Describe.blocksWrites(h.mode()) && isTable(h) && Describe.isExistingTable(ctx, h.relation()))
        .max(Comparator.comparingInt((TransactionState.HeldLock h) -> h.mode().ordinal())
            .thenComparing(h -> -h.statementIndex()));
    if (held.isEmpty()) {
      return;
    }
    if (ctx.alreadyReported(true)) {
      return; // once per transaction: the first such statement already explains the outage
    }
    TransactionState.HeldLock h = held.get();
    String verb = op instanceof Operation.Update ? "UPDATE" : "DELETE";
    String message = verb + " " + Describe.rel(target) + " runs in the same transaction as "
        + Describe.statementRef(ctx, h) + ", which took " + Describe.lock(h.mode()) + " on "
        + Describe.rel(h.relation()) + ": " + Describe.blocksBrief(h.mode()).replace("blocks ", "")
        + " on it stay blocked until this " + verb + " finishes and the transaction commits";
    String help = "Move the data changes into their own migration (for a large table, a batched backfill run outside"
        + " the migration), so the DDL commits and releases its lock first";
    if (Describe.isImplicit(ctx)) {
      help += " (" + Describe.transactionPhrase(ctx) + ", so it needs a separate migration file)";
    }
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help + ". Reported once per transaction.");
    Plans.backfill(ctx, op).ifPresent(b::plan);
  }

  private static boolean isTable(TransactionState.HeldLock h) {
    return h.kind() == RelationKind.TABLE || h.kind() == RelationKind.MATERIALIZED_VIEW;
  }
}
