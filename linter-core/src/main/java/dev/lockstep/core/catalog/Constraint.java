package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.RecordHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table constraint.
 *
 * @param validated false while a constraint added {@code NOT VALID} has not been validated
 * @param index for PRIMARY KEY / UNIQUE, the name of the index that backs it
 */
public record Constraint(String name, ConstraintKind kind, List<String> columns, Optional<ObjectName> referencedTable,
    Optional<Expr> expression, boolean validated, Optional<String> index, Origin origin, Optional<String> onDelete,
    Optional<String> onUpdate, List<String> referencedColumns) {
  public Constraint {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  /** A foreign key without an {@code ON UPDATE} action and referenced columns (the primary key). */
  public Constraint(String name, ConstraintKind kind, List<String> columns, Optional<ObjectName> referencedTable,
      Optional<Expr> expression, boolean validated, Optional<String> index, Origin origin, Optional<String> onDelete) {
    this(name, kind, columns, referencedTable, expression, validated, index, origin, onDelete, Optional.empty(),
        List.of());
  }

  /** A constraint without an {@code ON DELETE} action (anything but a foreign key, or one declared without it). */
  public Constraint(String name, ConstraintKind kind, List<String> columns, Optional<ObjectName> referencedTable,
      Optional<Expr> expression, boolean validated, Optional<String> index, Origin origin) {
    this(name, kind, columns, referencedTable, expression, validated, index, origin, Optional.empty());
  }

  /**
   * Whether deleting a referenced row fails while a referencing row exists: {@code ON DELETE}
   * {@code NO ACTION} (the default) or {@code RESTRICT}, as opposed to {@code CASCADE} and
   * {@code SET NULL} / {@code SET DEFAULT}, which write to the referencing table instead.
   */
  public boolean deleteRestricted() {
    return onDelete.map(a -> a.startsWith("NO ACTION") || a.startsWith("RESTRICT")).orElse(true);
  }

  /**
   * Whether updating a referenced key fails while a referencing row exists ({@code ON UPDATE NO
   * ACTION}, the default, or {@code RESTRICT}), as opposed to {@code CASCADE} / {@code SET NULL} /
   * {@code SET DEFAULT}, which write to the referencing table.
   */
  public boolean updateRestricted() {
    return onUpdate.map(a -> a.startsWith("NO ACTION") || a.startsWith("RESTRICT")).orElse(true);
  }

  public Constraint withValidated(boolean v) {
    return new Constraint(name, kind, columns, referencedTable, expression, v, index, origin, onDelete, onUpdate,
        referencedColumns);
  }

  public Constraint withName(String n) {
    return new Constraint(n, kind, columns, referencedTable, expression, validated, index, origin, onDelete, onUpdate,
        referencedColumns);
  }

  public Constraint withOrigin(Origin o) {
    return new Constraint(name, kind, columns, referencedTable, expression, validated, index, o, onDelete, onUpdate,
        referencedColumns);
  }

  public Constraint withColumns(List<String> cols) {
    return new Constraint(name, kind, cols, referencedTable, expression, validated, index, origin, onDelete, onUpdate,
        referencedColumns);
  }

  /**
   * Whether the constraint involves {@code column}: it lists it, or (a table CHECK without a column
   * list) its expression mentions it.
   */
  public boolean involves(String column) {
    if (columns.contains(column)) {
      return true;
    }
    return columns.isEmpty() && expression.map(e -> CatalogReplay.mentions(e.text(), column)).orElse(false);
  }

  /**
   * Whether this is a validated {@code CHECK} that proves {@code column IS NOT NULL}, which lets
   * {@code SET NOT NULL} skip its scan on PostgreSQL 12 and later.
   */
  public boolean provesNotNull(String column) {
    return validated && kind == ConstraintKind.CHECK && expression.isPresent()
        && NotNullProof.proves(expression.get().text(), column);
  }

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Constraint)) {
      return false;
    }
    Constraint o = (Constraint) other;
    return Objects.equals(name, o.name)
        && Objects.equals(kind, o.kind)
        && Objects.equals(columns, o.columns)
        && Objects.equals(referencedTable, o.referencedTable)
        && Objects.equals(expression, o.expression)
        && validated == o.validated
        && Objects.equals(index, o.index)
        && Objects.equals(origin, o.origin)
        && Objects.equals(onDelete, o.onDelete)
        && Objects.equals(onUpdate, o.onUpdate)
        && Objects.equals(referencedColumns, o.referencedColumns);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(name, kind, columns, referencedTable, expression, validated, index, origin, onDelete, onUpdate, referencedColumns);
  }
}
