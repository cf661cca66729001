package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;
import java.util.Optional;

@RuleInfo(
    id = "validate-constraint-in-same-transaction",
    summary = "VALIDATE CONSTRAINT runs in the same transaction as the ADD CONSTRAINT NOT VALID it validates",
    severity = Severity.ERROR,
    tags = {"locking", "scan", "constraint", "transactions"})
public final class ValidateConstraintInSameTransaction implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.ValidateConstraint vc) || !ctx.transaction().inTransaction()
        || ctx.isNewTable(vc.relation())) {
      return;
    }
    Optional<TransactionState.PriorOperation> added = Optional.empty();
    for (TransactionState.PriorOperation p : ctx.transaction().earlier()) {
      if (p.operation() instanceof Operation.AddConstraint ac && ac.constraint().notValid()
          && ac.constraint().name().filter(n -> n.equals(vc.name())).isPresent()
          && Catalog.resolve(ac.relation()).equals(Catalog.resolve(vc.relation()))) {
        added = Optional.of(p);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    Optional<TransactionState.HeldLock> held = ctx.transaction().held(Catalog.resolve(vc.relation()));
    String lock = held.map(h -> Describe.lock(h.mode()) + " on " + Describe.rel(vc.relation()) + " ("
        + Describe.blocksBrief(h.mode()) + ")").orElse("the lock the ADD took on " + Describe.rel(vc.relation()));
    String message = "VALIDATE CONSTRAINT \"" + vc.name() + "\" runs in the same transaction as the ADD CONSTRAINT"
        + " ... NOT VALID of statement " + (added.get().statementIndex() + 1) + ", so its scan runs while the"
        + " transaction still holds " + lock + " until commit — NOT VALID gains nothing";
    String help = "Validate in a later migration so it runs in its own transaction under a SHARE UPDATE EXCLUSIVE"
        + " lock";
    if (Describe.isImplicit(ctx)) {
      help += " (" + Describe.transactionPhrase(ctx) + ": put ALTER TABLE ... VALIDATE CONSTRAINT in the next"
          + " migration file)";
    }
    RuleContext.FindingBuilder b = ctx.report(vc.span(), message).help(help + ".");
    if (ctx.statementOperations().size() == 1) {
      b.plan(Plans.plan(ctx.file(), "Validate \"" + vc.name() + "\" in a later migration")
          .migration("Validate the constraint in its own transaction", "validate_" + vc.name(),
              Describe.statementWith(ctx, ctx.statement().span().end(), ""), true,
              "VALIDATE CONSTRAINT takes only a SHARE UPDATE EXCLUSIVE lock once the ADD has committed")
          .build());
    }
  }
}
