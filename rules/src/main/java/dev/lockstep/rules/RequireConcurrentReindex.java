package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@RuleInfo(
    id = "require-concurrent-reindex",
    summary = "REINDEX without CONCURRENTLY blocks writes to the table while its indexes are rebuilt",
    severity = Severity.ERROR,
    tags = {"locking", "index"})
public final class RequireConcurrentReindex implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.Reindex r) || r.concurrently() || ctx.serverVersion() < 12
        || r.target() == Operation.ReindexTarget.SYSTEM) {
      return;
    }
    Optional<RelationEffect> table = Describe.strongestBlocking(ctx, ctx.effects());
    String message;
    if (table.isPresent()) {
      message = "REINDEX takes " + Describe.lock(table.get().lock()) + " on " + Describe.rel(table.get().relation())
          + " — " + Describe.blocks(table.get().lock()) + " until the rebuild finishes";
    } else if (r.target() == Operation.ReindexTarget.SCHEMA || r.target() == Operation.ReindexTarget.DATABASE) {
      message = "REINDEX " + r.target().name() + " rebuilds every index of " + Describe.rel(r.name())
          + ", blocking writes to each table while its indexes are rebuilt";
    } else {
      return;
    }
    StringBuilder help = new StringBuilder("Use REINDEX " + r.target().name()
        + " CONCURRENTLY (PostgreSQL 12 and later): it builds a new copy of each index next to the old one under"
        + " a SHARE UPDATE EXCLUSIVE lock and swaps them, so reads and writes continue.");
    boolean direct = Describe.canRunOutsideTransactionAsIs(ctx);
    if (!direct) {
      help.append(" It cannot run inside a transaction block and ").append(Describe.transactionPhrase(ctx))
          .append(", so also ").append(Describe.runOutsideTransaction(ctx.file())).append('.');
    }
    RuleContext.FindingBuilder b = ctx.report(r.span(), message).help(help.toString());
    if (direct) {
      Optional<Token> kw = Describe.keyword(ctx, r.span(), r.target().name().toUpperCase(Locale.ROOT));
      kw.ifPresent(t -> b.fix(new Fix("Add CONCURRENTLY", List.of(Describe.insertAfter(t, " CONCURRENTLY")))));
    }
  }
}
