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
    id = "check-constraint-missing-not-valid",
    summary = "ADD CHECK without NOT VALID scans the whole table under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "scan", "constraint"})
public final class CheckConstraintMissingNotValid implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AddConstraint ac) || ac.constraint().kind() != ConstraintKind.CHECK
        || ac.constraint().notValid() || ctx.isNewTable(ac.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ac.relation());
    if (table.isEmpty() || !table.get().scan()) {
      return;
    }
    String name = ac.constraint().name().map(n -> " \"" + n + "\"").orElse("");
    String message = "ADD CHECK" + name + " checks every row of " + Describe.rel(ac.relation()) + " while holding "
        + Describe.lock(table.get().lock()) + " — " + Describe.blocks(table.get().lock()) + " until the scan finishes";
    String help = "Add the constraint with NOT VALID (it then only checks new and updated rows, instantly), "
        + ConstraintFixes.validateLater(ctx, ac) + ": VALIDATE CONSTRAINT scans under a SHARE UPDATE EXCLUSIVE"
        + " lock, which lets reads and writes continue.";
    ctx.report(ac.span(), message).help(help).fix(ConstraintFixes.notValid(ctx, ac));
  }
}
