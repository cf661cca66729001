package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.RecordHash;
import dev.lockstep.core.ir.TypeRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A column as the replayed history left it.
 *
 * @param collation its collation when not the type's default ({@code C}, {@code public.ci}); see
 *     {@link #collationOf}
 */
public record Column(String name, TypeRef type, boolean notNull, Optional<Expr> defaultValue, boolean generated,
    boolean identity, Origin origin, Optional<String> collation) {

  /** A column with its type's default collation. */
  public Column(String name, TypeRef type, boolean notNull, Optional<Expr> defaultValue, boolean generated,
      boolean identity, Origin origin) {
    this(name, type, notNull, defaultValue, generated, identity, origin, Optional.empty());
  }

  /**
   * A {@code COLLATE} clause's name as a column's collation: empty for the default collation
   * ({@code "default"}, {@code pg_catalog."default"}), the name without {@code pg_catalog.} otherwise.
   */
  public static Optional<String> collationOf(Optional<String> written) {
    return written.map(n -> n.startsWith("pg_catalog.") ? n.substring("pg_catalog.".length()) : n)
        .filter(n -> !n.equals("default"));
  }

  /** {@code " COLLATE name"} for a collation as {@link #collationOf} gives it, quoted for SQL ({@code " COLLATE \"C\""}). */
  public static String collateSql(String collation) {
    int dot = collation.indexOf('.');
    return " COLLATE " + (dot > 0 ? ObjectName.of(collation.substring(0, dot), collation.substring(dot + 1)).sql()
        : ObjectName.quote(collation));
  }

  /** The column after {@code ALTER COLUMN ... TYPE t [COLLATE c]}: without COLLATE, the type's default. */
  public Column withTypeAndCollation(TypeRef t, Optional<String> writtenCollation) {
    return new Column(name, t, notNull, defaultValue, generated, identity, origin, collationOf(writtenCollation));
  }

  public Column withType(TypeRef t) {
    return new Column(name, t, notNull, defaultValue, generated, identity, origin, collation);
  }

  public Column withNotNull(boolean nn) {
    return new Column(name, type, nn, defaultValue, generated, identity, origin, collation);
  }

  public Column withDefault(Optional<Expr> d) {
    return new Column(name, type, notNull, d, generated, identity, origin, collation);
  }

  public Column withName(String n) {
    return new Column(n, type, notNull, defaultValue, generated, identity, origin, collation);
  }

  public Column withOrigin(Origin o) {
    return new Column(name, type, notNull, defaultValue, generated, identity, o, collation);
  }

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Column)) {
      return false;
    }
    Column o = (Column) other;
    return Objects.equals(name, o.name)
        && Objects.equals(type, o.type)
        && notNull == o.notNull
        && Objects.equals(defaultValue, o.defaultValue)
        && generated == o.generated
        && identity == o.identity
        && Objects.equals(origin, o.origin)
        && Objects.equals(collation, o.collation);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(name, type, notNull, defaultValue, generated, identity, origin, collation);
  }
}
