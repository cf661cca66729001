package dev.lockstep.core.ir;

import java.util.List;
import java.util.Objects;

/**
 * A data type as written in a column definition or type change.
 *
 * @param name canonical base name: built-in types use PostgreSQL's internal names ({@code int4},
 *     {@code int8}, {@code varchar}, {@code bpchar}, {@code numeric}, {@code timestamp},
 *     {@code timestamptz}, {@code float8}, {@code bool}, {@code text}, ...); the serial pseudo-types
 *     stay {@code serial}, {@code bigserial}, {@code smallserial}; user types keep their (case-resolved) name
 * @param schema the type's schema when it was qualified, else empty
 * @param modifiers type modifiers ({@code varchar(255)} → [255], {@code numeric(10,2)} → [10, 2])
 * @param arrayDims number of array dimensions ({@code text[]} → 1)
 * @param text the type as written
 */
public record TypeRef(String name, String schema, List<Integer> modifiers, int arrayDims, String text) {
  public TypeRef {
    modifiers = List.copyOf(modifiers);
  }

  public boolean isArray() {
    return arrayDims > 0;
  }

  public boolean isSerial() {
    return arrayDims == 0 && (name.equals("serial") || name.equals("bigserial") || name.equals("smallserial"));
  }

  /** The same type without modifiers and with the same array dimensions, e.g. to compare families. */
  public boolean sameBase(TypeRef other) {
    return name.equals(other.name) && arrayDims == other.arrayDims;
  }

  /** Compact SQL spelling, e.g. {@code varchar(255)}, {@code numeric(10,2)[]}. */
  public String display() {
    StringBuilder sb = new StringBuilder(schema.isEmpty() ? name : schema + "." + name);
    if (!modifiers.isEmpty()) {
      sb.append('(');
      for (int i = 0; i < modifiers.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(modifiers.get(i));
      }
      sb.append(')');
    }
    sb.append("[]".repeat(arrayDims));
    return sb.toString();
  }

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof TypeRef)) {
      return false;
    }
    TypeRef o = (TypeRef) other;
    return Objects.equals(name, o.name)
        && Objects.equals(schema, o.schema)
        && Objects.equals(modifiers, o.modifiers)
        && arrayDims == o.arrayDims
        && Objects.equals(text, o.text);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(name, schema, modifiers, arrayDims, text);
  }
}
