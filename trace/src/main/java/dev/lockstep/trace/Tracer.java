package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.PreparedFile;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.DiscoveryResult;
import dev.lockstep.core.project.InputProblem;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.project.ProjectDiscovery;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.trace.TraceResult.Difference;
import dev.lockstep.trace.TraceResult.Failure;
import dev.lockstep.trace.TraceResult.FileTrace;
import dev.lockstep.trace.TraceResult.ObservedRelation;
import dev.lockstep.trace.TraceResult.ServerError;
import dev.lockstep.trace.TraceResult.StatementTrace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs migration histories on a real PostgreSQL server and records, per statement of the files
 * asked for, what the server did: the locks the statement acquired per relation, rewrites
 * ({@code relfilenode} changes), sequential scans ({@code pg_stat_xact_all_tables}), its duration
 * and error, and where that differs from lockstep's prediction ({@link Comparison}, the comparison
 * the effects verification suite makes).
 *
 * <p>Histories are found as {@code lockstep lint} finds them ({@link ProjectDiscovery}) and predicted
 * by the same engine replay; each statement runs in the transaction lockstep's replay says it runs
 * in (the tool's execution model and the file's own {@code BEGIN}/{@code COMMIT}): a Prisma file's
 * statements share one transaction, as PostgreSQL runs Prisma's multi-statement query; a Flyway
 * file runs in a transaction of its own; an autocommit statement commits alone. Earlier files of a
 * history that were not asked for are replayed without observation.
 *
 * <p><b>Embedded server</b> (disposable): each history runs on a fresh database and commits as the
 * tool would. A statement that cannot run in a transaction block runs outside one, observed from
 * other sessions ({@link Observer#watched}).
 *
 * <p><b>A user's database</b>: everything runs in one transaction that is always rolled back. The
 * files' own {@code COMMIT}s are not sent (a {@code ROLLBACK} returns to a savepoint); a statement
 * that cannot run in a transaction block is refused before anything runs. Within the one
 * transaction, a statement's locks are those it added to what the transaction already held; a
 * predicted lock already held in the same or a stronger mode is "held earlier".
 */
public final class Tracer {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** SET TRANSACTION must come before any query of its transaction: no observation query may precede it. */
  private static final Pattern SET_TRANSACTION = Pattern.compile("(?is)^\\s*set\\s+transaction\\b.*");
  private static final Pattern TWO_PHASE = Pattern.compile(
      "(?is)^\\s*(prepare\\s+transaction|commit\\s+prepared|rollback\\s+prepared)\\b.*");

  private final LintEngine engine;

  public Tracer(LintEngine engine) {
    this.engine = engine;
  }

  /** Where the histories run. */
  public sealed interface Target permits Embedded, UserDatabase {}

  /** An embedded server of {@code major}, from {@code binaries}; server logs go to {@code logDir}. */
  public record Embedded(int major, PgBinaries binaries, Path logDir) implements Target {}

  /** A database the user names; {@code major} is read from the server. */
  public record UserDatabase(DatabaseUrl url) implements Target {}

  /** The trace cannot run at all: no binaries, no connection, a statement refused. */
  public static final class TraceException extends Exception {
    public TraceException(String message) {
      super(message);
    }

    public TraceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One history to run: its files in order, which are traced, and their predictions. */
  private record History(List<PreparedFile> files, List<Boolean> targets, List<FileResult> predictions,
      List<FileResult> linted) {}

  /**
   * Traces the migrations found at {@code inputs}. {@code options.serverVersion()} is the major of
   * the embedded server; on a user's database the server's own major is used for the predictions.
   */
  public TraceResult trace(List<Path> inputs, LintOptions options, Target target) throws TraceException {
    List<Problem> problems = new ArrayList<>();
    DiscoveryResult found = new ProjectDiscovery().discover(inputs, options.tool(), options.dialect(),
        options.plainExecutionModel());
    for (InputProblem p : found.problems()) {
      problems.add(new Problem(p.path().toString(), p.message()));
    }
    if (target instanceof UserDatabase u) {
      try (Connection c = connectUser(u.url())) {
        int major = c.getMetaData().getDatabaseMajorVersion();
        String version = single(c, "SHOW server_version");
        if (!PgBinaries.versions().containsKey(major)) {
          throw new TraceException(u.url().display() + " runs PostgreSQL " + version + "; lockstep predicts the"
              + " effects of PostgreSQL " + PgBinaries.versions().keySet().iterator().next() + " to "
              + major(PgBinaries.versions().keySet()) + " only");
        }
        List<History> histories = histories(found, options, major, problems);
        refuseUnsafe(histories);
        List<FileTrace> traces = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (History h : histories) {
          c.setAutoCommit(false);
          try {
            runHistory(new Session(c, false, null, null, major), h, traces, failures);
          } finally {
            c.rollback();
          }
        }
        return result(version, major, u.url().display(), false, traces, problems, failures);
      } catch (EscapedTransaction e) {
        throw new TraceException(e.getMessage(), e);
      } catch (SQLException e) {
        throw new TraceException("lost the connection to " + u.url().display() + ": " + e.getMessage()
            + " (SQLSTATE " + e.getSQLState() + "); nothing was committed", e);
      }
    }
    Embedded emb = (Embedded) target;
    List<History> histories = histories(found, options, emb.major(), problems);
    Path jar;
    try {
      jar = emb.binaries().resolve(emb.major());
    } catch (PgBinaries.BinariesException e) {
      throw new TraceException(e.getMessage(), e);
    }
    PgServer server;
    try {
      server = PgServer.start(emb.major(), jar, emb.logDir());
    } catch (IOException | SQLException | RuntimeException e) {
      throw new TraceException("cannot start the embedded PostgreSQL " + emb.major() + " server from " + jar + ": "
          + e.getMessage() + " (server log: " + emb.logDir().resolve("pg" + emb.major() + ".log") + ")", e);
    }
    try (server; Observer observer = new Observer(server)) {
      server.installLockWatcher();
      List<FileTrace> traces = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      int n = 0;
      for (History h : histories) {
        String db = server.createDatabase("lockstep_trace_" + (++n));
        Properties simple = new Properties();
        simple.setProperty("preferQueryMode", "simple");
        try (Connection c = server.connect(db, simple)) {
          Optional<String> toolTable = ToolTables.sql(h.files().get(0).file().tool());
          if (toolTable.isPresent()) {
            execute(c, toolTable.get());
          }
          runHistory(new Session(c, true, observer, db, emb.major()), h, traces, failures);
        }
      }
      return result(server.serverVersion(), emb.major(), "embedded", true, traces, problems, failures);
    } catch (SQLException e) {
      throw new TraceException("the embedded PostgreSQL " + emb.major() + " server failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TraceException("cannot stop the embedded PostgreSQL " + emb.major() + " server: " + e.getMessage(), e);
    }
  }

  private static int major(Set<Integer> majors) {
    return majors.stream().max(Integer::compare).orElseThrow();
  }

  private static TraceResult result(String version, int major, String database, boolean disposable,
      List<FileTrace> traces, List<Problem> problems, List<Failure> failures) {
    traces.sort(Comparator.comparing(f -> f.lint().path()));
    problems.sort(Comparator.comparing(Problem::path));
    return new TraceResult(version, major, database, disposable, traces, problems, failures);
  }

  static Connection connectUser(DatabaseUrl url) throws TraceException {
    Properties p = new Properties();
    p.putAll(url.properties());
    p.putIfAbsent("connectTimeout", "10");
    p.putIfAbsent("ApplicationName", "lockstep trace");
    p.setProperty("preferQueryMode", "simple");
    try {
      return DriverManager.getConnection(url.jdbcUrl(), p);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      String hint;
      if (state.equals("28P01") || state.equals("28000")) {
        hint = "check the user name and password";
      } else if (state.equals("3D000")) {
        hint = "check the database name";
      } else if (state.startsWith("08")) {
        hint = "check the host and port, and that the server is running and accepts TCP connections";
      } else {
        hint = "check the URL";
      }
      throw new TraceException("cannot connect to " + url.display() + ": " + Observer.firstLine(e.getMessage())
          + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + "; " + hint, e);
    }
  }

  /** The histories of {@code found}, prepared and predicted for {@code major}. */
  private List<History> histories(DiscoveryResult found, LintOptions options, int major, List<Problem> problems) {
    List<History> out = new ArrayList<>();
    Set<Path> traced = new HashSet<>();
    for (DiscoveryResult.Target t : found.sets()) {
      if (t.set().dialect() != Dialect.POSTGRESQL) {
        problems.add(new Problem(t.set().root().toString(), "skipped: lockstep trace runs PostgreSQL migrations"
            + " only (this history is " + t.set().dialect().id() + ")"));
        continue;
      }
      Set<MigrationFile> targets = new LinkedHashSet<>();
      for (MigrationFile f : t.targets()) {
        if (!options.excluded().test(f.path()) && traced.add(f.path())) {
          targets.add(f);
        }
      }
      if (targets.isEmpty()) {
        continue;
      }
      List<MigrationFile> files = t.set().files();
      int last = -1;
      for (int i = 0; i < files.size(); i++) {
        if (targets.contains(files.get(i))) {
          last = i;
        }
      }
      List<MigrationFile> history = new ArrayList<>(files.subList(0, last + 1));
      for (MigrationFile f : targets) {
        if (!history.contains(f)) {
          history.add(f);
        }
      }
      List<PreparedFile> prepared = new ArrayList<>();
      List<Boolean> flags = new ArrayList<>();
      boolean readable = true;
      for (MigrationFile f : history) {
        String text;
        try {
          byte[] bytes = Files.readAllBytes(f.path());
          try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
          } catch (CharacterCodingException e) {
            problems.add(new Problem(f.path().toString(), "not valid UTF-8; read as ISO-8859-1"));
            text = new String(bytes, StandardCharsets.ISO_8859_1);
          }
        } catch (IOException e) {
          problems.add(new Problem(f.path().toString(), "cannot read file: " + e.getMessage()
              + "; its history is not traced"));
          readable = false;
          break;
        }
        prepared.add(engine.prepare(f, options.overlays().getOrDefault(f.path(), text)));
        flags.add(targets.contains(f));
      }
      if (!readable) {
        continue;
      }
      List<Boolean> all = prepared.stream().map(p -> true).toList();
      List<FileResult> predictions = engine.replay(prepared, all, options.rules(), major);
      List<FileResult> linted = engine.replay(prepared, flags, options.rules(), major);
      out.add(new History(prepared, flags, predictions, linted));
    }
    return out;
  }

  /** On a database that is not disposable, statements that would leave the one transaction are refused. */
  private static void refuseUnsafe(List<History> histories) throws TraceException {
    List<String> refused = new ArrayList<>();
    for (History h : histories) {
      for (int f = 0; f < h.files().size(); f++) {
        FileResult pr = h.predictions().get(f);
        for (StatementResult s : pr.statements()) {
          if (!s.section().runsForward()) {
            continue;
          }
          String text = statementText(pr, s);
          String why = null;
          if (!s.effects().transactional()) {
            why = "cannot run inside a transaction block";
          } else if (TWO_PHASE.matcher(text).matches()) {
            why = "is two-phase commit, which would outlive the transaction";
          }
          if (why != null) {
            refused.add(pr.path() + ":" + (pr.lines().line(s.span().start()) + 1) + ": " + abbreviate(text) + " — "
                + why);
          }
        }
      }
    }
    if (!refused.isEmpty()) {
      int n = refused.size();
      List<String> shown = n > 10 ? new ArrayList<>(refused.subList(0, 10)) : refused;
      if (n > 10) {
        shown.add("... and " + (n - 10) + " more");
      }
      throw new TraceException("refusing to trace on a database that is not disposable: everything runs there in one"
          + " transaction that is rolled back, and " + (n == 1 ? "this statement" : "these statements")
          + " cannot:\n  " + String.join("\n  ", shown)
          + "\nTrace on the embedded server instead (leave out --database-url), which runs them outside a"
          + " transaction on a throwaway database.");
    }
  }

  static String statementText(FileResult f, StatementResult s) {
    String t = f.text().substring(s.span().start(), s.span().end()).strip();
    return t.endsWith(";") ? t.substring(0, t.length() - 1).strip() : t;
  }

  static String abbreviate(String sql) {
    String one = sql.replaceAll("\\s+", " ").strip();
    return one.length() > 100 ? one.substring(0, 97) + "..." : one;
  }

  /** One connection running one history. */
  private static final class Session {
    final Connection conn;
    final boolean disposable;
    final Observer observer;
    final String db;
    final int major;
    /** Embedded: a transaction is open. */
    boolean inTx;
    /** The state after the previous observed statement of the open transaction. */
    Snapshot last;
    /** User database: savepoints standing for the file's transaction and its BEGINs. */
    final List<String> savepoints = new ArrayList<>();
    int savepointCounter;
    /** Session settings run so far in the file, repeated for statements watched from another session. */
    final List<String> sessionSql = new ArrayList<>();
    /**
     * pg_class when the transaction lockstep's replay sees began: relations created since are new to
     * it (invisible to other sessions, so their locks block nobody) and are left out of observations.
     */
    Map<Long, Observer.Cls> logicalStart;

    /** A transaction (as lockstep's replay sees them) ends or begins. */
    void boundary() {
      last = null;
      logicalStart = null;
    }

    Session(Connection conn, boolean disposable, Observer observer, String db, int major) {
      this.conn = conn;
      this.disposable = disposable;
      this.observer = observer;
      this.db = db;
      this.major = major;
    }
  }

  /** pg_class, this backend's relation locks and its transaction's scan counters at one moment. */
  private record Snapshot(Map<Long, Observer.Cls> classes, Map<Long, Set<LockMode>> locks, Map<Long, long[]> scans) {}

  private void runHistory(Session s, History h, List<FileTrace> traces, List<Failure> failures) throws SQLException {
    Failure failure = null;
    for (int f = 0; f < h.files().size(); f++) {
      PreparedFile pf = h.files().get(f);
      FileResult pr = h.predictions().get(f);
      boolean target = h.targets().get(f);
      FileResult lint = target ? lintResult(h, pf) : pr;
      if (failure != null) {
        if (target) {
          List<StatementTrace> sts = new ArrayList<>();
          for (StatementResult st : pr.statements()) {
            sts.add(StatementTrace.of(st.index(), "not-run", null));
          }
          traces.add(new FileTrace(lint, "not-run", sts));
        }
        continue;
      }
      List<StatementTrace> sts = new ArrayList<>();
      Optional<StatementTrace> failed = runFile(s, pr, target, sts);
      String outcome = !s.disposable ? "rolled-back" : failed.isPresent() ? "failed" : "committed";
      if (failed.isPresent()) {
        StatementTrace ft = failed.get();
        StatementResult st = pr.statements().get(ft.index());
        List<Path> notRun = new ArrayList<>();
        for (int g = f + 1; g < h.files().size(); g++) {
          notRun.add(h.predictions().get(g).file());
        }
        String undone = !s.disposable ? "everything (the trace's transaction)"
            : st.inTransaction() ? "the transaction it ran in, with the file's statements before it in that"
                + " transaction" : "only the statement (it ran on its own)";
        failure = new Failure(pr.file(), pr.lines().line(st.span().start()) + 1, st.index(), statementText(pr, st),
            ft.error().orElseThrow(), notRun, undone);
        failures.add(failure);
      }
      if (target) {
        traces.add(new FileTrace(lint, outcome, sts));
      }
    }
  }

  private static FileResult lintResult(History h, PreparedFile pf) {
    for (FileResult r : h.linted()) {
      if (r.file().equals(pf.file().path())) {
        return r;
      }
    }
    throw new IllegalStateException("no lint result for " + pf.file().displayPath());
  }

  /** Runs one file; returns the failed statement, if any. Every statement gets an entry in {@code out}. */
  private Optional<StatementTrace> runFile(Session s, FileResult pr, boolean observe, List<StatementTrace> out)
      throws SQLException {
    s.sessionSql.clear();
    s.boundary();
    if (!s.disposable) {
      savepoint(s);
    }
    Optional<StatementTrace> failed = Optional.empty();
    for (StatementResult st : pr.statements()) {
      if (failed.isPresent()) {
        out.add(StatementTrace.of(st.index(), "not-run", null));
        continue;
      }
      if (!st.section().runsForward()) {
        out.add(StatementTrace.of(st.index(), "skipped", "down section: not run"));
        continue;
      }
      String sql = statementText(pr, st);
      List<Operation> ops = st.operations();
      if (!ops.isEmpty() && ops.stream().allMatch(o -> o instanceof Operation.Begin || o instanceof Operation.Commit
          || o instanceof Operation.Rollback)) {
        out.add(StatementTrace.of(st.index(), "transaction-control", control(s, ops.get(0))));
        continue;
      }
      StatementTrace t = runStatement(s, st, sql, observe);
      out.add(t);
      if (t.error().isPresent()) {
        failed = Optional.of(t);
      } else if (sql.regionMatches(true, 0, "SET ", 0, 4) && !sql.regionMatches(true, 0, "SET LOCAL ", 0, 10)) {
        s.sessionSql.add(sql);
      }
    }
    if (s.disposable) {
      if (s.inTx) {
        if (failed.isPresent()) {
          s.conn.rollback();
        } else {
          s.conn.commit();
        }
        s.inTx = false;
        s.boundary();
      }
      s.conn.setAutoCommit(true);
      if (failed.isEmpty()) {
        execute(s.conn, "RESET ALL");
      }
    } else if (failed.isEmpty()) {
      // the next file starts with the settings of a new session
      execute(s.conn, "RESET ALL");
    }
    return failed;
  }

  /** Carries out a file's BEGIN, COMMIT or ROLLBACK; returns the note for the report. */
  private static String control(Session s, Operation op) throws SQLException {
    if (s.disposable) {
      if (op instanceof Operation.Begin) {
        if (!s.inTx) {
          s.conn.setAutoCommit(false);
          s.inTx = true;
          s.boundary();
        }
        return "transaction opened";
      }
      if (s.inTx) {
        if (op instanceof Operation.Commit) {
          s.conn.commit();
        } else {
          s.conn.rollback();
        }
        s.conn.setAutoCommit(true);
        s.inTx = false;
        s.boundary();
      }
      return op instanceof Operation.Commit ? "committed" : "rolled back";
    }
    if (op instanceof Operation.Begin) {
      savepoint(s);
      s.boundary();
      return "not sent: the trace runs in one transaction (savepoint " + s.savepoints.get(s.savepoints.size() - 1)
          + ")";
    }
    if (op instanceof Operation.Commit) {
      return "not sent: nothing is committed, the trace's transaction is rolled back at the end";
    }
    String sp = s.savepoints.get(s.savepoints.size() - 1);
    execute(s.conn, "ROLLBACK TO SAVEPOINT " + sp);
    s.boundary();
    return "rolled back to savepoint " + sp + " instead";
  }

  private static void savepoint(Session s) throws SQLException {
    String name = "lockstep_trace_" + (++s.savepointCounter);
    execute(s.conn, "SAVEPOINT " + name);
    s.savepoints.add(name);
  }

  /** A statement on a user's database left the trace's transaction (which the checks before running should prevent). */
  private static final class EscapedTransaction extends SQLException {
    EscapedTransaction(String message) {
      super(message);
    }
  }

  private StatementTrace runStatement(Session s, StatementResult st, String sql, boolean observe) throws SQLException {
    if (!s.disposable && SET_TRANSACTION.matcher(sql).matches()) {
      return StatementTrace.of(st.index(), "transaction-control", "not sent: the trace's transaction has begun"
          + " already, so it keeps its isolation level");
    }
    if (!s.disposable) {
      StatementTrace t = inTransaction(s, st, sql, observe, false);
      if (s.conn.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE) {
        throw new EscapedTransaction("stopped: \"" + abbreviate(sql) + "\" ended the transaction the trace runs in;"
            + " what ran before it may have been committed to the database");
      }
      return t;
    }
    if (st.inTransaction()) {
      if (!s.inTx) {
        s.conn.setAutoCommit(false);
        s.inTx = true;
        s.boundary();
      }
      return inTransaction(s, st, sql, observe, false);
    }
    if (s.inTx) {
      s.conn.commit();
      s.inTx = false;
      s.boundary();
    }
    if (st.effects().transactional()) {
      // alone, a statement is its own transaction: run it in one that commits right after it, so
      // its locks and scans can be read before they are gone
      s.conn.setAutoCommit(false);
      StatementTrace t = inTransaction(s, st, sql, observe, true);
      if (t.error().isPresent()) {
        s.conn.rollback();
        s.conn.setAutoCommit(true);
        if (!"25001".equals(t.error().get().sqlState())) {
          return t;
        }
        // lockstep thought it could run in a transaction block; the server disagrees
        StatementTrace w = observe ? watched(s, st, sql) : plain(s, st, sql);
        List<Difference> d = new ArrayList<>(w.differences());
        d.add(0, new Difference("-", "transactional", "true", "false (SQLSTATE 25001 inside a transaction block)"));
        return new StatementTrace(w.index(), w.run(), w.method(), w.durationMs(), w.error(), w.observed(), d,
            w.notes());
      }
      s.conn.commit();
      s.conn.setAutoCommit(true);
      s.boundary();
      return t;
    }
    s.conn.setAutoCommit(true);
    return observe ? watched(s, st, sql) : plain(s, st, sql);
  }

  /** Runs a statement without observing it (replayed history). */
  private static StatementTrace plain(Session s, StatementResult st, String sql) {
    long t0 = System.nanoTime();
    try (Statement stmt = s.conn.createStatement()) {
      stmt.execute(sql);
    } catch (SQLException e) {
      return failed(st, e, t0);
    }
    return new StatementTrace(st.index(), "ran", Optional.empty(), Optional.of(ms(t0)), Optional.empty(), List.of(),
        List.of(), List.of());
  }

  private static StatementTrace failed(StatementResult st, SQLException e, long t0) {
    return new StatementTrace(st.index(), "failed", Optional.empty(), Optional.of(ms(t0)),
        Optional.of(new ServerError(e.getSQLState(), message(e.getMessage()))), List.of(), List.of(), List.of());
  }

  /** The server's message without the driver's {@code ERROR: } prefix and detail lines. */
  static String message(String m) {
    String first = Observer.firstLine(m);
    return first.startsWith("ERROR: ") ? first.substring(7) : first;
  }

  private static double ms(long t0) {
    return Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0;
  }

  /**
   * Runs a statement in the open transaction and reads, before and after it, this backend's locks,
   * the transaction's scan counters and pg_class.
   */
  private StatementTrace inTransaction(Session s, StatementResult st, String sql, boolean observe, boolean alone)
      throws SQLException {
    if (!observe) {
      StatementTrace t = plain(s, st, sql);
      s.boundary();
      return t;
    }
    if (SET_TRANSACTION.matcher(sql).matches()) {
      StatementTrace t = plain(s, st, sql);
      s.last = null;
      return new StatementTrace(t.index(), t.run(), t.method(), t.durationMs(), t.error(), t.observed(),
          t.differences(), List.of("not observed: SET TRANSACTION must come before any other query of its"
              + " transaction"));
    }
    Snapshot before = s.last != null ? s.last : snapshot(s.conn);
    // a statement on its own is its own transaction; otherwise the transaction began earlier
    boolean own = alone || (!s.disposable && !st.inTransaction());
    if (!own && s.logicalStart == null) {
      s.logicalStart = before.classes();
    }
    Map<Long, Observer.Cls> start = own ? before.classes() : s.logicalStart;
    long t0 = System.nanoTime();
    try (Statement stmt = s.conn.createStatement()) {
      stmt.execute(sql);
    } catch (SQLException e) {
      s.boundary();
      StatementTrace t = failed(st, e, t0);
      return new StatementTrace(t.index(), t.run(), Optional.of("in-transaction"), t.durationMs(), t.error(),
          List.of(), errorDifferences(st, t.error().get()), List.of());
    }
    double duration = ms(t0);
    Snapshot after = snapshot(s.conn);
    s.last = alone ? null : after;
    Map<Long, LockMode> acquired = new HashMap<>();
    Map<Long, LockMode> heldBefore = new HashMap<>();
    after.locks().forEach((oid, modes) -> {
      Set<LockMode> had = before.locks().getOrDefault(oid, Set.of());
      for (LockMode m : modes) {
        if (!had.contains(m)) {
          acquired.merge(oid, m, LockMode::max);
        }
      }
    });
    before.locks().forEach((oid, modes) -> modes.forEach(m -> heldBefore.merge(oid, m, LockMode::max)));
    Map<Long, long[]> scans = new HashMap<>();
    after.scans().forEach((oid, v) -> {
      long[] b = before.scans().getOrDefault(oid, new long[2]);
      if (v[0] > b[0]) {
        scans.put(oid, new long[] {v[0] - b[0], v[1] - b[1]});
      }
    });
    Map<Long, Observer.Cls> existing = new LinkedHashMap<>();
    before.classes().forEach((oid, c) -> {
      if (start.containsKey(oid)) {
        existing.put(oid, c);
      }
    });
    Observer.Attempt attempt = new Observer.Attempt(existing, after.classes(), acquired, scans, Optional.empty());
    Observation o = attempt.toObservation(false, Optional.empty(), "in-transaction", t0);
    if (own) {
      s.boundary();
    }
    Map<ObjectName, LockMode> held = new HashMap<>();
    heldBefore.forEach((oid, m) -> {
      Observer.Cls c = before.classes().get(oid);
      if (c != null) {
        held.put(c.name(), m);
      }
    });
    List<String> created = new ArrayList<>();
    Set<ObjectName> named = new HashSet<>();
    before.classes().values().forEach(c -> named.add(c.name()));
    after.classes().forEach((oid, c) -> {
      if (!before.classes().containsKey(oid) && !named.contains(c.name()) && (c.kind().equals("r") || c.kind().equals("p")
          || c.kind().equals("i") || c.kind().equals("m") || c.kind().equals("v") || c.kind().equals("S"))) {
        created.add(c.name().display());
      }
    });
    StatementTrace t = compared(st, "in-transaction", duration, o, held);
    if (created.isEmpty()) {
      return t;
    }
    List<String> notes = new ArrayList<>(t.notes());
    notes.add("created " + String.join(", ", created.stream().sorted().toList()));
    return new StatementTrace(t.index(), t.run(), t.method(), t.durationMs(), t.error(), t.observed(),
        t.differences(), notes);
  }

  /** Runs a statement that cannot run in a transaction block outside one, watched from other sessions. */
  private StatementTrace watched(Session s, StatementResult st, String sql) throws SQLException {
    long t0 = System.nanoTime();
    Observer.Attempt a;
    try {
      a = s.observer.watched(s.db, "statement " + st.index(), null, s.sessionSql, sql, false, true, true, true);
    } catch (IOException e) {
      throw new SQLException("observing " + abbreviate(sql) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
    double duration = ms(t0);
    Observation o = a.toObservation(true, a.error(), "watched", t0);
    if (a.error().isPresent()) {
      Observation.SqlError e = a.error().get();
      ServerError err = new ServerError(e.sqlState(), message(e.message()));
      return new StatementTrace(st.index(), "failed", Optional.of("watched"), Optional.of(duration), Optional.of(err),
          List.of(), errorDifferences(st, err), List.of());
    }
    return compared(st, "watched", duration, o, Map.of());
  }

  /** What a failure says about the prediction: rows that refuse a change lockstep did not expect to fail. */
  private static List<Difference> errorDifferences(StatementResult st, ServerError e) {
    boolean dataError = e.sqlState() != null && (e.sqlState().startsWith("22") || e.sqlState().startsWith("23"));
    if (dataError && st.effects().failsOnExistingRows().isEmpty()) {
      return List.of(new Difference("-", "fails-on-existing-rows", "no", "error " + e.sqlState() + " " + e.message()));
    }
    if ("25001".equals(e.sqlState()) && st.effects().transactional()) {
      return List.of(new Difference("-", "transactional", "true", "false (SQLSTATE 25001)"));
    }
    return List.of();
  }

  private static StatementTrace compared(StatementResult st, String method, double duration, Observation o,
      Map<ObjectName, LockMode> heldBefore) {
    Map<ObjectName, RelationEffect> predicted = new LinkedHashMap<>();
    for (RelationEffect r : st.effects().relations()) {
      predicted.merge(Catalog.resolve(r.relation()), r, RelationEffect::merge);
    }
    List<String> notes = new ArrayList<>();
    Map<ObjectName, LockMode> heldEarlier = new TreeMap<>();
    List<Comparison.Mismatch> mismatches = Comparison.compareRelations("", 0, predicted, o.relations(), heldBefore,
        heldEarlier);
    List<Difference> differences = new ArrayList<>();
    if (!st.recognized() || !st.effects().known()) {
      differences.add(new Difference("-", "recognized", "unknown effects", "the server ran it"));
    }
    for (Comparison.Mismatch m : mismatches) {
      differences.add(new Difference(m.relation(), m.aspect(), m.predicted(), m.observed()));
    }
    Map<ObjectName, ObservedRelation> observed = new TreeMap<>();
    for (Observation.Rel r : o.relations().values()) {
      observed.put(r.name(), new ObservedRelation(r.name(), r.kind(), r.lock(),
          Optional.ofNullable(heldEarlier.get(r.name())), r.rewrite(), r.scan(), r.seqTupRead()));
    }
    heldEarlier.forEach((name, mode) -> {
      if (!observed.containsKey(name)) {
        RelationEffect p = predicted.get(name);
        observed.put(name, new ObservedRelation(name, p.kind(), Optional.empty(), Optional.of(mode), false, false, 0));
      }
      notes.add(name.display() + ": " + predicted.get(name).lock().sql() + " held earlier in the transaction ("
          + mode.sql() + ")");
    });
    return new StatementTrace(st.index(), "ran", Optional.of(method), Optional.of(duration), Optional.empty(),
        List.copyOf(observed.values()), differences, notes);
  }

  private static Snapshot snapshot(Connection c) throws SQLException {
    JsonNode n;
    try (Statement s = c.createStatement()) {
      n = JSON.readTree(Observer.single(s, SNAPSHOT_SQL));
    } catch (IOException e) {
      throw new SQLException("unreadable observation: " + e.getMessage(), e);
    }
    Map<Long, Observer.Cls> classes = Observer.parseClasses(n.get("classes"));
    Map<Long, Set<LockMode>> locks = new HashMap<>();
    for (JsonNode l : n.get("locks")) {
      if (!l.get("granted").asBoolean()) {
        continue;
      }
      LockMode.fromPgLocks(l.get("mode").asText()).ifPresent(m -> locks.computeIfAbsent(l.get("oid").asLong(),
          k -> java.util.EnumSet.noneOf(LockMode.class)).add(m));
    }
    Map<Long, long[]> scans = new HashMap<>();
    for (JsonNode x : n.get("scans")) {
      scans.put(x.get("oid").asLong(), new long[] {x.get("seq").asLong(), x.get("tup").asLong()});
    }
    return new Snapshot(classes, locks, scans);
  }

  /** {@link Observer#OBSERVE_SQL}; outside a transaction block its locks and counters are the query's own. */
  private static final String SNAPSHOT_SQL = Observer.OBSERVE_SQL;

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return Observer.single(s, sql);
    }
  }
}
