package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.Optional;

@RuleInfo(
    id = "enum-value-used-in-same-transaction",
    summary = "An enum value is used in the transaction that added it",
    severity = Severity.ERROR,
    tags = {"transactions", "runtime-error", "enum"})
public final class EnumValueUsedInSameTransaction implements Rule {
  @Override
  public void check(RuleContext ctx) {
    TransactionState tx = ctx.transaction();
    if (!tx.inTransaction()) {
      return;
    }
    if (ctx.operation() instanceof Operation.AddEnumValue add) {
      if (ctx.serverVersion() < 12 && ctx.effects().transactional()) {
        ctx.report(add.span(), "ALTER TYPE " + Describe.rel(add.type()) + " ADD VALUE cannot run inside a transaction"
                + " block before PostgreSQL 12, but " + Describe.transactionPhrase(ctx) + ": it fails with ERROR 25001")
            .help("Move it alone into a migration that runs outside a transaction: "
                + Describe.runOutsideTransaction(ctx.file()) + '.');
      }
      return;
    }
    if (ctx.operation() != ctx.statementOperations().get(0)) {
      return; // one finding per statement
    }
    for (TransactionState.PriorOperation p : tx.earlier()) {
      if (!(p.operation() instanceof Operation.AddEnumValue add)) {
        continue;
      }
      Optional<Token> use = literal(ctx, add.value());
      if (use.isEmpty() || !mentionsType(ctx, add.type())) {
        continue;
      }
      String message = "Uses enum value '" + add.value() + "', which ALTER TYPE " + Describe.rel(add.type())
          + " ADD VALUE (statement " + (p.statementIndex() + 1) + ") added in the same transaction: PostgreSQL"
          + " rejects it with ERROR 55P04 (unsafe use of new value \"" + add.value() + "\" of enum type "
          + add.type().name() + ") because a new enum value cannot be used before the transaction that added it"
          + " commits";
      String help = "Commit the ADD VALUE first: move it into an earlier migration, or use the value in a later"
          + " one";
      if (Describe.isImplicit(ctx)) {
        help += " (" + Describe.transactionPhrase(ctx) + ", so a separate migration file is needed)";
      }
      RuleContext.FindingBuilder b = ctx.report(ctx.statement().span(), message).help(help + ".");
      if (p.file().equals(ctx.file().path())) {
        Plans.commitEnumValueFirst(ctx, add.type(), add.value(), p.statementIndex()).ifPresent(b::plan);
      } else {
        b.plan(dev.lockstep.core.plan.ExpandContract.noPlan("ALTER TYPE ... ADD VALUE ran in another migration file"
            + " of the same transaction (the tool runs them in one transaction); add the value in a migration that"
            + " commits before this one"));
      }
      return;
    }
  }

  private static Optional<Token> literal(RuleContext ctx, String value) {
    for (Token t : ctx.statement().tokens()) {
      if (t.kind() == TokenKind.STRING && Describe.stringValue(t).filter(value::equals).isPresent()) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the statement names the enum type (a cast), or names a column of that type of a table
   * it acts on (a comparison, an assignment, a default).
   */
  private static boolean mentionsType(RuleContext ctx, ObjectName type) {
    ObjectName resolved = Catalog.resolve(type);
    java.util.Set<String> enumColumns = new java.util.HashSet<>();
    for (Operation op : ctx.statementOperations()) {
      Optional<ObjectName> table = op.table();
      if (table.isEmpty()) {
        continue;
      }
      Optional<Table> t = ctx.catalog().table(table.get());
      if (t.isPresent()) {
        for (Column c : t.get().columns()) {
          ObjectName ct = EnumRecreation.typeName(c.type().schema(), c.type().name());
          if (Catalog.resolve(ct).equals(resolved)) {
            enumColumns.add(c.name());
          }
        }
      }
    }
    for (Token t : ctx.statement().tokens()) {
      if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) {
        String id = t.identifier();
        if (id.equals(type.name()) || enumColumns.contains(id)) {
          return true;
        }
      }
    }
    return false;
  }
}
