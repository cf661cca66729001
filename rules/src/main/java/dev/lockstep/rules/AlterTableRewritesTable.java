package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Locale;
import java.util.Optional;

@RuleInfo(
    id = "alter-table-rewrites-table",
    summary = "ALTER TABLE SET LOGGED, SET TABLESPACE, SET ACCESS METHOD and similar rewrite the whole table",
    severity = Severity.ERROR,
    tags = {"locking", "rewrite"})
public final class AlterTableRewritesTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AlterTableOther o) || ctx.isNewTable(o.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), o.relation());
    if (table.isEmpty() || !(table.get().rewrite() || table.get().scan()) || !Describe.blocksWrites(table.get().lock())) {
      return;
    }
    String action = o.action().name().replace("COLUMN_", "ALTER COLUMN ").replace('_', ' ');
    String what = table.get().rewrite() ? "rewrites " + Describe.rel(o.relation()) + " and all its indexes"
        : "reads every row of " + Describe.rel(o.relation());
    String message = action + " " + what + " while holding " + Describe.lock(table.get().lock()) + " — "
        + Describe.blocks(table.get().lock()) + " for as long as that takes";
    String help = switch (o.action()) {
      case SET_LOGGED, SET_UNLOGGED -> "Switching between logged and unlogged writes the whole table (and, for SET"
          + " LOGGED, all of it to WAL). Create the table with the right persistence instead, or copy the data into"
          + " a new table in batches and swap names.";
      case SET_TABLESPACE -> "Move the table with a tool that copies it online (pg_repack --tablespace) instead of"
          + " ALTER TABLE ... SET TABLESPACE.";
      default -> "Run it in a maintenance window with a short lock_timeout, or build a new table and copy the data"
          + " in batches, then swap names.";
    };
    ctx.report(o.span(), message.substring(0, 1).toUpperCase(Locale.ROOT) + message.substring(1)).help(help);
  }
}
