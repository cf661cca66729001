package dev.lockstep.core.effects;

/**
 * What an operation does to the relations of one {@link PgRole}.
 *
 * @param lock the strongest lock mode taken
 * @param rewrite whether the relation gets new storage (a new {@code relfilenode}): table rewrite or index rebuild
 * @param scan whether every row is read
 */
public record RoleEffect(LockMode lock, boolean rewrite, boolean scan) {
  public static RoleEffect lock(LockMode mode) {
    return new RoleEffect(mode, false, false);
  }
}
