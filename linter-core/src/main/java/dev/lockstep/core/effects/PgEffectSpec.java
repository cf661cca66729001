package dev.lockstep.core.effects;

import java.util.Map;
import java.util.Optional;

/**
 * One row of the PostgreSQL effects table: what an operation of kind {@code key} does on the
 * server versions in {@code versions}.
 *
 * @param key the operation kind
 * @param versions the PostgreSQL majors this row covers
 * @param supported false when the server rejects the operation on these versions (then no role is locked)
 * @param known false when lockstep cannot predict the effects (a {@code DO} block, an unrecognized statement)
 * @param roles the lock, rewrite and scan per relation role, in role order
 * @param transactional whether it may run inside a transaction block
 * @param failsOnExistingRows when it fails because of data already in the table, the condition; empty otherwise
 * @param note one line: the fact and its caveats
 * @param source where the fact comes from (a PostgreSQL documentation page)
 * @param verified on which server version lockstep saw this behaviour itself ({@code pg_locks},
 *     {@code pg_class.relfilenode}); empty while it rests on the documentation only
 */
public record PgEffectSpec(PgEffectKey key, VersionRange versions, boolean supported, boolean known,
    Map<PgRole, RoleEffect> roles, boolean transactional, Optional<String> failsOnExistingRows, String note,
    String source, Optional<String> verified) {

  public PgEffectSpec {
    roles = Map.copyOf(roles);
  }

  public Optional<RoleEffect> role(PgRole role) {
    return Optional.ofNullable(roles.get(role));
  }

  /** The lock on the target relation, if the operation takes one. */
  public Optional<LockMode> targetLock() {
    return role(PgRole.TARGET).map(RoleEffect::lock);
  }

  public boolean rewritesTable() {
    return role(PgRole.TARGET).map(RoleEffect::rewrite).orElse(false);
  }

  public boolean rewritesIndexes() {
    return roles.entrySet().stream().anyMatch(e -> e.getValue().rewrite()
        && (e.getKey() == PgRole.TABLE_INDEXES || e.getKey() == PgRole.COLUMN_INDEXES || e.getKey() == PgRole.INDEX));
  }

  public boolean scans() {
    return roles.values().stream().anyMatch(RoleEffect::scan);
  }
}
