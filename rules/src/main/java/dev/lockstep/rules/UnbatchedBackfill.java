package dev.lockstep.rules;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleInfo(
    id = "unbatched-backfill",
    summary = "UPDATE or DELETE of every row of an existing table in one statement",
    severity = Severity.WARNING,
    tags = {"backfill", "locking"})
public final class UnbatchedBackfill implements Rule {
  /** {@code WHERE col IS NULL} (or IS NOT NULL): the filter of a one-shot backfill over the whole table. */
  private static final Pattern NULL_CHECK =
      Pattern.compile("(?i)^\\(?\\s*(\"[^\"]+\"|[a-z_][a-z0-9_$]*)(\\.(\"[^\"]+\"|[a-z_][a-z0-9_$]*))?"
          + "\\s+IS\\s+(NOT\\s+)?NULL\\s*\\)?$");

  @Override
  public void check(RuleContext ctx) {
    Operation op = ctx.operation();
    ObjectName table;
    String verb;
    Optional<Expr> where;
    if (op instanceof Operation.Update u && !u.batched()) {
      table = u.relation();
      verb = "UPDATE";
      where = u.where();
    } else if (op instanceof Operation.Delete d && !d.batched()) {
      table = d.relation();
      verb = "DELETE";
      where = d.where();
    } else {
      return;
    }
    if (where.isPresent() && !(verb.equals("UPDATE") && NULL_CHECK.matcher(where.get().text().trim()).matches())) {
      return;
    }
    if (ctx.isNewTable(table)) {
      return;
    }
    String scope = where.isEmpty() ? verb + " without WHERE changes every row of " + Describe.rel(table)
        : verb + " ... WHERE " + where.get().text().trim() + " is a backfill: it changes every row of "
            + Describe.rel(table) + " that still lacks a value, usually most of the table,";
    String message = scope + " in one transaction: it holds a row lock on each row until commit (blocking concurrent"
        + " updates and deletes of those rows), writes them all to WAL at once (replication lag), and leaves a dead"
        + " copy of each for VACUUM";
    String help = "Backfill in batches of a few thousand rows, each in its own transaction (e.g. " + verb
        + " ... WHERE id IN (SELECT id FROM " + table.sql() + " WHERE <not yet done> LIMIT 5000) repeated until it"
        + " affects no rows), outside the schema migration" + (verb.equals("DELETE")
            ? "; to empty a table on purpose, TRUNCATE is faster (but takes an ACCESS EXCLUSIVE lock)" : "") + ".";
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help);
    Plans.backfill(ctx, op).ifPresent(b::plan);
  }
}
