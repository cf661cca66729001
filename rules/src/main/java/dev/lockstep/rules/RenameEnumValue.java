package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "rename-enum-value",
    summary = "Renaming an enum value breaks application code that still reads or writes the old value",
    severity = Severity.WARNING,
    tags = {"compatibility", "enum"})
public final class RenameEnumValue implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.RenameEnumValue rv)) {
      return;
    }
    boolean created = ctx.catalog().enumType(rv.type())
        .filter(e -> e.origin().file().equals(ctx.file().path())).isPresent();
    if (created) {
      return;
    }
    ctx.report(rv.span(), "RENAME VALUE '" + rv.value() + "' TO '" + rv.newValue() + "' of enum "
            + Describe.rel(rv.type()) + " is instant, but running code that writes '" + rv.value()
            + "' fails with \"invalid input value for enum\" and code that compares with it stops matching")
        .help("Add the new value (ALTER TYPE ... ADD VALUE), deploy code that writes it and accepts both, update"
            + " existing rows in batches, and stop using the old value; PostgreSQL cannot drop it, so keep it unused.");
  }
}
