package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "set-not-null-scans-table",
    summary = "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "scan"})
public final class SetNotNullScansTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.SetNotNull snn) || ctx.isNewTable(snn.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), snn.relation());
    if (table.isEmpty() || !table.get().scan()) {
      return;
    }
    ObjectName t = snn.relation();
    String col = ObjectName.quote(snn.column());
    String message = "SET NOT NULL on " + Describe.col(t, snn.column()) + " scans every row of " + Describe.rel(t)
        + " while holding " + Describe.lock(table.get().lock()) + " — " + Describe.blocks(table.get().lock())
        + " until the scan finishes (and it fails if a row holds NULL)";
    String checkName = t.name() + "_" + snn.column() + "_not_null";
    String check = ObjectName.quote(checkName.length() > 63 ? checkName.substring(0, 63) : checkName);
    String help;
    if (ctx.serverVersion() >= 18) {
      help = "On PostgreSQL 18: ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + check + " NOT NULL " + col
          + " NOT VALID; then, in a later migration (outside this transaction), ALTER TABLE " + t.sql()
          + " VALIDATE CONSTRAINT " + check + "; which scans under a SHARE UPDATE EXCLUSIVE lock that lets reads"
          + " and writes continue. The column is then NOT NULL.";
    } else {
      help = "Prove the column has no NULLs without blocking: ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + check
          + " CHECK (" + col + " IS NOT NULL) NOT VALID; then, in a later migration, ALTER TABLE " + t.sql()
          + " VALIDATE CONSTRAINT " + check + "; (SHARE UPDATE EXCLUSIVE: reads and writes continue); then SET NOT"
          + " NULL, which uses the validated CHECK instead of scanning (PostgreSQL 12 and later); then drop the"
          + " CHECK in a separate statement.";
    }
    RuleContext.FindingBuilder b = ctx.report(snn.span(), message).help(help);
    Plans.setNotNull(ctx, snn).ifPresent(b::plan);
  }
}
