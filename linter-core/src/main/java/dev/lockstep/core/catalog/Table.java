package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import java.util.List;
import java.util.Optional;

/**
 * A table as the replayed history left it.
 *
 * @param name schema-qualified name
 * @param partitioned declared {@code PARTITION BY}
 * @param partitionOf the parent when this table is a partition
 * @param origin where it was created
 */
public record Table(ObjectName name, List<Column> columns, List<Constraint> constraints, boolean partitioned,
    Optional<ObjectName> partitionOf, boolean temporary, boolean unlogged, Origin origin) {

  public Table {
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
  }

  public Optional<Column> column(String columnName) {
    for (Column c : columns) {
      if (c.name().equals(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public Optional<Constraint> constraint(String constraintName) {
    for (Constraint c : constraints) {
      if (c.name().equals(constraintName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public Optional<Constraint> primaryKey() {
    return constraints.stream().filter(c -> c.kind() == ConstraintKind.PRIMARY_KEY).findFirst();
  }

  /** Whether a validated CHECK constraint proves {@code column IS NOT NULL}. */
  public boolean hasValidatedNotNullCheck(String column) {
    return constraints.stream().anyMatch(c -> c.provesNotNull(column));
  }

  public Table withColumns(List<Column> cols) {
    return new Table(name, cols, constraints, partitioned, partitionOf, temporary, unlogged, origin);
  }

  public Table withConstraints(List<Constraint> cons) {
    return new Table(name, columns, cons, partitioned, partitionOf, temporary, unlogged, origin);
  }

  public Table withName(ObjectName n) {
    return new Table(n, columns, constraints, partitioned, partitionOf, temporary, unlogged, origin);
  }
}
