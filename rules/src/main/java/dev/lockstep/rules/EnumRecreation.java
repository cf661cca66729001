package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.EnumType;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.TransactionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognizes the way PostgreSQL enum values are removed (there is no {@code DROP VALUE}): a new enum
 * type with fewer values, and a column converted to it with {@code ALTER COLUMN ... TYPE}.
 */
final class EnumRecreation {
  private EnumRecreation() {}

  /** What the column's old enum loses by this type change. */
  record Removal(EnumType oldType, EnumType newType, List<String> removed) {}

  static Optional<Removal> removedValues(RuleContext ctx, Operation.AlterColumnType act) {
    Catalog cat = ctx.catalog();
    Optional<Column> column = cat.table(act.relation()).flatMap(t -> t.column(act.column()));
    if (column.isEmpty() || act.type().isArray() != column.get().type().isArray()) {
      return Optional.empty();
    }
    ObjectName newName = typeName(act.type().schema(), act.type().name());
    Optional<EnumType> newEnum = cat.enumType(newName);
    if (newEnum.isEmpty()) {
      return Optional.empty();
    }
    ObjectName oldName = typeName(column.get().type().schema(), column.get().type().name());
    Optional<EnumType> oldEnum = cat.enumType(oldName);
    if (oldEnum.isEmpty() || Catalog.resolve(oldName).equals(Catalog.resolve(newName))) {
      // The old type may have been renamed away (ALTER TYPE x RENAME TO x_old) before the new x was created.
      oldEnum = renamedAway(ctx, newName).flatMap(cat::enumType);
    }
    if (oldEnum.isEmpty()) {
      return Optional.empty();
    }
    List<String> removed = new ArrayList<>(oldEnum.get().values());
    removed.removeAll(newEnum.get().values());
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Removal(oldEnum.get(), newEnum.get(), removed));
  }

  private static Optional<ObjectName> renamedAway(RuleContext ctx, ObjectName current) {
    ObjectName target = Catalog.resolve(current);
    Optional<ObjectName> found = Optional.empty();
    for (TransactionState.PriorOperation p : ctx.transaction().earlier()) {
      if (p.operation() instanceof Operation.RenameType rt && Catalog.resolve(rt.type()).equals(target)) {
        found = Optional.of(ObjectName.of(target.schema(), rt.newName()));
      }
    }
    return found;
  }

  static ObjectName typeName(String schema, String name) {
    return schema.isEmpty() ? ObjectName.of(name) : ObjectName.of(schema, name);
  }
}
