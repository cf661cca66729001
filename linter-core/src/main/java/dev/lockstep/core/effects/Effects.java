package dev.lockstep.core.effects;

import dev.lockstep.core.ir.ObjectName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation (or a whole statement) does on a live PostgreSQL server.
 *
 * @param relations one entry per relation locked, with the strongest mode taken there
 * @param transactional whether it may run inside a transaction block (false for
 *     {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...)
 * @param failsOnExistingRows when it fails if the table already holds rows (or rows that violate
 *     it), why; empty otherwise
 * @param notes short facts worth showing in a hover ("metadata only since PostgreSQL 11")
 * @param known false when lockstep cannot tell (a {@code DO} block, an unrecognized statement)
 */
public record Effects(List<RelationEffect> relations, boolean transactional, Optional<String> failsOnExistingRows,
    List<String> notes, boolean known) {

  public static final Effects NONE = new Effects(List.of(), true, Optional.empty(), List.of(), true);
  public static final Effects UNKNOWN = new Effects(List.of(), true, Optional.empty(), List.of(), false);

  public Effects {
    relations = List.copyOf(relations);
    notes = List.copyOf(notes);
  }

  public boolean rewrites() {
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect r = relations.get(i);
      if (r.rewrite() && r.kind() == RelationKind.TABLE) {
        return true;
      }
    }
    return false;
  }

  /** Whether some relation is certainly read in full. */
  public boolean scans() {
    for (int i = 0; i < relations.size(); i++) {
      if (relations.get(i).scan()) {
        return true;
      }
    }
    return false;
  }

  /** Whether some relation may be read in full, depending on the plan or the data ({@link ScanKind#PLAN_DEPENDENT}). */
  public boolean mayScan() {
    for (int i = 0; i < relations.size(); i++) {
      if (relations.get(i).planDependentScan()) {
        return true;
      }
    }
    return false;
  }

  public Optional<RelationEffect> on(ObjectName relation) {
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect r = relations.get(i);
      if (r.relation().equals(relation)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The strongest lock taken on any relation. */
  public Optional<LockMode> strongestLock() {
    return relations.stream().map(RelationEffect::lock).reduce(LockMode::max);
  }

  /** Combines the effects of several operations of one statement. */
  public static Effects combine(List<Effects> parts) {
    if (parts.isEmpty()) {
      return NONE;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Map<ObjectName, RelationEffect> rel = new LinkedHashMap<>();
    boolean tx = true;
    boolean known = true;
    Optional<String> fails = Optional.empty();
    List<String> notes = new ArrayList<>();
    for (Effects e : parts) {
      for (RelationEffect r : e.relations()) {
        rel.merge(r.relation(), r, RelationEffect::merge);
      }
      tx &= e.transactional();
      known &= e.known();
      if (fails.isEmpty()) {
        fails = e.failsOnExistingRows();
      }
      for (String n : e.notes()) {
        if (!notes.contains(n)) {
          notes.add(n);
        }
      }
    }
    return new Effects(new ArrayList<>(rel.values()), tx, fails, notes, known);
  }
}
