package dev.lockstep.trace;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * TEMPLATE fixture}; the case's setup runs and commits (cases without setup use a copy of the
 * worker thread that only ever sees rolled-back transactions, replaced after any case that wrote
 * rows, see {@link #reusableDatabase}); a snapshot of {@code pg_class} is taken;
 * then {@code BEGIN}, the statements, and before {@code ROLLBACK} one query reads this backend's
 * {@code pg_locks}, {@code pg_stat_xact_all_tables} and {@code pg_class} again. {@code file} cases
 * send the whole text followed by that query as one simple-protocol query ({@code
 * preferQueryMode=simple}; pgjdbc would otherwise split it into separate statements), which
 * PostgreSQL runs as one implicit transaction, as Prisma does; a file of a single statement is not
 * in a transaction block, so it is run alone and observed as below.
 *
 * <p><b>Outside a transaction</b>: when the statements fail inside the block with SQLSTATE 25001,
 * they run again on another fresh database in autocommit mode, observed from other sessions while
 * they run: blocking sessions make the statement wait at each conflicting lock request and at each
 * wait for other transactions, and a poller records its locks at every such stop (see {@link
 * #stepThrough}); every index is held on its own by {@link IndexHolds}, so that a statement holding
 * its table {@code ACCESS EXCLUSIVE} still stops at each index; {@link LockWatcher} samples in
 * between. Such statements run {@link #WATCHED_RUNS} times and the locks seen are merged. The scan
 * counters then come from {@code pg_stat_all_tables} before and after (flushed with {@code
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
  /**
   * Statements outside a transaction block run this many times (each on a fresh copy of the template,
   * where relations keep the template's oids) and the locks seen are merged. Every lock the
   * comparison treats as strict is seen at a stop in each run; the repetition is for the locks only
   * sampling can see (held for an instant, with no wait to stop the statement), which one run can
   * miss.
   */
  static final int WATCHED_RUNS = Integer.getInteger("lockstep.pgverify.watchedRuns", 2);
  /**
   * Whether sampled locks count: those {@link LockWatcher} sees and those the poller reads while the
   * statement runs ({@code -Dlockstep.pgverify.sampled=false} keeps only what the statement was seen
   * waiting for or holding at its stops: to check which locks the stops alone find).
   */
  static final boolean SAMPLED = !"false".equals(System.getProperty("lockstep.pgverify.sampled"));

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

  static final String HOLD_DROP_FUNCTION = """
      CREATE FUNCTION lockstep_hold_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_sleep(0.05);
      END
      $$""";

  /** Rows of user tables this transaction inserted, updated or deleted. */
  static final String XACT_WRITES = """
      (SELECT coalesce(sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del), 0) FROM pg_stat_xact_user_tables s)""";

  static final String OBSERVE_SQL = "SELECT json_build_object('classes', " + CLASSES_JSON + ", 'locks', " + LOCKS_JSON
      + ", 'scans', " + XACT_SCANS_JSON + ", 'writes', " + XACT_WRITES + ")::text";

  private final PgServer server;
  private final ExecutorService watchers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "pg-lock-watcher");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger watchKeys = new AtomicInteger();
  private final ThreadLocal<String> reusable = new ThreadLocal<>();
  private final Set<String> reusableAll = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Future<String>> spare = new ThreadLocal<>();
  private final ExecutorService databases = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pg-case-databases");
    t.setDaemon(true);
    return t;
  });

  Observer(PgServer server) {
    this.server = server;
  }

  Observation observe(VerifyCase c) throws SQLException, IOException, InterruptedException {
    long t0 = System.nanoTime();
    if (c.fileMode() && statements(c.sql()).size() > 1) {
      Attempt a = onFreshDatabase(c, db -> inSimpleQuery(db, c));
      boolean nonTx = a.error.isPresent() && "25001".equals(a.error.get().sqlState());
      return a.toObservation(nonTx, nonTx ? Optional.empty() : a.error, "simple-query", t0);
    }
    if (c.fileMode()) {
      Attempt a = onFreshDatabase(c, db -> watched(db, c, true, true));
      for (int i = 1; i < WATCHED_RUNS && a.observed(); i++) {
        a = a.union(onFreshDatabase(c, db -> watched(db, c, true, false)));
      }
      boolean nonTx = a.error.isPresent() && "25001".equals(a.error.get().sqlState());
      return a.toObservation(nonTx, nonTx ? Optional.empty() : a.error, "simple-query", t0);
    }
    Attempt first;
    if (c.setup().isEmpty()) {
      String db = reusableDatabase();
      boolean[] wrote = {true};
      try {
        first = inTransaction(db, c, wrote);
      } finally {
        if (wrote[0]) {
          discardReusable(db);
        }
      }
    } else {
      first = onFreshDatabase(c, db -> inTransaction(db, c, new boolean[1]));
    }
    if (first.error.isPresent() && "25001".equals(first.error.get().sqlState())) {
      Attempt watched = onFreshDatabase(c, db -> watched(db, c, false, true));
      for (int i = 1; i < WATCHED_RUNS && watched.observed(); i++) {
        watched = watched.union(onFreshDatabase(c, db -> watched(db, c, false, false)));
      }
      return watched.toObservation(true, watched.error, "watched", t0);
    }
    return first.toObservation(false, first.error, "in-transaction", t0);
  }

  /**
   * A copy of the template for this worker thread's transactional cases without setup. It is used
   * only while it stays equal to the template: after a case whose transaction wrote rows of a user
   * table (or that failed, so that nobody could tell) it is dropped and the next case gets a fresh
   * copy. A rolled-back write leaves its dead rows behind, and a larger table changes the plans, and
   * so the scans, of later cases; reads and rolled-back DDL (catalog rows, a rewrite's new files are
   * removed at rollback) change nothing a plan depends on.
   */
  private String reusableDatabase() throws SQLException, InterruptedException {
    String db = reusable.get();
    if (db == null) {
      Future<String> next = spare.get();
      spare.remove();
      if (next == null) {
        db = server.createCaseDatabase();
      } else {
        try {
          db = next.get();
        } catch (ExecutionException e) {
          db = server.createCaseDatabase();
        }
      }
      reusable.set(db);
      reusableAll.add(db);
    }
    return db;
  }

  /** Drops this thread's copy in the background, where the next copy is made ready meanwhile. */
  private void discardReusable(String db) {
    reusable.remove();
    reusableAll.remove(db);
    databases.submit(() -> server.dropDatabase(db));
    Future<String> next = databases.submit(() -> {
      String made = server.createCaseDatabase();
      reusableAll.add(made);
      return made;
    });
    spare.set(next);
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

  /** {@code wrote[0]}: whether the transaction wrote rows of a user table (true when unknown). */
  private Attempt inTransaction(String db, VerifyCase c, boolean[] wrote) throws SQLException, IOException {
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
      wrote[0] = obs.get("writes").asLong() > 0;
      conn.rollback();
      return Attempt.of(before, obs);
    }
  }

  /**
   * Sends the file and the observation query as one simple-protocol query: PostgreSQL runs the whole
   * string as one implicit transaction, so the final query sees every lock the file's statements took.
   */
  private Attempt inSimpleQuery(String db, VerifyCase c) throws SQLException, IOException {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection conn = server.connect(db, simple); Statement s = conn.createStatement()) {
      s.execute("SET TimeZone = '" + c.timezone() + "'");
      Map<Long, Cls> before = classes(s);
      String last = null;
      try {
        boolean rs = s.execute(c.sql() + "\n;\n" + OBSERVE_SQL);
        while (true) {
          if (rs) {
            try (ResultSet r = s.getResultSet()) {
              if (r.next()) {
                last = r.getString(1);
              }
            }
          } else if (s.getUpdateCount() == -1) {
            break;
          }
          rs = s.getMoreResults();
        }
      } catch (SQLException e) {
        return Attempt.failed(before, e);
      }
      return Attempt.of(before, JSON.readTree(last));
    }
  }

  /**
   * Runs the statements in autocommit mode (or, for {@code whole}, the text as one simple-protocol
   * query) and records their locks while they run (see {@link #stepThrough}, {@link LockWatcher});
   * scan counters only when {@code measureScans} (they are the same in every run).
   */
  private Attempt watched(String db, VerifyCase c, boolean whole, boolean measureScans)
      throws SQLException, IOException, InterruptedException {
    return watched(db, c.id(), c.timezone(), List.of(), c.sql(), whole, measureScans, !c.setup().isEmpty(), false);
  }

  /**
   * As above, for {@code sql} on database {@code db}, labelled {@code label} in errors: the session
   * first runs {@code sessionSql} (settings such as {@code search_path}) and, unless null, sets
   * {@code timezone}. {@code countersMoved}: the database's scan counters may be non-zero before the
   * statement (not a fresh copy of the template), so they are read before it too. {@code cleanUp}:
   * drop the helper event trigger afterwards, for a database that lives on.
   */
  Attempt watched(String db, String label, String timezone, List<String> sessionSql, String sql, boolean whole,
      boolean measureScans, boolean countersMoved, boolean cleanUp)
      throws SQLException, IOException, InterruptedException {
    Properties props = new Properties();
    if (whole) {
      props.setProperty("preferQueryMode", "simple");
    }
    try (Connection a = server.connect(db, props); Statement s = a.createStatement();
        Connection b = server.connect("postgres"); Statement w = b.createStatement()) {
      if (timezone != null) {
        s.execute("SET TimeZone = '" + timezone + "'");
      }
      for (String set : sessionSql) {
        s.execute(set);
      }
      long pidA = Long.parseLong(single(s, "SELECT pg_backend_pid()"));
      long pidB = Long.parseLong(single(w, "SELECT pg_backend_pid()"));
      long dbOid = Long.parseLong(single(s, "SELECT oid FROM pg_database WHERE datname = current_database()"));
      // On a busy machine a watcher that waits for a CPU misses locks held for a few milliseconds;
      // as root, give the watcher's backend the upper hand (a no-op for other users).
      renice(pidB, -15);
      // DROP INDEX CONCURRENTLY takes ACCESS EXCLUSIVE on the index only in its last transaction,
      // once the index is invisible to every other session, and commits at once; an sql_drop event
      // trigger runs in that transaction and keeps the lock held long enough to be seen
      s.execute(HOLD_DROP_FUNCTION);
      s.execute("CREATE EVENT TRIGGER lockstep_hold_drop ON sql_drop EXECUTE FUNCTION lockstep_hold_drop()");
      Map<Long, Cls> before = classes(s);
      // a fresh database starts with zero counters; only a setup can have scanned something
      Map<Long, long[]> scansBefore = measureScans && countersMoved ? totalScans(s) : Map.of();
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
      while (!"1".equals(single(s, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = "
          + pidB + " AND classid = " + LockWatcher.ADVISORY_KEY1 + " AND objid = " + (key + LockWatcher.READY_OFFSET)))) {
        if (watch.isDone()) {
          throw new IllegalStateException("lock watcher ended early: " + futureError(watch));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("lock watcher did not start");
        }
        Thread.sleep(2);
      }
      Map<Long, LockMode> stepped = new HashMap<>();
      Optional<Observation.SqlError> error;
      Map<Long, String> indexes = new LinkedHashMap<>();
      before.values().stream().filter(k -> k.kind.equals("i") || k.kind.equals("I"))
          .sorted(Comparator.comparingLong(Cls::oid)).forEach(k -> indexes.put(k.oid, k.name.sql()));
      try (Connection b1 = server.connect(db); Connection b2 = server.connect(db);
          Connection poller = server.connect(db); Statement ps = poller.createStatement();
          IndexHolds holds = IndexHolds.arm(server, db, key, indexes)) {
        error = stepThrough(label, sql, whole, s, pidA, dbOid, before, b1, b2, ps, holds, stepped);
      }
      s.execute("SELECT pg_advisory_lock(" + LockWatcher.ADVISORY_KEY1 + ", " + key + ")");
      List<String[]> rows;
      try {
        rows = watch.get(130, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new SQLException(label + ": lock watcher failed: " + e, e);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + LockWatcher.ADVISORY_KEY1 + ", " + key + ")");
      }
      Map<Long, Cls> after = classes(s);
      Map<Long, long[]> scansAfter = measureScans ? totalScans(s) : Map.of();
      if (cleanUp) {
        s.execute("DROP EVENT TRIGGER IF EXISTS lockstep_hold_drop");
        s.execute("DROP FUNCTION IF EXISTS lockstep_hold_drop()");
      }
      Map<Long, LockMode> locks = new HashMap<>(stepped);
      for (String[] row : SAMPLED ? rows : List.<String[]>of()) {
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

  /**
   * Runs the statements on session {@code s} while blocking sessions hold {@code SHARE} (or, where
   * that conflicts with what the statement holds or waits for, {@code ACCESS SHARE}) on every table
   * and materialized view, and {@code ACCESS SHARE} on every index.
   * Every index is also held {@code SHARE UPDATE EXCLUSIVE} on its own ({@code holds}, see {@link
   * IndexHolds}), which stops the first request of that mode or a stronger one on it even while the
   * statement holds its table {@code ACCESS EXCLUSIVE} (where the blocking sessions cannot reach the
   * index).
   * Every lock request of the statement that conflicts, and every wait for other transactions'
   * locks ({@code CONCURRENTLY} phases, {@code DROP INDEX CONCURRENTLY}'s final phase), makes the
   * statement wait; a poller sees the wait in {@code pg_locks} and records every lock the statement
   * holds or requests at that moment (stable, since it is waiting). It then lets the statement go on:
   * the other blocking session takes its locks first ({@code NOWAIT}, so never in the statement's way
   * and never queued behind it), then the holds of the indexes it waits for are released, and only
   * then does the blocking one commit, so the next phase finds a blocker again. The poller's reads
   * between waits add whatever else it catches.
   */
  private static Optional<Observation.SqlError> stepThrough(String label, String sql, boolean whole, Statement s,
      long pidA, long dbOid, Map<Long, Cls> before, Connection b1, Connection b2, Statement ps, IndexHolds holds,
      Map<Long, LockMode> seen) throws SQLException, InterruptedException {
    List<Cls> tables = before.values().stream().filter(k -> k.kind.equals("r") || k.kind.equals("p")
        || k.kind.equals("m")).toList();
    String hold = holdBlock(tables);
    Connection[] blockers = {b1, b2};
    for (Connection b : blockers) {
      try (Statement bs = b.createStatement()) {
        bs.execute("SET lock_timeout = '2ms'");
      }
      b.setAutoCommit(false);
    }
    int current = 0;
    try (Statement bs = blockers[current].createStatement()) {
      bs.execute(hold);
    }
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pg-statement");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Optional<Observation.SqlError>> run = runner.submit(() -> {
        for (String stmt : whole ? List.of(sql) : statements(sql)) {
          try {
            s.execute(stmt);
          } catch (SQLException e) {
            return Optional.of(new Observation.SqlError(e.getSQLState(), firstLine(e.getMessage())));
          }
        }
        return Optional.<Observation.SqlError>empty();
      });
      String query = "SELECT l.locktype, coalesce(l.database, 0)::bigint, coalesce(l.relation, 0)::bigint, l.mode, "
          + "l.granted FROM pg_locks l WHERE l.pid = " + pidA;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!run.isDone()) {
        boolean waiting = false;
        List<Long> waitingOn = new ArrayList<>();
        Map<Long, LockMode> read = new HashMap<>();
        try (ResultSet r = ps.executeQuery(query)) {
          while (r.next()) {
            boolean relation = r.getString(1).equals("relation") && r.getLong(2) == dbOid;
            if (!r.getBoolean(5)) {
              waiting = true;
              if (relation) {
                waitingOn.add(r.getLong(3));
              }
            }
            if (relation) {
              long rel = r.getLong(3);
              LockMode.fromPgLocks(r.getString(4)).ifPresent(m -> read.merge(rel, m, LockMode::max));
            }
          }
        }
        if (waiting || SAMPLED) {
          // a read while the statement runs is a sample too; while it waits, what it holds is stable
          read.forEach((rel, m) -> seen.merge(rel, m, LockMode::max));
        }
        if (waiting) {
          int next = 1 - current;
          try (Statement bs = blockers[next].createStatement()) {
            bs.execute(hold);
          }
          // only now, with the next blocker in place, may the statement go on
          for (long rel : waitingOn) {
            holds.release(ps, rel);
          }
          blockers[current].commit();
          current = next;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(label + ": statement did not finish");
        }
      }
      blockers[current].commit();
      return run.get();
    } catch (ExecutionException e) {
      throw new SQLException(label + ": " + e.getCause(), e.getCause());
    } finally {
      runner.shutdownNow();
    }
  }

  /**
   * One round trip that takes the blocking locks; whatever is not free at once is left out. Planning
   * a query on a table takes {@code ACCESS SHARE} on each of its live indexes until commit.
   */
  private static String holdBlock(List<Cls> tables) {
    StringBuilder names = new StringBuilder();
    for (Cls k : tables) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append("'").append(k.name.sql().replace("'", "''")).append("'");
    }
    return """
        DO $$
        DECLARE
          r text;
        BEGIN
          FOREACH r IN ARRAY ARRAY[%s]::text[] LOOP
            BEGIN
              EXECUTE 'LOCK TABLE ' || r || ' IN SHARE MODE NOWAIT';
            EXCEPTION WHEN OTHERS THEN
              BEGIN
                EXECUTE 'LOCK TABLE ' || r || ' IN ACCESS SHARE MODE NOWAIT';
              EXCEPTION WHEN OTHERS THEN
                NULL;
              END;
            END;
          END LOOP;
          FOREACH r IN ARRAY ARRAY[%s]::text[] LOOP
            BEGIN
              EXECUTE 'EXPLAIN SELECT 1 FROM ' || r;
            EXCEPTION WHEN OTHERS THEN
              NULL;
            END;
          END LOOP;
        END
        $$""".formatted(names, names);
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

  private static String futureError(Future<?> f) {
    try {
      f.get();
      return "no error";
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void renice(long pid, int nice) {
    try {
      new ProcessBuilder("renice", "-n", String.valueOf(nice), "-p", String.valueOf(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      // without renice the watcher still works, only less reliably under heavy load
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  static Map<Long, Cls> parseClasses(JsonNode arr) {
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
    databases.shutdown();
    try {
      databases.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reusableAll.forEach(server::dropDatabase);
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

    /** This run with the locks and scans another run of the same statements on an equal database saw. */
    Attempt union(Attempt o) {
      Map<Long, LockMode> l = new HashMap<>(locks);
      o.locks.forEach((k, v) -> l.merge(k, v, LockMode::max));
      Map<Long, long[]> sc = new HashMap<>(scans);
      o.scans.forEach(sc::putIfAbsent);
      return new Attempt(before, after, l, sc, error);
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
