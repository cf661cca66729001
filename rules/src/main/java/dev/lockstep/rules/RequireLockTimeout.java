package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Span;
import java.util.List;

@RuleInfo(
    id = "require-lock-timeout",
    summary = "A statement waits for a lock that blocks writes without a lock_timeout, queueing all later queries",
    severity = Severity.INFO,
    tags = {"locking", "timeout"})
public final class RequireLockTimeout implements Rule {
  @Override
  public void check(RuleContext ctx) {
    TransactionState tx = ctx.transaction();
    if (tx.lockTimeout().isPresent()) {
      return;
    }
    RelationEffect r = null;
    List<RelationEffect> relations = ctx.effects().relations();
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect e = relations.get(i);
      // the first of the strongest locks, as Stream.max would pick it
      if (Describe.blocksWrites(e.lock()) && (r == null || e.lock().ordinal() > r.lock().ordinal())
          && Describe.isExistingTableEffect(ctx, e)
          && tx.held(e.relation()).map(h -> h.mode().ordinal() < e.lock().ordinal()).orElse(true)) {
        r = e;
      }
    }
    if (r == null) {
      return;
    }
    if (ctx.alreadyReported(false)) {
      return;
    }
    String message = Describe.command(ctx.operation()) + " requests " + Describe.lock(r.lock()) + " on "
        + Describe.rel(r.relation()) + " with no lock_timeout: if a long-running query or transaction holds any"
        + " conflicting lock, this statement waits, and every later query on " + Describe.rel(r.relation())
        + " that conflicts with it (" + Describe.blocksBrief(r.lock()).replace("blocks ", "") + ") queues behind it"
        + " — an outage even when the change itself is instant";
    String help = "Set a lock_timeout before the first such statement (SET lock_timeout = '5s';) so the migration"
        + " fails fast instead of queueing traffic, and retry it later. This finding is reported once per file.";
    int at = Describe.statementInsertionPoint(ctx);
    String insert = "SET lock_timeout = '5s';\n" + (ctx.file().tool() == MigrationTool.DRIZZLE
        ? "--> statement-breakpoint\n" : "");
    ctx.report(ctx.operation().span(), message).help(help)
        .fix(new Fix("Set lock_timeout before this statement", List.of(new TextEdit(new Span(at, at), insert))));
  }
}
