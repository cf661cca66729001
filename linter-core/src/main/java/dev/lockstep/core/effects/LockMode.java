package dev.lockstep.core.effects;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL table-level lock modes, weakest first, with the conflict table of the PostgreSQL
 * documentation ("Table-Level Lock Modes").
 */
public enum LockMode {
  ACCESS_SHARE("ACCESS SHARE", "AccessShareLock"),
  ROW_SHARE("ROW SHARE", "RowShareLock"),
  ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock"),
  SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"),
  SHARE("SHARE", "ShareLock"),
  SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),
  EXCLUSIVE("EXCLUSIVE", "ExclusiveLock"),
  ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

  private final String sql;
  private final String pgLocksName;

  LockMode(String sql, String pgLocksName) {
    this.sql = sql;
    this.pgLocksName = pgLocksName;
  }

  /** The mode as written in SQL and documentation, e.g. {@code ACCESS EXCLUSIVE}. */
  public String sql() {
    return sql;
  }

  /** The mode as {@code pg_locks.mode} shows it, e.g. {@code AccessExclusiveLock}. */
  public String pgLocksName() {
    return pgLocksName;
  }

  public static Optional<LockMode> fromPgLocks(String mode) {
    for (LockMode m : values()) {
      if (m.pgLocksName.equals(mode)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public static Optional<LockMode> fromSql(String text) {
    String norm = text.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    for (LockMode m : values()) {
      if (m.sql.equals(norm)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public boolean conflictsWith(LockMode other) {
    return CONFLICTS[ordinal()][other.ordinal()];
  }

  public LockMode max(LockMode other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** What ordinary traffic this lock blocks while it is held (or queued). */
  public Set<Blocked> blocks() {
    EnumSet<Blocked> out = EnumSet.noneOf(Blocked.class);
    if (conflictsWith(ACCESS_SHARE)) {
      out.add(Blocked.READS);
    }
    if (conflictsWith(ROW_EXCLUSIVE)) {
      out.add(Blocked.WRITES);
    }
    if (conflictsWith(SHARE_UPDATE_EXCLUSIVE)) {
      out.add(Blocked.DDL);
    }
    return out;
  }

  /** Traffic classes blocked by a lock: plain SELECT, INSERT/UPDATE/DELETE, and schema changes/VACUUM. */
  public enum Blocked {
    READS("reads"),
    WRITES("writes"),
    DDL("ddl");

    private final String id;

    Blocked(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private static final boolean[][] CONFLICTS = new boolean[8][8];

  static {
    // Rows/columns in enum order; 'X' marks a conflict (PostgreSQL docs, Table 13.2).
    String[] table = {
        ".......X", // ACCESS SHARE
        "......XX", // ROW SHARE
        "....XXXX", // ROW EXCLUSIVE
        "...XXXXX", // SHARE UPDATE EXCLUSIVE
        "..XX.XXX", // SHARE
        "..XXXXXX", // SHARE ROW EXCLUSIVE
        ".XXXXXXX", // EXCLUSIVE
        "XXXXXXXX", // ACCESS EXCLUSIVE
    };
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        CONFLICTS[i][j] = table[i].charAt(j) == 'X';
      }
    }
  }
}
