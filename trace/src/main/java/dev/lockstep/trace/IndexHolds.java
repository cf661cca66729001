package dev.lockstep.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code SHARE UPDATE EXCLUSIVE} on each index of a database, every index in a prepared transaction
 * of its own, so that each can be released on its own ({@code ROLLBACK PREPARED}) while the others
 * stay held.
 *
 * <p>Why: a statement outside a transaction block that locks a table {@code ACCESS EXCLUSIVE} and then
 * its indexes ({@code VACUUM FULL}, the partitions of {@code DETACH PARTITION ... CONCURRENTLY}) cannot
 * be stopped at the indexes by the blocking sessions of {@link Observer}: they reach an index only
 * through its table (planning a query), and the table is what the statement holds. {@code COMMENT ON
 * INDEX ... IS NULL} locks the index alone, {@code SHARE UPDATE EXCLUSIVE}, and writes nothing when the
 * index has no comment (it is rolled back in any case). A prepared transaction keeps its locks without a
 * session, so one connection arms every index. Every request of {@code SHARE UPDATE EXCLUSIVE} or a
 * stronger mode on an armed index then waits, and the waiting request shows in {@code pg_locks} until
 * the poller releases that one index. The side lock {@code COMMENT} holds is {@code ROW EXCLUSIVE} on
 * {@code pg_description}; a wait on a system catalog releases every hold.
 *
 * <p>Needs {@code max_prepared_transactions} (set by {@link PgServer}); without it nothing is armed
 * and the observation falls back to the table blockers and the sampler.
 */
final class IndexHolds implements AutoCloseable {
  /**
   * At most this many indexes are armed per statement (two statements run at a time in the effects
   * suite; {@link PgServer} allows {@link PgServer#MAX_PREPARED_TRANSACTIONS}). Beyond it, the indexes
   * with the highest oids are left to the table blockers and the sampler.
   */
  static final int LIMIT = PgServer.MAX_PREPARED_TRANSACTIONS / 2;

  private final Connection conn;
  private final Map<Long, String> armed = new LinkedHashMap<>();

  private IndexHolds(Connection conn) {
    this.conn = conn;
  }

  /**
   * Arms the indexes {@code indexes} of database {@code db} ({@code oid} → {@code schema.name} as
   * SQL); {@code key} makes the transaction names unique on the server.
   */
  static IndexHolds arm(PgServer server, String db, int key, Map<Long, String> indexes) throws SQLException {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    IndexHolds h = new IndexHolds(server.connect(db, simple));
    try (Statement s = h.conn.createStatement()) {
      for (Map.Entry<Long, String> e : indexes.entrySet()) {
        if (h.armed.size() >= LIMIT) {
          break;
        }
        String gid = "lockstep_hold_" + key + "_" + e.getKey();
        try {
          s.execute("BEGIN; COMMENT ON INDEX " + e.getValue() + " IS NULL; PREPARE TRANSACTION '" + gid + "'");
          h.armed.put(e.getKey(), gid);
        } catch (SQLException ex) {
          String state = String.valueOf(ex.getSQLState());
          if (state.equals("55000") || state.startsWith("53")) {
            // prepared transactions disabled (max_prepared_transactions = 0) or all slots taken
            s.execute("ROLLBACK");
            break;
          }
          s.execute("ROLLBACK");
        }
      }
    } catch (SQLException e) {
      h.close();
      throw e;
    }
    return h;
  }

  /**
   * Lets a statement waiting on relation {@code oid} go on: releases that index's hold, or every hold
   * when {@code oid} is a system catalog (the holds keep {@code ROW EXCLUSIVE} on {@code pg_description}).
   */
  void release(Statement s, long oid) throws SQLException {
    if (oid < Observer.FIRST_NORMAL_OID) {
      for (Long o : new ArrayList<>(armed.keySet())) {
        releaseOne(s, o);
      }
    } else if (armed.containsKey(oid)) {
      releaseOne(s, oid);
    }
  }

  private void releaseOne(Statement s, long oid) throws SQLException {
    String gid = armed.remove(oid);
    s.execute("ROLLBACK PREPARED '" + gid + "'");
  }

  /** Releases every hold left; the database can be dropped only once no prepared transaction is in it. */
  @Override
  public void close() throws SQLException {
    try (conn; Statement s = conn.createStatement()) {
      for (Long o : new ArrayList<>(armed.keySet())) {
        releaseOne(s, o);
      }
    }
  }
}
