package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "concurrent-index-if-not-exists",
    summary = "CREATE INDEX CONCURRENTLY IF NOT EXISTS silently keeps an invalid index left by a failed build",
    severity = Severity.WARNING,
    tags = {"index"})
public final class ConcurrentIndexIfNotExists implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.CreateIndex ci) || !ci.concurrently() || !ci.ifNotExists()
        || ctx.isNewTable(ci.relation())) {
      return;
    }
    String name = ci.name().map(n -> " \"" + n + "\"").orElse("");
    ctx.report(ci.span(), "When a concurrent build fails (a deadlock, a duplicate key, a cancelled statement) it"
            + " leaves the index" + name + " behind marked INVALID; on the retry IF NOT EXISTS sees it and skips the"
            + " build, so the index is never used and still slows down every write")
        .help("Drop a leftover first: DROP INDEX CONCURRENTLY IF EXISTS <name>; then CREATE INDEX CONCURRENTLY without"
            + " IF NOT EXISTS (or check pg_index.indisvalid before skipping).");
  }
}
