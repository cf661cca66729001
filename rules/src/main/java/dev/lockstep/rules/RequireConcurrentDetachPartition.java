package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "require-concurrent-detach-partition",
    summary = "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table",
    severity = Severity.WARNING,
    tags = {"locking", "partition"})
public final class RequireConcurrentDetachPartition implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.DetachPartition dp) || dp.concurrently() || dp.finalizing()
        || ctx.serverVersion() < 14 || ctx.isNewTable(dp.relation())) {
      return;
    }
    Optional<RelationEffect> parent = Describe.on(ctx.effects(), dp.relation());
    if (parent.isEmpty() || !Describe.blocksReads(parent.get().lock())) {
      return;
    }
    String message = "DETACH PARTITION " + Describe.rel(dp.partition()) + " takes " + Describe.lock(parent.get().lock())
        + " on " + Describe.rel(dp.relation()) + " — " + Describe.blocks(parent.get().lock()) + " on the whole"
        + " partitioned table; waiting for that lock queues every query on every partition";
    StringBuilder help = new StringBuilder("Use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14 and later): it takes"
        + " only a SHARE UPDATE EXCLUSIVE lock on the partitioned table. It cannot be used when the table has a"
        + " default partition.");
    boolean direct = Describe.canRunOutsideTransactionAsIs(ctx);
    if (!direct) {
      help.append(" It cannot run inside a transaction block and ").append(Describe.transactionPhrase(ctx))
          .append(", so also ").append(Describe.runOutsideTransaction(ctx.file())).append('.');
    }
    RuleContext.FindingBuilder b = ctx.report(dp.span(), message).help(help.toString());
    if (direct) {
      int end = Describe.trimmedEnd(ctx, dp.span());
      b.fix(new Fix("Add CONCURRENTLY", List.of(new TextEdit(new Span(end, end), " CONCURRENTLY"))));
    }
  }
}
