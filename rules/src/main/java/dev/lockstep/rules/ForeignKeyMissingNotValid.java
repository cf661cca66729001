package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "foreign-key-missing-not-valid",
    summary = "ADD FOREIGN KEY without NOT VALID blocks writes to both tables while every row is checked",
    severity = Severity.ERROR,
    tags = {"locking", "scan", "constraint"})
public final class ForeignKeyMissingNotValid implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.operation() instanceof Operation.AddColumn col) {
      inlineReference(ctx, col);
      return;
    }
    if (!(ctx.operation() instanceof Operation.AddConstraint ac)
        || ac.constraint().kind() != ConstraintKind.FOREIGN_KEY || ac.constraint().notValid()
        || ctx.isNewTable(ac.relation())) {
      return;
    }
    Optional<RelationEffect> child = Describe.on(ctx.effects(), ac.relation());
    // On a partitioned table the rows, and so the scan, are in its partitions.
    java.util.Set<ObjectName> partitions = ctx.catalog().allPartitionsOf(Catalog.resolve(ac.relation())).stream()
        .map(t -> Catalog.resolve(t.name())).collect(java.util.stream.Collectors.toSet());
    boolean scans = child.map(RelationEffect::scan).orElse(false) || ctx.effects().relations().stream()
        .anyMatch(r -> r.scan() && partitions.contains(Catalog.resolve(r.relation())));
    if (child.isEmpty() || !scans) {
      return;
    }
    StringBuilder message = new StringBuilder("ADD FOREIGN KEY takes ").append(Describe.lockOn(child.get()));
    Optional<RelationEffect> parent = ac.constraint().referencedTable().flatMap(p -> Describe.on(ctx.effects(), p))
        .filter(p -> !Catalog.resolve(p.relation()).equals(Catalog.resolve(ac.relation())));
    if (parent.isEmpty()) {
      parent = ctx.effects().relations().stream()
          .filter(r -> r.kind() == RelationKind.TABLE && !Catalog.resolve(r.relation()).equals(
              Catalog.resolve(ac.relation())))
          .findFirst();
    }
    parent.ifPresent(p -> message.append(" and ").append(Describe.lockOn(p)));
    message.append(", and holds them while it checks every row of ").append(Describe.rel(ac.relation()))
        .append(" against ").append(ac.constraint().referencedTable().map(Describe::rel).orElse("the referenced table"));
    String help = "Add the foreign key with NOT VALID (instant; new and updated rows are still checked), "
        + ConstraintFixes.validateLater(ctx, ac) + ": VALIDATE CONSTRAINT takes only a SHARE UPDATE EXCLUSIVE lock"
        + " on " + Describe.rel(ac.relation()) + " and a ROW SHARE lock on the referenced table, so reads and writes"
        + " continue.";
    Optional<String> none = dev.lockstep.core.plan.ExpandContract.noNotValidForeignKey(ctx.catalog(), ac.relation(),
        ctx.serverVersion());
    if (none.isPresent()) {
      ctx.report(ac.span(), message.toString()).help(none.get() + ".")
          .plan(dev.lockstep.core.plan.ExpandContract.noPlan(none.get()));
      return;
    }
    RuleContext.FindingBuilder b = ctx.report(ac.span(), message.toString()).help(help).fix(ConstraintFixes.notValid(ctx, ac));
    ConstraintFixes.plan(ctx, ac).ifPresent(b::plan);
  }

  /** {@code ADD COLUMN c int REFERENCES p}: the same lock and scan, and NOT VALID cannot be written inline. */
  private static void inlineReference(RuleContext ctx, Operation.AddColumn col) {
    Optional<ConstraintDef> fk = Optional.empty();
    for (ConstraintDef k : col.column().constraints()) {
      if (k.kind() == ConstraintKind.FOREIGN_KEY) {
        fk = Optional.of(k);
        break;
      }
    }
    if (fk.isEmpty() || ctx.isNewTable(col.relation())) {
      return;
    }
    Optional<RelationEffect> child = Describe.on(ctx.effects(), col.relation());
    if (child.isEmpty() || !child.get().scan()) {
      return;
    }
    StringBuilder message = new StringBuilder("ADD COLUMN \"").append(col.column().name())
        .append("\" ... REFERENCES takes ").append(Describe.lockOn(child.get()));
    fk.get().referencedTable().flatMap(p -> Describe.on(ctx.effects(), p))
        .filter(p -> !Catalog.resolve(p.relation()).equals(Catalog.resolve(col.relation())))
        .ifPresent(p -> message.append(" and ").append(Describe.lockOn(p)));
    message.append(", and holds them while it checks every row of ").append(Describe.rel(col.relation()));
    String ref = fk.get().referencedTable().map(ObjectName::sql).orElse("...");
    ctx.report(col.span(), message.toString())
        .help("Add the column without REFERENCES, then ALTER TABLE " + col.relation().sql() + " ADD CONSTRAINT ..."
            + " FOREIGN KEY (" + ObjectName.quote(col.column().name()) + ") REFERENCES " + ref
            + " NOT VALID; and validate it in a later migration (VALIDATE CONSTRAINT takes only a SHARE UPDATE"
            + " EXCLUSIVE lock).");
  }
}
