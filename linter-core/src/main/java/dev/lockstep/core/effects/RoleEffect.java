package dev.lockstep.core.effects;

import java.util.Optional;

/**
 * What an operation does to the relations of one {@link PgRole}.
 *
 * @param lock the strongest lock mode taken
 * @param rewrite whether the relation gets new storage (a new {@code relfilenode}): table rewrite or index rebuild
 * @param scanKind whether every row is read: certainly, not at all, or depending on the plan or the data
 * @param lasting the strongest mode held for the whole command; weaker than {@code lock} when a command
 *     that runs outside a transaction block takes {@code lock} only for an instant (the final swap of
 *     {@code REINDEX CONCURRENTLY}, {@code VACUUM}'s index locks); empty when every lock on the role is
 *     such an instant
 */
public record RoleEffect(LockMode lock, boolean rewrite, ScanKind scanKind, Optional<LockMode> lasting) {
  public RoleEffect(LockMode lock, boolean rewrite, boolean scan) {
    this(lock, rewrite, ScanKind.of(scan), Optional.of(lock));
  }

  public RoleEffect(LockMode lock, boolean rewrite, ScanKind scanKind) {
    this(lock, rewrite, scanKind, Optional.of(lock));
  }

  public static RoleEffect lock(LockMode mode) {
    return new RoleEffect(mode, false, false);
  }

  /** Whether every row is certainly read. */
  public boolean scan() {
    return scanKind == ScanKind.FULL;
  }

  /** Whether part of the lock is held only for an instant. */
  public boolean brief() {
    return !lasting.equals(Optional.of(lock));
  }
}
