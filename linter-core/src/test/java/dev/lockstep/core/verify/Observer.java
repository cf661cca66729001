package dev.lockstep.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Splitter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one case on one server and records what the server did.
 *
 * <p><b>In a transaction</b> (the normal path): a fresh database {@code CREATE DATABASE caseN
 * TEMPLATE fixture}; the case's setup runs and commits (cases without setup use a database of the
 * worker thread that only ever sees rolled-back transactions); a snapshot of {@code pg_class} is taken;
 * then {@code BEGIN}, the statements, and before {@code ROLLBACK} one query reads this backend's
 * {@code pg_locks}, {@code pg_stat_xact_all_tables} and {@code pg_class} again. {@code file} cases
 * send the whole text as one simple-protocol query ({@code preferQueryMode=simple}; pgjdbc would
 * otherwise split it into separate statements), which PostgreSQL runs as one implicit transaction,
 * as Prisma does; their locks are read by {@link LockWatcher} as below.
 *
 * <p><b>Outside a transaction</b>: when the statements fail inside the block with SQLSTATE 25001,
 * they run again on another fresh database in autocommit mode, observed by {@link LockWatcher}; the
 * scan counters then come from {@code pg_stat_all_tables} before and after (flushed with {@code
 * pg_stat_force_next_flush()} on 15+, and by waiting out the statistics collector's 500 ms interval
 * before).
 *
 * <p><b>Relation filter</b> (applied to locks, rewrites and scans alike): only {@code
 * locktype='relation'} entries of the case database (the transaction's virtualxid and transactionid
 * locks, advisory locks and shared catalogs are other lock types or databases); only relations outside
 * {@code pg_catalog}, {@code information_schema}, {@code pg_toast} and the temporary schemas (the
 * statements' own catalog access and the observation query's); and only relations that existed before
 * the statements: relations they create are invisible to other sessions until commit, and transient
 * ones (the new heap of a table rewrite, {@code REFRESH}'s diff table, {@code REINDEX
 * CONCURRENTLY}'s {@code _ccnew} index) exist in neither snapshot. Filtered locks are listed in the
 * report. Relations are named as {@code schema.name} from the snapshot before the statements, so
 * dropped and renamed relations keep the name lockstep knows them by.
 *
 * <p>Rewrite: a relation's {@code relfilenode} differs before and after (matched by oid, or by name
 * when the oid was replaced, as {@code REINDEX CONCURRENTLY} does). Scan: {@code seq_scan} grew.
 */
final class Observer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** PostgreSQL's FirstNormalObjectId: oids below belong to the system catalogs. */
  static final long FIRST_NORMAL_OID = 16384;

  static final String CLASSES_JSON = """
      (SELECT coalesce(json_agg(json_build_object('oid', c.oid::bigint, 'nsp', n.nspname, 'name', c.relname,
                'kind', c.relkind::text, 'filenode', c.relfilenode::bigint)), '[]'::json)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
          AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'm', 'v', 'f'))""";

  static final String LOCKS_JSON = """
      (SELECT coalesce(json_agg(json_build_object('oid', l.relation::bigint, 'mode', l.mode, 'granted', l.granted)),
                '[]'::json)
         FROM pg_locks l
        WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid()
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))""";

  static final String XACT_SCANS_JSON = """
      (SELECT coalesce(json_agg(json_build_object('oid', s.relid::bigint, 'seq', s.seq_scan, 'tup', s.seq_tup_read)),
                '[]'::json)
         FROM pg_stat_xact_all_tables s WHERE s.seq_scan > 0)""";

  static final String TOTAL_SCANS_JSON = """
      (SELECT coalesce(json_agg(json_build_object('oid', s.relid::bigint, 'seq', coalesce(s.seq_scan, 0),
                'tup', coalesce(s.seq_tup_read, 0))), '[]'::json)
         FROM pg_stat_all_tables s)""";

  static final String OBSERVE_SQL = "SELECT json_build_object('classes', " + CLASSES_JSON + ", 'locks', " + LOCKS_JSON
      + ", 'scans', " + XACT_SCANS_JSON + ")::text";

  private final PgServer server;
  private final ExecutorService watchers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "pg-lock-watcher");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger watchKeys = new AtomicInteger();
  private final ThreadLocal<String> reusable = new ThreadLocal<>();
  private final List<String> reusableAll = new ArrayList<>();

  Observer(PgServer server) {
    this.server = server;
  }

  Observation observe(VerifyCase c) throws SQLException, IOException, InterruptedException {
    long t0 = System.nanoTime();
    if (c.fileMode()) {
      Attempt a = onFreshDatabase(c, db -> watched(db, c, true));
      boolean nonTx = a.error.isPresent() && "25001".equals(a.error.get().sqlState());
      return a.toObservation(nonTx, nonTx ? Optional.empty() : a.error, "simple-query", t0);
    }
    Attempt first = c.setup().isEmpty()
        ? inTransaction(reusableDatabase(), c)
        : onFreshDatabase(c, db -> inTransaction(db, c));
    if (first.error.isPresent() && "25001".equals(first.error.get().sqlState())) {
      Attempt watched = onFreshDatabase(c, db -> watched(db, c, false));
      return watched.toObservation(true, watched.error, "watched", t0);
    }
    return first.toObservation(false, first.error, "in-transaction", t0);
  }

  /**
   * A database of this worker thread that only ever sees rolled-back transactions, so it stays equal
   * to the template (apart from sequence positions and dead tuples) and saves a {@code CREATE
   * DATABASE} for every transactional case without setup.
   */
  private String reusableDatabase() throws SQLException {
    String db = reusable.get();
    if (db == null) {
      db = server.createCaseDatabase();
      reusable.set(db);
      synchronized (reusableAll) {
        reusableAll.add(db);
      }
    }
    return db;
  }

  private interface Run {
    Attempt run(String db) throws SQLException, IOException, InterruptedException;
  }

  private Attempt onFreshDatabase(VerifyCase c, Run run) throws SQLException, IOException, InterruptedException {
    String db = server.createCaseDatabase();
    try {
      if (!c.setup().isEmpty()) {
        try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
          for (String stmt : statements(c.setup())) {
            try {
              s.execute(stmt);
            } catch (SQLException e) {
              throw new SQLException(c.id() + ": setup failed on PostgreSQL " + server.major() + ": " + e.getMessage()
                  + " [" + stmt + "]", e.getSQLState(), e);
            }
          }
        }
      }
      return run.run(db);
    } finally {
      server.dropDatabase(db);
    }
  }

  static List<String> statements(String text) {
    List<String> out = new ArrayList<>();
    for (SqlStatement s : Splitter.split(text, Dialect.POSTGRESQL).statements()) {
      String t = s.text(text).strip();
      if (t.endsWith(";")) {
        t = t.substring(0, t.length() - 1).strip();
      }
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private Attempt inTransaction(String db, VerifyCase c) throws SQLException, IOException {
    try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
      s.execute("SET TimeZone = '" + c.timezone() + "'");
      Map<Long, Cls> before = classes(s);
      conn.setAutoCommit(false);
      for (String stmt : statements(c.sql())) {
        try {
          s.execute(stmt);
        } catch (SQLException e) {
          conn.rollback();
          return Attempt.failed(before, e);
        }
      }
      JsonNode obs = JSON.readTree(single(s, OBSERVE_SQL));
      conn.rollback();
      return Attempt.of(before, obs);
    }
  }

  /**
   * Runs the statements in autocommit mode (or, for {@code whole}, the text as one simple-protocol
   * query, which PostgreSQL runs as one implicit transaction) while {@link LockWatcher} records locks.
   */
  private Attempt watched(String db, VerifyCase c, boolean whole)
      throws SQLException, IOException, InterruptedException {
    Properties props = new Properties();
    if (whole) {
      props.setProperty("preferQueryMode", "simple");
    }
    try (Connection a = server.connect(db, props); Statement s = a.createStatement();
        Connection b = server.connect("postgres"); Statement w = b.createStatement()) {
      s.execute("SET TimeZone = '" + c.timezone() + "'");
      long pidA = Long.parseLong(single(s, "SELECT pg_backend_pid()"));
      long pidB = Long.parseLong(single(w, "SELECT pg_backend_pid()"));
      long dbOid = Long.parseLong(single(s, "SELECT oid FROM pg_database WHERE datname = current_database()"));
      Map<Long, Cls> before = classes(s);
      Map<Long, long[]> scansBefore = totalScans(s);
      int key = watchKeys.incrementAndGet();
      Future<List<String[]>> watch = watchers.submit(() -> {
        List<String[]> rows = new ArrayList<>();
        try (ResultSet r = w.executeQuery("SELECT relid::bigint, lockmode, granted FROM lockstep_watch(" + pidA + ", "
            + dbOid + ", " + key + ", 120000)")) {
          while (r.next()) {
            rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
          }
        }
        return rows;
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!"active".equals(single(s, "SELECT coalesce((SELECT state FROM pg_stat_activity WHERE pid = " + pidB
          + "), '')"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("lock watcher did not start");
        }
        Thread.sleep(2);
      }
      Optional<Observation.SqlError> error = Optional.empty();
      for (String stmt : whole ? List.of(c.sql()) : statements(c.sql())) {
        try {
          s.execute(stmt);
        } catch (SQLException e) {
          error = Optional.of(new Observation.SqlError(e.getSQLState(), firstLine(e.getMessage())));
          break;
        }
      }
      s.execute("SELECT pg_advisory_lock(" + LockWatcher.ADVISORY_KEY1 + ", " + key + ")");
      List<String[]> rows;
      try {
        rows = watch.get(130, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new SQLException(c.id() + ": lock watcher failed: " + e, e);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + LockWatcher.ADVISORY_KEY1 + ", " + key + ")");
      }
      Map<Long, Cls> after = classes(s);
      Map<Long, long[]> scansAfter = totalScans(s);
      Map<Long, LockMode> locks = new HashMap<>();
      for (String[] row : rows) {
        LockMode.fromPgLocks(row[1]).ifPresent(m -> locks.merge(Long.parseLong(row[0]), m, LockMode::max));
      }
      Map<Long, long[]> scans = new HashMap<>();
      scansAfter.forEach((oid, v) -> {
        long[] b0 = scansBefore.getOrDefault(oid, new long[2]);
        if (v[0] > b0[0]) {
          scans.put(oid, new long[] {v[0] - b0[0], v[1] - b0[1]});
        }
      });
      Attempt out = new Attempt(before, after, locks, scans, error);
      return out;
    }
  }

  /** Cumulative scan counters of this database as this session can see them after a flush. */
  private Map<Long, long[]> totalScans(Statement s) throws SQLException, IOException {
    if (server.major() >= 15) {
      s.execute("SELECT pg_stat_force_next_flush()");
    } else {
      // the statistics collector receives a backend's counters at most every 500 ms, and a reader
      // accepts a statistics file up to 500 ms old
      sleep(600);
      s.execute("SELECT 1");
      sleep(600);
    }
    s.execute("SELECT pg_stat_clear_snapshot()");
    Map<Long, long[]> out = new HashMap<>();
    for (JsonNode n : JSON.readTree(single(s, "SELECT " + TOTAL_SCANS_JSON + "::text"))) {
      out.put(n.get("oid").asLong(), new long[] {n.get("seq").asLong(), n.get("tup").asLong()});
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<Long, Cls> classes(Statement s) throws SQLException, IOException {
    return parseClasses(JSON.readTree(single(s, "SELECT " + CLASSES_JSON + "::text")));
  }

  private static Map<Long, Cls> parseClasses(JsonNode arr) {
    Map<Long, Cls> out = new LinkedHashMap<>();
    for (JsonNode n : arr) {
      Cls c = new Cls(n.get("oid").asLong(), ObjectName.of(n.get("nsp").asText(), n.get("name").asText()),
          n.get("kind").asText(), n.get("filenode").asLong());
      out.put(c.oid, c);
    }
    return out;
  }

  static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  static String firstLine(String msg) {
    if (msg == null) {
      return "";
    }
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  @Override
  public void close() {
    watchers.shutdownNow();
    synchronized (reusableAll) {
      reusableAll.forEach(server::dropDatabase);
    }
  }

  record Cls(long oid, ObjectName name, String kind, long filenode) {}

  /** The raw outcome of one run, before the relation filter. */
  record Attempt(Map<Long, Cls> before, Map<Long, Cls> after, Map<Long, LockMode> locks, Map<Long, long[]> scans,
      Optional<Observation.SqlError> error) {

    static Attempt failed(Map<Long, Cls> before, SQLException e) {
      return new Attempt(before, Map.of(), Map.of(), Map.of(),
          Optional.of(new Observation.SqlError(e.getSQLState(), firstLine(e.getMessage()))));
    }

    static Attempt of(Map<Long, Cls> before, JsonNode obs) {
      Map<Long, Cls> after = parseClasses(obs.get("classes"));
      Map<Long, LockMode> locks = new HashMap<>();
      for (JsonNode n : obs.get("locks")) {
        LockMode.fromPgLocks(n.get("mode").asText()).ifPresent(m -> locks.merge(n.get("oid").asLong(), m, LockMode::max));
      }
      Map<Long, long[]> scans = new HashMap<>();
      for (JsonNode n : obs.get("scans")) {
        scans.put(n.get("oid").asLong(), new long[] {n.get("seq").asLong(), n.get("tup").asLong()});
      }
      return new Attempt(before, after, locks, scans, Optional.empty());
    }

    /** Locks of statements that failed were released by the rollback: only successful runs count. */
    boolean observed() {
      return error.isEmpty() && !after.isEmpty();
    }

    Observation toObservation(boolean nonTransactional, Optional<Observation.SqlError> err, String method, long t0) {
      Map<ObjectName, Observation.Rel> rels = new LinkedHashMap<>();
      List<String> ignored = new ArrayList<>();
      if (observed()) {
        Map<ObjectName, Cls> afterByName = new HashMap<>();
        after.values().forEach(c -> afterByName.put(c.name, c));
        for (Map.Entry<Long, LockMode> e : locks.entrySet()) {
          Cls b = before.get(e.getKey());
          if (b == null) {
            Cls a = after.get(e.getKey());
            if (a != null) {
              ignored.add(a.name.display() + " (created by the statements): " + e.getValue().sql());
            } else if (e.getKey() >= FIRST_NORMAL_OID) {
              ignored.add("oid " + e.getKey() + " (toast, temporary or transient): " + e.getValue().sql());
            }
            continue;
          }
          rels.put(b.name, new Observation.Rel(b.name, Observation.kind(b.kind), Optional.of(e.getValue()), false,
              false, 0));
        }
        for (Cls b : before.values()) {
          Cls a = after.get(b.oid);
          if (a == null) {
            Cls sameName = afterByName.get(b.name);
            a = sameName != null && sameName.kind.equals(b.kind) ? sameName : null;
          }
          boolean rewrite = a != null && b.filenode != 0 && a.filenode != b.filenode;
          long[] sc = scans.get(b.oid);
          boolean scan = sc != null && sc[0] > 0;
          if (rewrite || scan) {
            Observation.Rel prev = rels.get(b.name);
            Optional<LockMode> lock = prev == null ? Optional.empty() : prev.lock();
            rels.put(b.name, new Observation.Rel(b.name, Observation.kind(b.kind), lock, rewrite, scan,
                sc == null ? 0 : sc[1]));
          }
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new Observation(rels, nonTransactional, err, observed(), method, ignored, ms);
    }
  }
}
