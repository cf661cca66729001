package dev.lockstep.rules;

import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "require-concurrent-index-creation",
    summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while the index is built",
    severity = Severity.ERROR,
    tags = {"locking", "index"})
public final class RequireConcurrentIndexCreation implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.CreateIndex ci) || ci.concurrently() || ctx.isNewTable(ci.relation())) {
      return;
    }
    if (ci.ifNotExists() && ci.name().isPresent()
        && ctx.catalog().index(ObjectName.of(ci.relation().schema(), ci.name().get())).isPresent()) {
      return; // IF NOT EXISTS of an index that exists: nothing is built
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ci.relation());
    if (table.isEmpty() || !Describe.blocksWrites(table.get().lock())) {
      return;
    }
    String message = "CREATE INDEX takes " + Describe.lock(table.get().lock()) + " on " + Describe.rel(ci.relation())
        + " — " + Describe.blocks(table.get().lock()) + " until the index is built, which takes as long as reading"
        + " the whole table";
    boolean partitioned = ctx.catalog().table(ci.relation()).map(Table::partitioned).orElse(false);
    if (partitioned) {
      RuleContext.FindingBuilder b = ctx.report(ci.span(), message)
          .help("PostgreSQL cannot build an index on a partitioned table concurrently. Create the index on the"
              + " parent only (CREATE INDEX ... ON ONLY " + ci.relation().sql() + " ...), create the matching"
              + " index on each partition with CREATE INDEX CONCURRENTLY, then attach each one with ALTER INDEX"
              + " ... ATTACH PARTITION.");
      b.plan(dev.lockstep.core.plan.ExpandContract.partitionedIndex(Plans.layout(ctx.file()), ctx.catalog(),
          ci.relation(), ci.name(), ci.unique(), ci.method(), ci.elements(), ci.columns(),
          ci.predicate().map(p -> p.text()), ci.options()).orElseGet(() -> dev.lockstep.core.plan.ExpandContract.noPlan(
              Describe.rel(ci.relation()) + " has sub-partitions (or no partitions lockstep knows of): build the"
                  + " index level by level by hand, each partition's index concurrently, attaching upwards")));
      return;
    }
    StringBuilder help = new StringBuilder(
        "Use CREATE INDEX CONCURRENTLY: it takes a SHARE UPDATE EXCLUSIVE lock, so reads and writes continue while"
            + " the index is built.");
    boolean direct = Describe.canRunOutsideTransactionAsIs(ctx);
    if (!direct) {
      help.append(" CREATE INDEX CONCURRENTLY cannot run inside a transaction block and ")
          .append(Describe.transactionPhrase(ctx)).append(", so also ")
          .append(Describe.runOutsideTransaction(ctx.file())).append('.');
    }
    help.append(" If the build fails it leaves an INVALID index behind: drop it with DROP INDEX CONCURRENTLY before"
        + " retrying.");
    RuleContext.FindingBuilder b = ctx.report(ci.span(), message).help(help.toString());
    Describe.keyword(ctx, ci.span(), "INDEX").ifPresent(t -> {
      if (direct) {
        b.fix(new Fix("Add CONCURRENTLY", List.of(Describe.insertAfter(t, " CONCURRENTLY"))));
      } else if (ctx.statementOperations().size() == 1) {
        String name = ci.name().orElse(ci.relation().name() + "_index");
        b.plan(Plans.plan(ctx.file(), "Build " + ci.name().map(n -> "\"" + n + "\"").orElse("the index")
                + " concurrently in a migration of its own")
            .migration("Create the index concurrently, outside a transaction", name + "_concurrently",
                Describe.statementWith(ctx, t.end(), " CONCURRENTLY"), false,
                "reads and writes continue while the index is built")
            .build());
      }
    });
  }
}
