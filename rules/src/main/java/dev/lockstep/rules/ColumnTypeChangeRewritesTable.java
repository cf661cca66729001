package dev.lockstep.rules;

import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "column-type-change-rewrites-table",
    summary = "ALTER COLUMN TYPE rewrites or scans the table under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "rewrite", "compatibility"})
public final class ColumnTypeChangeRewritesTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AlterColumnType act) || ctx.isNewTable(act.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), act.relation());
    if (table.isEmpty() || !(table.get().rewrite() || table.get().scan())) {
      return;
    }
    if (EnumRecreation.removedValues(ctx, act).isPresent()) {
      return; // enum-value-removal reports this change with the values it loses
    }
    Optional<Column> before = ctx.catalog().table(act.relation()).flatMap(t -> t.column(act.column()));
    Optional<String> collationAfter = Column.collationOf(act.collation());
    String from = before.map(c -> " from " + Describe.type(c.type()) + c.collation().map(Column::collateSql).orElse(""))
        .orElse("");
    java.util.List<String> rebuilt = ctx.effects().relations().stream()
        .filter(r -> r.kind() == dev.lockstep.core.effects.RelationKind.INDEX && r.rewrite())
        .map(r -> Describe.rel(r.relation())).toList();
    String what = table.get().rewrite()
        ? "rewrites " + Describe.rel(act.relation()) + " and rebuilds its indexes"
        : !rebuilt.isEmpty()
            ? "rebuilds " + (rebuilt.size() == 1 ? "index " : "indexes ") + String.join(", ", rebuilt)
                + " on the column (" + (before.isPresent() && !before.get().collation().equals(collationAfter)
                    ? "the collation changes" : "the new type sorts differently")
                + "), reading every row of " + Describe.rel(act.relation())
            : "scans every row of " + Describe.rel(act.relation()) + " to re-check the column's constraints";
    String message = "Changing " + Describe.col(act.relation(), act.column()) + from + " to "
        + Describe.type(act.type()) + collationAfter.map(Column::collateSql).orElse("") + " " + what
        + " while holding " + Describe.lock(table.get().lock()) + " — "
        + Describe.blocks(table.get().lock()) + " for the whole time";
    String help = "Expand and contract instead: add a new column of the new type, write both columns from the"
        + " application (or a trigger), backfill the new column in batches, switch reads to it, then drop the old"
        + " column in a later migration. Changes that need no rewrite: varchar(n) to a larger n or to text,"
        + " numeric to a larger precision at the same scale or to unconstrained numeric.";
    Optional<dev.lockstep.core.rule.Plan> plan = Plans.changeType(ctx, act);
    Optional<String> none = plan.isPresent() ? Optional.empty()
        : Plans.noColumnPlan(ctx, act.relation(), act.column());
    if (none.isPresent()) {
      help += " No safe staged plan: " + none.get() + ".";
    }
    RuleContext.FindingBuilder b = ctx.report(act.span(), message).help(help);
    plan.or(() -> none.map(dev.lockstep.core.plan.ExpandContract::noPlan)).ifPresent(b::plan);
  }
}
