package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.RecordHash;
import java.util.List;
import java.util.Objects;
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

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Table)) {
      return false;
    }
    Table o = (Table) other;
    return Objects.equals(name, o.name)
        && Objects.equals(columns, o.columns)
        && Objects.equals(constraints, o.constraints)
        && partitioned == o.partitioned
        && Objects.equals(partitionOf, o.partitionOf)
        && temporary == o.temporary
        && unlogged == o.unlogged
        && Objects.equals(origin, o.origin);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(name, columns, constraints, partitioned, partitionOf, temporary, unlogged, origin);
  }
}
