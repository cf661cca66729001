package dev.lockstep.rules;

import dev.lockstep.core.catalog.Index;
import dev.lockstep.core.catalog.View;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "require-concurrent-refresh",
    summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view until the refresh finishes",
    severity = Severity.ERROR,
    tags = {"locking", "materialized-view"})
public final class RequireConcurrentRefresh implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.RefreshMaterializedView r) || r.concurrently() || r.withNoData()) {
      return;
    }
    Optional<View> view = ctx.catalog().view(r.view());
    if (view.isPresent() && view.get().origin().file().equals(ctx.file().path())) {
      return; // created by this migration: nothing reads it yet
    }
    Optional<RelationEffect> effect = Describe.on(ctx.effects(), r.view());
    if (effect.isEmpty() || !Describe.blocksReads(effect.get().lock())) {
      return;
    }
    String message = "REFRESH MATERIALIZED VIEW takes " + Describe.lock(effect.get().lock()) + " on "
        + Describe.rel(r.view()) + " — " + Describe.blocks(effect.get().lock()) + " of the view until its query has"
        + " run again and the result is stored";
    boolean hasUnique = ctx.catalog().indexesOn(r.view()).stream().anyMatch(Index::unique);
    String help = "Use REFRESH MATERIALIZED VIEW CONCURRENTLY: readers keep seeing the old contents while it runs"
        + " (it takes an EXCLUSIVE lock, which still allows reads). It needs a unique index on the view"
        + (hasUnique ? "." : ": create one first (CREATE UNIQUE INDEX CONCURRENTLY ... ON " + r.view().sql() + " (...)).");
    RuleContext.FindingBuilder b = ctx.report(r.span(), message).help(help);
    if (hasUnique) {
      Describe.keyword(ctx, r.span(), "VIEW").ifPresent(t ->
          b.fix(new Fix("Add CONCURRENTLY", List.of(Describe.insertAfter(t, " CONCURRENTLY")))));
    }
  }
}
