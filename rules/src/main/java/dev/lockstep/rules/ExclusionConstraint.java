package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "exclusion-constraint",
    summary = "ADD EXCLUDE builds its index and checks every row under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "index", "constraint"})
public final class ExclusionConstraint implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AddConstraint ac) || ac.constraint().kind() != ConstraintKind.EXCLUDE
        || ctx.isNewTable(ac.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ac.relation());
    if (table.isEmpty() || !Describe.blocksWrites(table.get().lock())) {
      return;
    }
    String name = ac.constraint().name().map(n -> " \"" + n + "\"").orElse("");
    String message = "ADD EXCLUDE" + name + " builds an index on " + Describe.rel(ac.relation()) + " and checks every"
        + " row against every other while holding " + Describe.lock(table.get().lock()) + " — "
        + Describe.blocks(table.get().lock()) + " for the whole build (and it fails if rows conflict)";
    String help = "An exclusion constraint cannot be added NOT VALID or from an index built concurrently, so there is"
        + " no online path: add it while the table is still small or new, or in a maintenance window with a short"
        + " lock_timeout. Until then, enforce the rule in the application or with a trigger.";
    ctx.report(ac.span(), message).help(help);
  }
}
