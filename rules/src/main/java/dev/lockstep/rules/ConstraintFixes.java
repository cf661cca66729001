package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/** The NOT VALID fix shared by the constraint rules. */
final class ConstraintFixes {
  private ConstraintFixes() {}

  /** Whether the VALIDATE step may go right after the statement: it then commits on its own. */
  static boolean validateInline(RuleContext ctx, Operation.AddConstraint ac) {
    return !ctx.transaction().inTransaction() && ac.constraint().name().isPresent() && ctx.statement().terminated();
  }

  static Fix notValid(RuleContext ctx, Operation.AddConstraint ac) {
    List<TextEdit> edits = new ArrayList<>();
    int end = Describe.trimmedEnd(ctx, ac.span());
    edits.add(new TextEdit(new Span(end, end), " NOT VALID"));
    if (validateInline(ctx, ac)) {
      int stmtEnd = ctx.statement().span().end();
      edits.add(new TextEdit(new Span(stmtEnd, stmtEnd), "\nALTER TABLE " + ac.relation().sql()
          + " VALIDATE CONSTRAINT " + ObjectName.quote(ac.constraint().name().get()) + ";"));
      return new Fix("Add NOT VALID and validate in a separate statement", edits);
    }
    return new Fix("Add NOT VALID", edits);
  }

  /**
   * When the statement runs in a transaction and the constraint is named: the statement with NOT
   * VALID in one migration, the validation in the next.
   */
  static java.util.Optional<dev.lockstep.core.rule.Plan> plan(RuleContext ctx, Operation.AddConstraint ac) {
    if (!ctx.transaction().inTransaction() || ac.constraint().name().isEmpty()) {
      return java.util.Optional.empty();
    }
    String name = ac.constraint().name().get();
    int end = Describe.trimmedEnd(ctx, ac.span());
    return java.util.Optional.of(dev.lockstep.core.plan.ExpandContract.notValidConstraint(Plans.layout(ctx.file()),
        ac.relation(), name, Describe.statementWith(ctx, end, " NOT VALID")));
  }

  /** Help text on how to validate later. */
  static String validateLater(RuleContext ctx, Operation.AddConstraint ac) {
    String name = ac.constraint().name().map(ObjectName::quote).orElse("<constraint>");
    String validate = "ALTER TABLE " + ac.relation().sql() + " VALIDATE CONSTRAINT " + name + ";";
    if (!ctx.transaction().inTransaction()) {
      return "then run " + validate + " as a separate statement";
    }
    return "then run " + validate + " in a later migration (validating in the same transaction keeps the strong"
        + " lock for the whole scan)";
  }
}
