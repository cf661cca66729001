package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "unbatched-backfill",
    summary = "UPDATE or DELETE of every row of an existing table in one statement",
    severity = Severity.WARNING,
    tags = {"backfill", "locking"})
public final class UnbatchedBackfill implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Operation op = ctx.operation();
    ObjectName table;
    String verb;
    if (op instanceof Operation.Update u && u.where().isEmpty() && !u.batched()) {
      table = u.relation();
      verb = "UPDATE";
    } else if (op instanceof Operation.Delete d && d.where().isEmpty() && !d.batched()) {
      table = d.relation();
      verb = "DELETE";
    } else {
      return;
    }
    if (ctx.isNewTable(table)) {
      return;
    }
    String message = verb + " without WHERE changes every row of " + Describe.rel(table) + " in one transaction: it"
        + " holds a row lock on each row until commit (blocking concurrent updates and deletes of those rows), writes the whole table to WAL at once"
        + " (replication lag), and leaves a dead copy of every row for VACUUM";
    String help = "Backfill in batches of a few thousand rows, each in its own transaction (e.g. " + verb
        + " ... WHERE id IN (SELECT id FROM " + table.sql() + " WHERE <not yet done> LIMIT 5000) repeated until it"
        + " affects no rows), outside the schema migration" + (verb.equals("DELETE")
            ? "; to empty a table on purpose, TRUNCATE is faster (but takes an ACCESS EXCLUSIVE lock)" : "") + ".";
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help);
    Plans.backfill(ctx, op).ifPresent(b::plan);
  }
}
