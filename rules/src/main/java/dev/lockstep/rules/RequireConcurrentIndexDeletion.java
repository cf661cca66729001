package dev.lockstep.rules;

import dev.lockstep.core.catalog.Index;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.plan.PlanBuilder;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "require-concurrent-index-deletion",
    summary = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table",
    severity = Severity.WARNING,
    tags = {"locking", "index"})
public final class RequireConcurrentIndexDeletion implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.DropIndex di) || di.concurrently()) {
      return;
    }
    List<RelationEffect> tables = Describe.existingTables(ctx, ctx.effects()).stream()
        .filter(r -> Describe.blocksReads(r.lock()) || Describe.blocksWrites(r.lock())).toList();
    String target;
    if (!tables.isEmpty()) {
      RelationEffect t = tables.get(0);
      target = Describe.lock(t.lock()) + " on " + Describe.rel(t.relation()) + " — " + Describe.blocks(t.lock());
    } else {
      // The index is unknown to the replayed history. Without IF EXISTS it must exist (created outside
      // the history), so its table does; with IF EXISTS the statement most likely does nothing.
      Optional<RelationEffect> idx = ctx.effects().relations().stream()
          .filter(r -> r.kind() == RelationKind.INDEX && Describe.blocksWrites(r.lock())).findFirst();
      boolean known = di.indexes().stream().anyMatch(n -> ctx.catalog().index(n).isPresent());
      if (idx.isEmpty() || known || di.ifExists()) {
        return;
      }
      target = Describe.lock(idx.get().lock()) + " on index " + Describe.rel(idx.get().relation())
          + " and its table — " + Describe.blocks(idx.get().lock());
    }
    String message = "DROP INDEX takes " + target + "; the drop itself is quick, but while it waits for running"
        + " queries to finish every later query on the table queues behind it";
    boolean backsConstraint = di.indexes().stream().map(n -> ctx.catalog().index(n))
        .flatMap(Optional::stream).map(Index::constraint).anyMatch(c -> !c.isEmpty());
    StringBuilder help = new StringBuilder();
    if (backsConstraint) {
      help.append("The index backs a constraint: drop the constraint instead (ALTER TABLE ... DROP CONSTRAINT),"
          + " which drops its index, with a short lock_timeout.");
    } else {
      help.append("Use DROP INDEX CONCURRENTLY: it waits for running transactions without blocking reads and"
          + " writes.");
      if (!Describe.canRunOutsideTransactionAsIs(ctx)) {
        help.append(" It cannot run inside a transaction block and ").append(Describe.transactionPhrase(ctx))
            .append(", so also ").append(Describe.runOutsideTransaction(ctx.file())).append('.');
      }
      if (di.indexes().size() > 1) {
        help.append(" DROP INDEX CONCURRENTLY drops one index per statement: split the statement.");
      }
      if (di.cascade()) {
        help.append(" CONCURRENTLY does not support CASCADE: drop dependent objects first.");
      }
    }
    RuleContext.FindingBuilder b = ctx.report(di.span(), message).help(help.toString());
    if (backsConstraint || di.cascade()) {
      return;
    }
    if (di.indexes().size() == 1 && Describe.canRunOutsideTransactionAsIs(ctx)) {
      Describe.keyword(ctx, di.span(), "INDEX").ifPresent(t ->
          b.fix(new Fix("Add CONCURRENTLY", List.of(Describe.insertAfter(t, " CONCURRENTLY")))));
    } else if (ctx.statementOperations().size() == 1) {
      // In a transaction (or several indexes in one statement): each drop in a migration of its own.
      PlanBuilder plan = Plans.plan(ctx.file(), di.indexes().size() == 1
          ? "Drop " + Describe.rel(di.indexes().get(0)) + " concurrently in a migration of its own"
          : "Drop each index concurrently in a migration of its own");
      for (ObjectName index : di.indexes()) {
        plan.migration("Drop " + Describe.rel(index) + " concurrently, outside a transaction",
            "drop_" + index.name() + "_concurrently",
            "DROP INDEX CONCURRENTLY " + (di.ifExists() ? "IF EXISTS " : "") + index.sql() + ";", false,
            "reads and writes continue; it waits for the transactions that use the index to finish");
      }
      b.plan(plan.build());
    }
  }
}
