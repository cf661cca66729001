package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;
import java.util.stream.Collectors;

@RuleInfo(
    id = "enum-value-removal",
    summary = "Removing enum values recreates the type and rewrites every table that uses it",
    severity = Severity.ERROR,
    tags = {"locking", "rewrite", "compatibility", "enum"})
public final class EnumValueRemoval implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AlterColumnType act) || ctx.isNewTable(act.relation())) {
      return;
    }
    Optional<EnumRecreation.Removal> removal = EnumRecreation.removedValues(ctx, act);
    if (removal.isEmpty()) {
      return;
    }
    String values = removal.get().removed().stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    Optional<RelationEffect> table = Describe.on(ctx.effects(), act.relation());
    String lock = table.map(t -> (t.rewrite() ? "rewrites " + Describe.rel(act.relation()) + " and its indexes"
            : "converts every row of " + Describe.rel(act.relation())) + " while holding " + Describe.lock(t.lock())
            + " (" + Describe.blocksBrief(t.lock()) + ")")
        .orElse("converts every row of " + Describe.rel(act.relation()));
    String message = "Converting " + Describe.col(act.relation(), act.column()) + " to enum "
        + Describe.rel(removal.get().newType().name()) + " removes value" + (removal.get().removed().size() > 1 ? "s " : " ")
        + values + " of " + Describe.rel(removal.get().oldType().name()) + ": it " + lock
        + ", fails if any row still holds " + values + ", and running code that writes "
        + (removal.get().removed().size() > 1 ? "them" : "it") + " starts failing";
    String help = "PostgreSQL cannot drop an enum value in place. Prefer keeping the value and no longer using it."
        + " If it must go: deploy code that stops writing it, update the rows that hold it in batches, and run the"
        + " type swap in a maintenance window with a short lock_timeout; or switch the column to text with a CHECK"
        + " constraint (added NOT VALID, validated later) so values can be changed without rewrites.";
    Optional<dev.lockstep.core.rule.Plan> plan = Plans.enumRemoval(ctx, act, removal.get().removed());
    Optional<String> none = plan.isPresent() ? Optional.empty()
        : Plans.noColumnPlan(ctx, act.relation(), act.column());
    if (none.isPresent()) {
      help += " No safe staged plan: " + none.get() + ".";
    }
    RuleContext.FindingBuilder b = ctx.report(act.span(), message).help(help);
    plan.or(() -> none.map(dev.lockstep.core.plan.ExpandContract::noPlan)).ifPresent(b::plan);
  }
}
