package dev.lockstep.core.ir;

import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * A column definition in {@code CREATE TABLE} or {@code ADD COLUMN}.
 *
 * @param name column name (case resolved)
 * @param type declared type
 * @param notNull {@code NOT NULL} was given (a {@code PRIMARY KEY} column is also not null: see {@link #effectivelyNotNull()})
 * @param defaultValue the {@code DEFAULT} expression, if any
 * @param generated {@code GENERATED ALWAYS AS (...) STORED|VIRTUAL}
 * @param identity {@code GENERATED ALWAYS|BY DEFAULT AS IDENTITY}
 * @param constraints inline constraints ({@code PRIMARY KEY}, {@code UNIQUE}, {@code REFERENCES}, {@code CHECK})
 * @param collation {@code COLLATE} name, if any
 * @param span the whole column definition
 */
public record ColumnDef(
    String name,
    TypeRef type,
    boolean notNull,
    Optional<Expr> defaultValue,
    Generated generated,
    Identity identity,
    List<ConstraintDef> constraints,
    Optional<String> collation,
    Span span) {

  public ColumnDef {
    constraints = List.copyOf(constraints);
  }

  public enum Generated { NONE, STORED, VIRTUAL }

  public enum Identity { NONE, ALWAYS, BY_DEFAULT }

  public boolean isPrimaryKey() {
    return constraints.stream().anyMatch(c -> c.kind() == ConstraintKind.PRIMARY_KEY);
  }

  public boolean effectivelyNotNull() {
    return notNull || isPrimaryKey() || identity != Identity.NONE || type.isSerial();
  }

  /** Whether the column gets a value for existing rows without a rewrite-free constant default. */
  public boolean hasAnyDefault() {
    return defaultValue.isPresent() || identity != Identity.NONE || type.isSerial() || generated != Generated.NONE;
  }
}
