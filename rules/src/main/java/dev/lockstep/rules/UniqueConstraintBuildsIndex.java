package dev.lockstep.rules;

import dev.lockstep.core.catalog.PgNames;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.plan.ExpandContract;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@RuleInfo(
    id = "unique-constraint-builds-index",
    summary = "ADD UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "index", "constraint"})
public final class UniqueConstraintBuildsIndex implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.operation() instanceof Operation.AddColumn col) {
      inline(ctx, col);
      return;
    }
    if (!(ctx.operation() instanceof Operation.AddConstraint ac) || ac.constraint().usingIndex().isPresent()
        || ctx.isNewTable(ac.relation())) {
      return;
    }
    ConstraintKind kind = ac.constraint().kind();
    if (kind != ConstraintKind.UNIQUE && kind != ConstraintKind.PRIMARY_KEY) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ac.relation());
    if (table.isEmpty() || !Describe.blocksWrites(table.get().lock())) {
      return;
    }
    String message = "ADD " + kind.sql() + " builds a unique index on " + Describe.rel(ac.relation())
        + " while holding " + Describe.lock(table.get().lock()) + " — " + Describe.blocks(table.get().lock())
        + " until the index is built (and it fails if duplicates exist)";
    String cols = ac.constraint().columns().stream().map(ObjectName::quote).collect(Collectors.joining(", "));
    String name = ac.constraint().name().orElse(ac.relation().name() + "_" + String.join("_",
        ac.constraint().columns()) + (kind == ConstraintKind.PRIMARY_KEY ? "_pkey" : "_key"));
    String idx = ObjectName.quote(name);
    String help = "Build the index first without blocking: CREATE UNIQUE INDEX CONCURRENTLY " + idx + " ON "
        + ac.relation().sql() + " (" + cols + "); (in a migration that runs outside a transaction), then ALTER TABLE "
        + ac.relation().sql() + " ADD CONSTRAINT " + idx + " " + kind.sql() + " USING INDEX " + idx
        + "; which only takes the lock briefly.";
    if (kind == ConstraintKind.PRIMARY_KEY) {
      help += " The key columns must already be NOT NULL, or the USING INDEX step scans the table to set them.";
    }
    RuleContext.FindingBuilder b = ctx.report(ac.span(), message).help(help);
    if (ctx.statementOperations().size() == 1 && !ac.constraint().columns().isEmpty()) {
      b.plan(ExpandContract.constraintUsingIndex(Plans.layout(ctx.file()), ac.relation(),
          name, kind.sql(), ac.constraint().columns()));
    }
  }

  /** {@code ADD COLUMN c ... UNIQUE} or {@code PRIMARY KEY}: the index is built under the same lock. */
  private static void inline(RuleContext ctx, Operation.AddColumn col) {
    if (ctx.isNewTable(col.relation()) || Describe.addsNothing(ctx, col)) {
      return;
    }
    Optional<ConstraintKind> kind = col.column().constraints().stream().map(k -> k.kind())
        .filter(k -> k == ConstraintKind.UNIQUE || k == ConstraintKind.PRIMARY_KEY).findFirst();
    Optional<RelationEffect> table = Describe.on(ctx.effects(), col.relation());
    if (kind.isEmpty() || table.isEmpty() || !Describe.blocksWrites(table.get().lock())) {
      return;
    }
    String message = "ADD COLUMN \"" + col.column().name() + "\" ... " + kind.get().sql() + " builds a unique index on "
        + Describe.rel(col.relation()) + " while holding " + Describe.lock(table.get().lock()) + " — "
        + Describe.blocks(table.get().lock()) + " until the index is built";
    RuleContext.FindingBuilder b = ctx.report(col.span(), message).help("Add the column without "
        + kind.get().sql() + ", fill it, build the index with CREATE UNIQUE INDEX CONCURRENTLY in a migration that runs"
        + " outside a transaction, then ALTER TABLE " + col.relation().sql() + " ADD CONSTRAINT ... " + kind.get().sql()
        + " USING INDEX ...;");
    // A nullable column without a value for existing rows is NULL in all of them, which a unique
    // index allows: add it, then build the index without blocking and attach it.
    List<ConstraintDef> inline = col.column().constraints();
    if (inline.size() == 1 && inline.get(0).kind() == ConstraintKind.UNIQUE && !col.column().hasAnyDefault()
        && !col.column().effectivelyNotNull() && ctx.statementOperations().size() == 1) {
      ConstraintDef unique = inline.get(0);
      String withoutUnique = Describe.statementWithout(ctx, unique.span());
      String name = unique.name().orElseGet(() -> PgNames.makeObjectName(col.relation().name(),
          col.column().name(), "key"));
      b.plan(ExpandContract.addColumnThenUnique(Plans.layout(ctx.file()), col.relation(), col.column().name(),
          withoutUnique, name));
    }
  }
}
