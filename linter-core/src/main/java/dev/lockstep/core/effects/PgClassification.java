package dev.lockstep.core.effects;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.RecordHash;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One effect key that an operation maps to, with the relations that play each role.
 *
 * @param key the row family of the effects table
 * @param relations the relations per role, schema-qualified; a role without relations is absent
 * @param requestedLock for {@code LOCK TABLE}, the mode the statement asks for
 * @param notes facts specific to this operation and catalog state (added to the row's note)
 * @param scans per relation, whether it is read in full as the statement and the schema decide it
 *     (a query's conditions and the table's indexes); replaces the row's scan for that relation
 */
public record PgClassification(PgEffectKey key, Map<PgRole, List<Relation>> relations,
    Optional<LockMode> requestedLock, List<String> notes, Map<ObjectName, ScanKind> scans) {

  public PgClassification(PgEffectKey key, Map<PgRole, List<Relation>> relations, Optional<LockMode> requestedLock,
      List<String> notes) {
    this(key, relations, requestedLock, notes, Map.of());
  }

  public PgClassification {
    Map<PgRole, List<Relation>> m = new EnumMap<>(PgRole.class);
    for (Map.Entry<PgRole, List<Relation>> e : relations.entrySet()) {
      if (!e.getValue().isEmpty()) {
        m.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    relations = java.util.Collections.unmodifiableMap(m);
    notes = List.copyOf(notes);
    scans = Map.copyOf(scans);
  }

  public List<Relation> relations(PgRole role) {
    return relations.getOrDefault(role, List.of());
  }

  /** A relation bound to a role. */
  public record Relation(ObjectName name, RelationKind kind) {
    // equals and hashCode written out, not generated: see RecordHash
    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Relation)) {
        return false;
      }
      Relation o = (Relation) other;
      return Objects.equals(name, o.name)
          && Objects.equals(kind, o.kind);
    }

    @Override
    public int hashCode() {
      return RecordHash.of(name, kind);
    }
  }
}
