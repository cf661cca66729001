package dev.lockstep.core.ir;

import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * A table or column constraint.
 *
 * @param name the constraint name when given
 * @param kind what it is
 * @param columns the constrained columns (for a column constraint, that column)
 * @param referencedTable for a foreign key, the referenced table
 * @param referencedColumns for a foreign key, the referenced columns (may be empty: the primary key)
 * @param usingIndex {@code UNIQUE/PRIMARY KEY USING INDEX name}
 * @param expression the {@code CHECK} or {@code EXCLUDE} expression
 * @param notValid {@code NOT VALID} was given
 * @param onDelete the {@code ON DELETE} action of a foreign key, upper case ({@code CASCADE}, ...)
 * @param onUpdate the {@code ON UPDATE} action of a foreign key, upper case
 * @param span the constraint clause
 */
public record ConstraintDef(
    Optional<String> name,
    ConstraintKind kind,
    List<String> columns,
    Optional<ObjectName> referencedTable,
    List<String> referencedColumns,
    Optional<String> usingIndex,
    Optional<Expr> expression,
    boolean notValid,
    Optional<String> onDelete,
    Optional<String> onUpdate,
    Span span) {

  public ConstraintDef {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  /** Without an {@code ON UPDATE} action. */
  public ConstraintDef(Optional<String> name, ConstraintKind kind, List<String> columns,
      Optional<ObjectName> referencedTable, List<String> referencedColumns, Optional<String> usingIndex,
      Optional<Expr> expression, boolean notValid, Optional<String> onDelete, Span span) {
    this(name, kind, columns, referencedTable, referencedColumns, usingIndex, expression, notValid, onDelete,
        Optional.empty(), span);
  }
}
