package dev.lockstep.core.effects;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.RecordHash;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation does to one relation.
 *
 * @param relation schema-qualified name
 * @param kind table, index, ...
 * @param lock the strongest lock mode taken on it
 * @param rewrite whether its storage is rewritten (a new relfilenode): a table rewrite, or an index rebuild
 * @param scanKind whether every row is read (to validate a constraint, build an index, run a query without a
 *     usable index, ...): certainly, not at all, or depending on the plan or the data
 * @param lasting the strongest mode held for the whole statement: {@code lock} itself unless a command
 *     outside a transaction block takes {@code lock} only for an instant (see {@link RoleEffect#lasting()})
 */
public record RelationEffect(ObjectName relation, RelationKind kind, LockMode lock, boolean rewrite,
    ScanKind scanKind, Optional<LockMode> lasting) {

  public RelationEffect(ObjectName relation, RelationKind kind, LockMode lock, boolean rewrite, boolean scan) {
    this(relation, kind, lock, rewrite, ScanKind.of(scan), Optional.of(lock));
  }

  public RelationEffect(ObjectName relation, RelationKind kind, LockMode lock, boolean rewrite, ScanKind scanKind) {
    this(relation, kind, lock, rewrite, scanKind, Optional.of(lock));
  }

  /** Whether every row is certainly read; a {@link ScanKind#PLAN_DEPENDENT} read is not. */
  public boolean scan() {
    return scanKind == ScanKind.FULL;
  }

  /** Whether every row may be read, depending on the plan or the data. */
  public boolean planDependentScan() {
    return scanKind == ScanKind.PLAN_DEPENDENT;
  }

  /** Whether {@link #lock()} is held only for an instant. */
  public boolean brief() {
    return !lasting.equals(Optional.of(lock));
  }

  /** Combines two effects on the same relation: the stronger lock, rewrite if either does, the more certain scan. */
  public RelationEffect merge(RelationEffect o) {
    Optional<LockMode> l = lasting.isEmpty() ? o.lasting
        : o.lasting.isEmpty() ? lasting : Optional.of(lasting.get().max(o.lasting.get()));
    return new RelationEffect(relation, kind, lock.max(o.lock), rewrite || o.rewrite, scanKind.max(o.scanKind), l);
  }

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RelationEffect)) {
      return false;
    }
    RelationEffect o = (RelationEffect) other;
    return Objects.equals(relation, o.relation)
        && Objects.equals(kind, o.kind)
        && Objects.equals(lock, o.lock)
        && rewrite == o.rewrite
        && Objects.equals(scanKind, o.scanKind)
        && Objects.equals(lasting, o.lasting);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(relation, kind, lock, rewrite, scanKind, lasting);
  }
}
