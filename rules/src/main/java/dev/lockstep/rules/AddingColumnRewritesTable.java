package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "adding-column-rewrites-table",
    summary = "ADD COLUMN rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "rewrite"})
public final class AddingColumnRewritesTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AddColumn ac) || ctx.isNewTable(ac.relation())) {
      return;
    }
    Optional<RelationEffect> table = Describe.on(ctx.effects(), ac.relation());
    if (table.isEmpty() || !table.get().rewrite()) {
      return;
    }
    ColumnDef c = ac.column();
    String why = reason(ctx, c);
    String message = "ADD COLUMN \"" + c.name() + "\" " + why + ", so PostgreSQL rewrites " + Describe.rel(ac.relation())
        + " and all its indexes while holding " + Describe.lock(table.get().lock()) + " — "
        + Describe.blocks(table.get().lock()) + " for the whole rewrite";
    RuleContext.FindingBuilder b = ctx.report(ac.span(), message).help(help(ctx, c));
    if (c.defaultValue().isPresent() && c.defaultValue().get().volatility() != Volatility.IMMUTABLE
        && c.defaultValue().get().volatility() != Volatility.STABLE) {
      dev.lockstep.core.plan.ExpandContract.addColumnWithVolatileDefault(Plans.layout(ctx.file()), ctx.catalog(),
          ctx.serverVersion(), ac.relation(), c).ifPresent(b::plan);
    }
  }

  private static String reason(RuleContext ctx, ColumnDef c) {
    if (c.type().isSerial()) {
      return "is " + c.type().name() + " (a volatile nextval() default that fills every existing row)";
    }
    if (c.identity() != ColumnDef.Identity.NONE) {
      return "is an identity column (every existing row gets a value from the sequence)";
    }
    if (c.generated() == ColumnDef.Generated.STORED) {
      return "is a stored generated column (computed and written for every existing row)";
    }
    if (c.defaultValue().isPresent()) {
      Volatility v = c.defaultValue().get().volatility();
      String text = c.defaultValue().get().text();
      if (v == Volatility.VOLATILE) {
        return "has the volatile default " + text + " (evaluated separately for every existing row)";
      }
      if (ctx.serverVersion() < 11) {
        return "has a default (PostgreSQL before 11 writes it into every existing row)";
      }
      if (v == Volatility.UNKNOWN) {
        return "has the default " + text + ", whose volatility is unknown (treated as volatile)";
      }
      return "has the default " + text;
    }
    return "has a type or constraint that forces PostgreSQL to write a value into every row";
  }

  private static String help(RuleContext ctx, ColumnDef c) {
    if (c.generated() == ColumnDef.Generated.STORED) {
      String base = "Add a plain nullable column, fill new rows with a trigger, backfill existing rows in batches,"
          + " then add the constraints you need.";
      return ctx.serverVersion() >= 18
          ? base + " On PostgreSQL 18 a VIRTUAL generated column is added without a rewrite."
          : base;
    }
    if (c.type().isSerial() || c.identity() != ColumnDef.Identity.NONE) {
      return "Add the column as a nullable integer without a default, create a sequence and attach it with"
          + " ALTER COLUMN ... SET DEFAULT nextval(...) (metadata only; new rows get values), backfill existing"
          + " rows in batches in separate transactions, then make it NOT NULL through a CHECK (...) NOT VALID"
          + " constraint that you validate.";
    }
    return "Add the column without the default (or with a constant default), then ALTER COLUMN ... SET DEFAULT "
        + c.defaultValue().map(e -> e.text()).orElse("...") + " so new rows get it (metadata only), and backfill"
        + " existing rows in batches in separate transactions.";
  }
}
