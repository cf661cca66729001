package dev.lockstep.core.effects;

import static dev.lockstep.core.effects.LockMode.ACCESS_EXCLUSIVE;
import static dev.lockstep.core.effects.LockMode.ACCESS_SHARE;
import static dev.lockstep.core.effects.LockMode.EXCLUSIVE;
import static dev.lockstep.core.effects.LockMode.ROW_EXCLUSIVE;
import static dev.lockstep.core.effects.LockMode.ROW_SHARE;
import static dev.lockstep.core.effects.LockMode.SHARE;
import static dev.lockstep.core.effects.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.lockstep.core.effects.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static dev.lockstep.core.effects.PgRole.COLUMN_INDEXES;
import static dev.lockstep.core.effects.PgRole.DEFAULT_PARTITION;
import static dev.lockstep.core.effects.PgRole.INDEX;
import static dev.lockstep.core.effects.PgRole.NEW_INDEX;
import static dev.lockstep.core.effects.PgRole.NEW_RELATION;
import static dev.lockstep.core.effects.PgRole.PARENT;
import static dev.lockstep.core.effects.PgRole.PARTITION;
import static dev.lockstep.core.effects.PgRole.PARTITIONS;
import static dev.lockstep.core.effects.PgRole.PARTITION_INDEXES;
import static dev.lockstep.core.effects.PgRole.REFERENCED_INDEXES;
import static dev.lockstep.core.effects.PgRole.REFERENCING_INDEXES;
import static dev.lockstep.core.effects.PgRole.SEQUENCES;
import static dev.lockstep.core.effects.PgRole.REFERENCED_TABLES;
import static dev.lockstep.core.effects.PgRole.REFERENCING_TABLES;
import static dev.lockstep.core.effects.PgRole.TABLE_INDEXES;
import static dev.lockstep.core.effects.PgRole.TARGET;
import static dev.lockstep.core.effects.PgRole.SOURCE_TABLES;
import static dev.lockstep.core.effects.PgRole.SOURCE_INDEXES;
import static dev.lockstep.core.effects.PgRole.DEPENDENT_VIEWS;
import static dev.lockstep.core.effects.PgRole.DEPENDENT_INDEXES;
import static dev.lockstep.core.effects.PgRole.ROUTED_PARTITIONS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL effects table: for every {@link PgEffectKey} and every supported major version
 * (12–18), one {@link PgEffectSpec}. Facts come from the PostgreSQL documentation (each row names
 * its page); the rows marked {@code verified} were also observed on a real server, by running the
 * statement in a transaction and reading {@code pg_locks} and {@code pg_class.relfilenode} before
 * rolling back. {@code docs/postgres-effects.md} is this table rendered by {@link EffectsTableDoc}.
 */
public final class PgEffectsTable {
  private static final String DOCS = "https://www.postgresql.org/docs/current/";
  private static final String ALTER_TABLE = DOCS + "sql-altertable.html";
  private static final String LOCKS = DOCS + "explicit-locking.html";
  private static final String CREATE_TABLE = DOCS + "sql-createtable.html";
  private static final String CREATE_INDEX = DOCS + "sql-createindex.html";
  private static final String DROP_INDEX = DOCS + "sql-dropindex.html";
  private static final String REINDEX = DOCS + "sql-reindex.html";
  private static final String ALTER_TYPE = DOCS + "sql-altertype.html";
  private static final String DROP_TABLE = DOCS + "sql-droptable.html";
  private static final String TRUNCATE = DOCS + "sql-truncate.html";
  private static final String VACUUM = DOCS + "sql-vacuum.html";
  private static final String CLUSTER = DOCS + "sql-cluster.html";
  private static final String ANALYZE = DOCS + "sql-analyze.html";
  private static final String REFRESH = DOCS + "sql-refreshmaterializedview.html";
  private static final String CREATE_VIEW = DOCS + "sql-createview.html";
  private static final String CREATE_MATVIEW = DOCS + "sql-creatematerializedview.html";
  private static final String ALTER_INDEX = DOCS + "sql-alterindex.html";
  private static final String CREATE_TRIGGER = DOCS + "sql-createtrigger.html";
  private static final String COMMENT = DOCS + "sql-comment.html";
  private static final String CREATE_POLICY = DOCS + "sql-createpolicy.html";
  private static final String GRANT = DOCS + "sql-grant.html";
  private static final String LOCK = DOCS + "sql-lock.html";
  private static final String DML = DOCS + "explicit-locking.html#LOCKING-TABLES";
  private static final String CREATE_TYPE = DOCS + "sql-createtype.html";
  private static final String RELEASE_12 = DOCS + "release-12.html";
  private static final String PG18_ALTER_TABLE = "https://www.postgresql.org/docs/18/sql-altertable.html";
  private static final String PG18_CREATE_TABLE = "https://www.postgresql.org/docs/18/sql-createtable.html";

  /** Observed on a real server: locks and relfilenodes in a rolled-back transaction. */
  static final String V15 = "15.18 (pg_locks, relfilenode)";
  /** Observed on a real server: locks only (the rewrite or scan is not visible that way). */
  static final String V15_LOCKS = "15.18 (pg_locks)";
  /**
   * Observed on a real server for a statement that cannot run in a transaction block: its locks
   * while it waited behind another session's open transaction.
   */
  static final String V15_WAITING = "15.18 (pg_locks while waiting)";
  /** Observed on a real server: locks, and the scan (or its absence) in the server's DEBUG1 messages. */
  static final String V15_SCAN = "15.18 (pg_locks, DEBUG1 scan messages)";
  /** The server's refusal was observed on a real server. */
  static final String V15_ERROR = "15.18 (error observed)";
  /** Confirmed on every supported major by the differential verification suite (12–18). */
  static final String V_ALL = "12–18 (differential suite)";

  /** When the referenced table's read by a foreign key validation is plan-dependent. */
  private static final String FK_CHECK_READ = "The referenced table is read by the join that checks the rows; when "
      + "the referencing columns were added without a value and not written since, they may be all NULL and "
      + "then nothing is looked up and the referenced table is not read (plan-dependent).";
  /** Why the read of a table by a foreign key trigger's lookup is plan-dependent. */
  private static final String FK_LOOKUP_READ = "Foreign key lookups use an index on the key when there is one, "
      + "but a table of a page or two is read sequentially: with an index, whether the table is read in full "
      + "depends on its size (plan-dependent); without one it is read in full for every row.";
  /** Why a query's read is plan-dependent. */
  private static final String QUERY_READ = "The table is read in full when the statement has no condition on it, "
      + "or when no index leads with a column its conditions compare; a lookup of a whole unique key reads no "
      + "more than that row; otherwise the planner decides from the statistics (plan-dependent).";

  private static final PgEffectsTable INSTANCE = new PgEffectsTable(build());

  private final List<PgEffectSpec> rows;
  private final Map<PgEffectKey, List<PgEffectSpec>> byKey;

  private PgEffectsTable(List<PgEffectSpec> rows) {
    this.rows = List.copyOf(rows);
    Map<PgEffectKey, List<PgEffectSpec>> m = new EnumMap<>(PgEffectKey.class);
    for (PgEffectSpec s : rows) {
      m.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    this.byKey = Collections.unmodifiableMap(m);
  }

  public static PgEffectsTable get() {
    return INSTANCE;
  }

  /** Every row, grouped by key in key order, each key's rows in version order. */
  public List<PgEffectSpec> rows() {
    return rows;
  }

  /** The rows of one key, in version order. */
  public List<PgEffectSpec> rows(PgEffectKey key) {
    return byKey.getOrDefault(key, List.of());
  }

  /**
   * The row of {@code key} for {@code version}.
   *
   * @throws IllegalArgumentException when the version is not supported (see {@link ServerVersions#validate})
   */
  public PgEffectSpec spec(PgEffectKey key, int version) {
    ServerVersions.validate(version);
    for (PgEffectSpec s : rows(key)) {
      if (s.versions().contains(version)) {
        return s;
      }
    }
    throw new IllegalStateException("effects table has no row for " + key + " on PostgreSQL " + version);
  }

  /** The first version on which the operation is accepted, or empty when no supported version accepts it. */
  public Optional<Integer> supportedSince(PgEffectKey key) {
    return rows(key).stream().filter(PgEffectSpec::supported).map(s -> s.versions().from()).min(Integer::compare);
  }

  // ---------------------------------------------------------------- the data

  private static List<PgEffectSpec> build() {
    List<B> b = new ArrayList<>();

    // ------------------------------------------------------------ tables
    b.add(row(PgEffectKey.CREATE_TABLE).lock(NEW_RELATION, ACCESS_EXCLUSIVE)
        .note("New relation: its lock blocks nobody, since no other session can see the table before commit.")
        .src(CREATE_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.CREATE_TABLE_WITH_FK).lock(NEW_RELATION, ACCESS_EXCLUSIVE)
        .lock(REFERENCED_TABLES, SHARE_ROW_EXCLUSIVE).lock(REFERENCED_INDEXES, ACCESS_SHARE)
        .note("REFERENCES adds triggers to the referenced table: SHARE ROW EXCLUSIVE there blocks its writes until "
            + "commit.")
        .src(CREATE_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.CREATE_TABLE_PARTITION_OF).lock(NEW_RELATION, ACCESS_EXCLUSIVE).lock(PARENT, ACCESS_EXCLUSIVE)
        .scan(DEFAULT_PARTITION, ACCESS_EXCLUSIVE).lock(TABLE_INDEXES, SHARE_UPDATE_EXCLUSIVE)
        .lock(SEQUENCES, ACCESS_SHARE)
        .fails("rows of the default partition that belong in the new partition")
        .note("The partitioned parent is locked ACCESS EXCLUSIVE (its partition descriptor changes); an existing "
            + "default partition is locked too and scanned. ATTACH PARTITION takes a weaker lock on the parent.")
        .src(CREATE_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.CREATE_TABLE_AS).lock(NEW_RELATION, ACCESS_EXCLUSIVE).planScan(SOURCE_TABLES, ACCESS_SHARE)
        .lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("New relation; the tables the query reads are locked ACCESS SHARE (with their indexes) for the "
            + "duration; WITH NO DATA locks them without running the query. " + QUERY_READ)
        .src(DOCS + "sql-createtableas.html").verified(V_ALL));
    b.add(row(PgEffectKey.DROP_TABLE).lock(TARGET, ACCESS_EXCLUSIVE).lock(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .lock(SEQUENCES, ACCESS_EXCLUSIVE).lock(DEPENDENT_VIEWS, ACCESS_EXCLUSIVE).lock(DEPENDENT_INDEXES, ACCESS_EXCLUSIVE)
        .lock(REFERENCED_TABLES, ACCESS_EXCLUSIVE).lock(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .lock(PARTITIONS, ACCESS_EXCLUSIVE).lock(PARENT, ACCESS_EXCLUSIVE).lock(DEFAULT_PARTITION, ACCESS_EXCLUSIVE)
        .note("Tables its foreign keys reference are locked ACCESS EXCLUSIVE while the FK triggers are removed "
            + "(hypothesis from the trigger code, confirmed on 15.18); referencing tables only with CASCADE. "
            + "Dropping a partition locks its parent and the default partition ACCESS EXCLUSIVE (observed on "
            + "15.18): detach it CONCURRENTLY first.")
        .src(DROP_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RENAME_TABLE).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Metadata only, but running queries and code that use the old name break.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.TRUNCATE).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .rewrite(PARTITIONS, ACCESS_EXCLUSIVE).rewrite(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .rewrite(REFERENCING_INDEXES, ACCESS_EXCLUSIVE)
        .note("Instant: new empty files (new relfilenode) rather than a copy; referencing tables only with CASCADE.")
        .src(TRUNCATE).verified(V15));

    // ------------------------------------------------------------ views
    b.add(row(PgEffectKey.CREATE_VIEW).lock(NEW_RELATION, ACCESS_EXCLUSIVE).lock(TARGET, ACCESS_EXCLUSIVE)
        .lock(SOURCE_TABLES, ACCESS_SHARE)
        .note("The relations the query names are locked ACCESS SHARE (not read); CREATE OR REPLACE of an existing "
            + "view blocks its readers.")
        .src(CREATE_VIEW).verified(V_ALL));
    b.add(row(PgEffectKey.CREATE_MATVIEW).lock(NEW_RELATION, ACCESS_EXCLUSIVE).planScan(SOURCE_TABLES, ACCESS_SHARE)
        .lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Runs the query: the tables it reads are locked ACCESS SHARE with their indexes; WITH NO DATA only "
            + "locks the tables. " + QUERY_READ)
        .src(CREATE_MATVIEW).verified(V_ALL));
    b.add(row(PgEffectKey.DROP_VIEW).lock(TARGET, ACCESS_EXCLUSIVE).lock(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .lock(DEPENDENT_VIEWS, ACCESS_EXCLUSIVE).lock(DEPENDENT_INDEXES, ACCESS_EXCLUSIVE)
        .note("Views over it go too with CASCADE (the statement fails without it).")
        .src(DOCS + "sql-dropview.html"));
    b.add(row(PgEffectKey.ALTER_VIEW).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("ALTER VIEW / ALTER MATERIALIZED VIEW (RENAME, SET SCHEMA, column renames): metadata only, but "
            + "readers of the view wait; a materialized view's indexes are not locked for a rename.")
        .src(DOCS + "sql-altermaterializedview.html").verified(V_ALL));
    b.add(row(PgEffectKey.REFRESH_MATVIEW).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Blocks reads of the view while the query runs; the base tables of its query are locked ACCESS SHARE "
            + "with their indexes (WITH NO DATA: none). " + QUERY_READ).src(REFRESH)
        .verified(V_ALL));
    b.add(row(PgEffectKey.REFRESH_MATVIEW_CONCURRENTLY).scan(TARGET, EXCLUSIVE).lock(TABLE_INDEXES, ROW_EXCLUSIVE)
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Reads stay possible; needs a unique index on the view (fails otherwise) and diffs the result into "
            + "place without a new relfilenode (the view's indexes are written, ROW EXCLUSIVE); allowed in a "
            + "transaction block. The base tables are read as for REFRESH. " + QUERY_READ)
        .src(REFRESH).verified(V_ALL));

    // ------------------------------------------------------------ columns
    b.add(row(PgEffectKey.ADD_COLUMN_NO_DEFAULT).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Metadata only.").src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ADD_COLUMN_NOT_NULL_NO_DEFAULT).scan(TARGET, ACCESS_EXCLUSIVE).recurse()
        .fails("any row exists (the new column would be NULL)")
        .note("Metadata only, but the table is read to check the new NOT NULL column (even an empty one: observed "
            + "on 12-18), so it fails on a non-empty table; add a non-volatile DEFAULT or add it nullable.")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ADD_COLUMN_CONSTANT_DEFAULT).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Non-volatile default (constant, STABLE such as now()): stored once in the catalog, no rewrite "
            + "(PostgreSQL 11+).")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse().lock(SEQUENCES, ROW_EXCLUSIVE)
        .note("Volatile default (random(), clock_timestamp(), gen_random_uuid(), nextval()): every row is "
            + "rewritten and every index rebuilt.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ADD_COLUMN_UNKNOWN_VOLATILITY_DEFAULT).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("Default calls a function of unknown volatility: assumed volatile (rewrite); no rewrite if it is "
            + "STABLE or IMMUTABLE.")
        .src(ALTER_TABLE));
    b.add(row(PgEffectKey.ADD_COLUMN_STORED_GENERATED).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("Stored generated column: computed for every row, table and indexes rewritten.").src(ALTER_TABLE)
        .verified(V15));
    b.add(unsupported(PgEffectKey.ADD_COLUMN_VIRTUAL_GENERATED, 12, 17,
        "Virtual generated columns exist from PostgreSQL 18; before that GENERATED needs STORED.", ALTER_TABLE));
    b.add(row(PgEffectKey.ADD_COLUMN_VIRTUAL_GENERATED).versions(18, 18).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Virtual generated column: computed on read, never requires a rewrite.").src(PG18_ALTER_TABLE));
    b.add(row(PgEffectKey.ADD_COLUMN_IDENTITY).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("Identity column: a sequence is created and every row gets a value, table and indexes rewritten.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ADD_COLUMN_SERIAL).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("serial is a volatile nextval() default: table and indexes rewritten.").src(ALTER_TABLE)
        .verified(V15));
    b.add(row(PgEffectKey.DROP_COLUMN).lock(TARGET, ACCESS_EXCLUSIVE).lock(COLUMN_INDEXES, ACCESS_EXCLUSIVE)
        .recurse().lock(REFERENCED_TABLES, ACCESS_EXCLUSIVE).lock(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .lock(DEPENDENT_VIEWS, ACCESS_EXCLUSIVE).lock(DEPENDENT_INDEXES, ACCESS_EXCLUSIVE)
        .note("Metadata only (space is reclaimed by later rewrites); indexes and constraints that involve the "
            + "column are dropped, and with CASCADE the views that use it; code that still reads it breaks.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.RENAME_COLUMN).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Metadata only, but code that uses the old name breaks.").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE).lock(TARGET, ACCESS_EXCLUSIVE)
        .lock(COLUMN_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("Binary-coercible change (varchar widening or to text, numeric precision increase, time precision "
            + "increase, cidr to inet): no table rewrite; btree indexes on the column keep their files (observed on "
            + "15.18).")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX).scan(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(COLUMN_INDEXES, ACCESS_EXCLUSIVE).recurse()
        .note("Binary-coercible to a type with another operator class (text or varchar to and from citext), or "
            + "with another collation: no table rewrite, but the indexes on the column are rebuilt, which reads the "
            + "whole table.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ALTER_TYPE_TIMESTAMPTZ).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse().lock(COLUMN_INDEXES, ACCESS_EXCLUSIVE)
        .note("timestamp to timestamptz (or back): rewrite unless the session TimeZone is UTC; in UTC only the "
            + "indexes on the column are rebuilt (observed on 15.18). A smaller precision on the new type "
            + "(timestamptz(3)) rewrites even in UTC.")
        .src(RELEASE_12).verified(V15));
    b.add(row(PgEffectKey.ALTER_TYPE_REWRITE).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse().lock(COLUMN_INDEXES, ACCESS_EXCLUSIVE)
        .note("Every row is converted and every index rebuilt (int to bigint, any non-identity USING).")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).recurse().lock(COLUMN_INDEXES, ACCESS_EXCLUSIVE)
        .fails("a value does not convert to the new type (too long, out of range, not a valid enum label)")
        .note("Rewrite with a cast that can fail (narrowing, text to number, enum to another enum).")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.ALTER_TYPE_RECHECK_CONSTRAINTS).scan(TARGET, ACCESS_EXCLUSIVE).recurse()
        .fails("a row violates a CHECK constraint on the column")
        .note("A type change without rewrite still reads every row to re-check the CHECK constraints that use "
            + "the column (observed on 15.18); NOT NULL and foreign keys are not re-checked.")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.ALTER_TYPE_FK_RECHECK).scan(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .lock(REFERENCING_INDEXES, ACCESS_SHARE)
        .note("The type of a foreign key column, or of a key that other tables reference, changed: the foreign "
            + "keys are rebuilt, the table on the other side is locked ACCESS EXCLUSIVE and checked again in full "
            + "(observed on 12-18).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_TYPE_FK_REBUILD).lock(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .note("A NOT VALID foreign key on the other side is rebuilt without a check, but its table is still "
            + "locked ACCESS EXCLUSIVE (observed on 12-18).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_TYPE_OWNED_SEQUENCE).versions(12, 13)
        .note("The column's sequence is not touched.").src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_TYPE_OWNED_SEQUENCE).versions(14, 18).lock(SEQUENCES, ACCESS_SHARE)
        .note("The column's sequence is locked ACCESS SHARE (read, not changed: its AS type stays).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.SET_NOT_NULL_SCAN).scan(TARGET, ACCESS_EXCLUSIVE).recurse()
        .fails("the column holds NULLs")
        .note("Full scan under ACCESS EXCLUSIVE; skipped from PostgreSQL 12 when a validated "
            + "CHECK (col IS NOT NULL) exists.")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.SET_NOT_NULL_PROVEN_BY_CHECK).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("A validated CHECK (col IS NOT NULL) proves the column has no NULLs: no scan (PostgreSQL 12+). "
            + "Drop the CHECK in a later statement.")
        .src(RELEASE_12).verified(V15_SCAN));
    b.add(row(PgEffectKey.SET_NOT_NULL_NOOP).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("The column is already NOT NULL: nothing to check.").src(ALTER_TABLE));
    b.add(row(PgEffectKey.DROP_NOT_NULL).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Metadata only; readers may now see NULLs.").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.SET_DEFAULT).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("Metadata only, even for a volatile default: it applies to future inserts.").src(ALTER_TABLE)
        .verified(V15));
    b.add(row(PgEffectKey.DROP_DEFAULT).lock(TARGET, ACCESS_EXCLUSIVE).recurse().note("Metadata only.")
        .src(ALTER_TABLE)
        .verified(V15_LOCKS));

    // ------------------------------------------------------------ constraints
    b.add(row(PgEffectKey.ADD_CHECK).scan(TARGET, ACCESS_EXCLUSIVE).recurse()
        .fails("a row violates the check")
        .note("Full scan under ACCESS EXCLUSIVE; add it NOT VALID, then VALIDATE CONSTRAINT in another transaction.")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.ADD_CHECK_NOT_VALID).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("No scan; enforced for new rows only until validated.").src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.ADD_FK).scan(TARGET, SHARE_ROW_EXCLUSIVE).scan(REFERENCED_TABLES, SHARE_ROW_EXCLUSIVE)
        .recurse().lock(TABLE_INDEXES, ACCESS_SHARE).lock(REFERENCED_INDEXES, ACCESS_SHARE)
        .fails("a row references a missing key")
        .note("Both tables are locked SHARE ROW EXCLUSIVE (writes blocked) while the referencing table is checked; "
            + "add it NOT VALID, then VALIDATE. " + FK_CHECK_READ)
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.ADD_FK_NOT_VALID).lock(TARGET, SHARE_ROW_EXCLUSIVE)
        .lock(REFERENCED_TABLES, SHARE_ROW_EXCLUSIVE).recurse().lock(REFERENCED_INDEXES, ACCESS_SHARE)
        .note("No scan, but both tables' writes are blocked briefly (triggers are added to both).").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.ADD_UNIQUE).versions(12, 17).scan(TARGET, ACCESS_EXCLUSIVE).lock(NEW_INDEX, ACCESS_EXCLUSIVE)
        .scan(PARTITIONS, SHARE)
        .fails("duplicate values")
        .note("Builds a unique index under ACCESS EXCLUSIVE; build it with CREATE UNIQUE INDEX CONCURRENTLY, then "
            + "ADD CONSTRAINT ... UNIQUE USING INDEX. Partitions of a partitioned table are locked only SHARE while "
            + "their indexes are built (observed on 12-17).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ADD_UNIQUE).versions(18, 18).scan(TARGET, ACCESS_EXCLUSIVE).lock(NEW_INDEX, ACCESS_EXCLUSIVE)
        .recurse()
        .fails("duplicate values")
        .note("Builds a unique index under ACCESS EXCLUSIVE; build it with CREATE UNIQUE INDEX CONCURRENTLY, then "
            + "ADD CONSTRAINT ... UNIQUE USING INDEX. From PostgreSQL 18 the partitions are locked ACCESS "
            + "EXCLUSIVE too (observed).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ADD_PK).scan(TARGET, ACCESS_EXCLUSIVE).lock(NEW_INDEX, ACCESS_EXCLUSIVE).recurse()
        .fails("duplicate values or NULLs")
        .note("Builds a unique index (and sets the columns NOT NULL, scanning) under ACCESS EXCLUSIVE; use "
            + "PRIMARY KEY USING INDEX with a concurrently built index.")
        .src(ALTER_TABLE)
        .verified(V15_SCAN));
    b.add(row(PgEffectKey.ADD_UNIQUE_USING_INDEX).lock(TARGET, ACCESS_EXCLUSIVE)
        .lock(INDEX, ACCESS_SHARE)
        .note("Adopts an existing unique index (renamed to the constraint name): no build, no scan; the index is "
            + "only locked ACCESS SHARE (PRIMARY KEY USING INDEX takes SHARE UPDATE EXCLUSIVE; observed on 12-18).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.ADD_PK_USING_INDEX).lock(TARGET, ACCESS_EXCLUSIVE).lock(INDEX, SHARE_UPDATE_EXCLUSIVE)
        .note("Adopts an existing unique index; columns not yet NOT NULL get an implicit SET NOT NULL (scan).")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.ADD_EXCLUDE).scan(TARGET, ACCESS_EXCLUSIVE).lock(NEW_INDEX, ACCESS_EXCLUSIVE)
        .fails("conflicting rows")
        .note("Builds the index under ACCESS EXCLUSIVE; cannot be added NOT VALID or USING INDEX.")
        .src(ALTER_TABLE));
    b.add(unsupported(PgEffectKey.ADD_NOT_NULL, 12, 17,
        "Named NOT NULL table constraints exist from PostgreSQL 18; use ALTER COLUMN ... SET NOT NULL.",
        ALTER_TABLE));
    b.add(row(PgEffectKey.ADD_NOT_NULL).versions(18, 18).scan(TARGET, ACCESS_EXCLUSIVE).recurse()
        .fails("the column holds NULLs").note("Like SET NOT NULL: full scan unless proven by a validated CHECK.")
        .src(PG18_ALTER_TABLE));
    b.add(unsupported(PgEffectKey.ADD_NOT_NULL_NOT_VALID, 12, 17,
        "NOT NULL ... NOT VALID exists from PostgreSQL 18; use CHECK (col IS NOT NULL) NOT VALID.", ALTER_TABLE));
    b.add(row(PgEffectKey.ADD_NOT_NULL_NOT_VALID).versions(18, 18).lock(TARGET, ACCESS_EXCLUSIVE).recurse()
        .note("No scan; the column is not marked NOT NULL until VALIDATE CONSTRAINT.").src(PG18_ALTER_TABLE));
    b.add(row(PgEffectKey.VALIDATE_CHECK).scan(TARGET, SHARE_UPDATE_EXCLUSIVE).recurse()
        .fails("a row violates the check")
        .note("Full scan, but reads and writes continue.").src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.VALIDATE_FK).scan(TARGET, SHARE_UPDATE_EXCLUSIVE).scan(REFERENCED_TABLES, ROW_SHARE)
        .recurse().lock(TABLE_INDEXES, ACCESS_SHARE).lock(REFERENCED_INDEXES, ACCESS_SHARE)
        .fails("a row references a missing key")
        .note("Full scan of the referencing table; reads and writes continue on both tables. " + FK_CHECK_READ)
        .src(ALTER_TABLE)
        .verified(V15_SCAN));
    b.add(unsupported(PgEffectKey.VALIDATE_NOT_NULL, 12, 17,
        "NOT NULL constraints can be NOT VALID from PostgreSQL 18 only.", ALTER_TABLE));
    b.add(row(PgEffectKey.VALIDATE_NOT_NULL).versions(18, 18).scan(TARGET, SHARE_UPDATE_EXCLUSIVE).recurse()
        .fails("the column holds NULLs").note("Full scan, reads and writes continue; then the column is NOT NULL.")
        .src(PG18_ALTER_TABLE));
    b.add(row(PgEffectKey.VALIDATE_NOOP).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .note("The constraint is already validated: no scan, no lock on the referenced table.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_CONSTRAINT).lock(TARGET, ACCESS_EXCLUSIVE).lock(INDEX, ACCESS_EXCLUSIVE)
        .lock(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .note("Metadata only; a PRIMARY KEY / UNIQUE constraint drops its index.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_FK).lock(TARGET, ACCESS_EXCLUSIVE).lock(REFERENCED_TABLES, ACCESS_EXCLUSIVE)
        .note("The referenced table is locked ACCESS EXCLUSIVE too while the FK triggers are removed.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RENAME_CONSTRAINT).lock(TARGET, ACCESS_EXCLUSIVE).lock(INDEX, SHARE_UPDATE_EXCLUSIVE)
        .note("Metadata only; an index-backed constraint renames its index too.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.ALTER_CONSTRAINT).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Metadata only (deferrability). No lock on the referenced table of a foreign key (observed on 15.18).")
        .src(ALTER_TABLE).verified(V15_LOCKS));

    // ------------------------------------------------------------ indexes
    b.add(row(PgEffectKey.CREATE_INDEX).scan(TARGET, SHARE).lock(NEW_INDEX, ACCESS_EXCLUSIVE).recurse()
        .note("SHARE blocks writes (not reads) for the whole build; on a partitioned table every partition is "
            + "locked and built too.")
        .src(CREATE_INDEX).verified(V15_LOCKS));
    b.add(row(PgEffectKey.CREATE_UNIQUE_INDEX).scan(TARGET, SHARE).lock(NEW_INDEX, ACCESS_EXCLUSIVE).recurse()
        .fails("duplicate values").note("As CREATE INDEX, and fails on duplicates.").src(CREATE_INDEX)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.CREATE_INDEX_CONCURRENTLY).scan(TARGET, SHARE_UPDATE_EXCLUSIVE).notTx()
        .note("Two scans while reads and writes continue; waits for transactions that could use the index; a "
            + "failure leaves an INVALID index to drop.")
        .src(CREATE_INDEX).verified(V15_WAITING));
    b.add(row(PgEffectKey.CREATE_UNIQUE_INDEX_CONCURRENTLY).scan(TARGET, SHARE_UPDATE_EXCLUSIVE).notTx()
        .fails("duplicate values (leaves an INVALID index)").note("As CREATE INDEX CONCURRENTLY, and fails on "
            + "duplicates.")
        .src(CREATE_INDEX));
    b.add(row(PgEffectKey.CREATE_INDEX_ONLY_PARTITIONED).lock(TARGET, SHARE).lock(NEW_INDEX, ACCESS_EXCLUSIVE)
        .note("ON ONLY a partitioned table: no partition is touched, the index stays INVALID until an index of "
            + "every partition is attached (ALTER INDEX ... ATTACH PARTITION).")
        .src(CREATE_INDEX).verified(V15_LOCKS));
    b.add(unsupported(PgEffectKey.CREATE_INDEX_CONCURRENTLY_PARTITIONED, 12, 18,
        "CONCURRENTLY is not supported on a partitioned table: build each partition's index concurrently, then "
            + "CREATE INDEX ON ONLY the parent and ATTACH them.",
        CREATE_INDEX));
    b.add(row(PgEffectKey.CREATE_INDEX_SKIPPED).lock(TARGET, SHARE)
        .note("CREATE INDEX IF NOT EXISTS of an existing name: the table is still locked SHARE, nothing is built.")
        .src(CREATE_INDEX).verified(V_ALL));
    b.add(row(PgEffectKey.CREATE_INDEX_SKIPPED_CONCURRENTLY).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).notTx()
        .note("CREATE INDEX CONCURRENTLY IF NOT EXISTS of an existing name: nothing is built.").src(CREATE_INDEX));
    b.add(row(PgEffectKey.DROP_INDEX).lock(TARGET, ACCESS_EXCLUSIVE).lock(INDEX, ACCESS_EXCLUSIVE)
        .lock(PARTITIONS, ACCESS_EXCLUSIVE).lock(PARTITION_INDEXES, ACCESS_EXCLUSIVE)
        .note("Blocks reads and writes of the table until commit.").src(DROP_INDEX).verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_INDEX_CONCURRENTLY).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .lock(INDEX, SHARE_UPDATE_EXCLUSIVE).brief(INDEX, ACCESS_EXCLUSIVE).notTx()
        .note("Waits for transactions using the index; not for indexes that back a constraint.").src(DROP_INDEX)
        .verified(V15_WAITING));
    b.add(unsupported(PgEffectKey.DROP_INDEX_CONCURRENTLY_PARTITIONED, 12, 18,
        "DROP INDEX CONCURRENTLY is not supported on a partitioned index.", DROP_INDEX).verified(V15_ERROR));
    b.add(row(PgEffectKey.RENAME_INDEX).lock(INDEX, SHARE_UPDATE_EXCLUSIVE)
        .note("Only the index is locked, SHARE UPDATE EXCLUSIVE (PostgreSQL 12+); the table is not locked.")
        .src(ALTER_INDEX).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RENAME_INDEX_VIA_ALTER_TABLE).lock(INDEX, ACCESS_EXCLUSIVE)
        .note("ALTER TABLE ... RENAME naming an index takes ACCESS EXCLUSIVE on it (observed on 12-18); ALTER INDEX "
            + "... RENAME takes only SHARE UPDATE EXCLUSIVE.")
        .src(ALTER_INDEX).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_INDEX_SET_STORAGE_PARAMETERS).lock(INDEX, SHARE_UPDATE_EXCLUSIVE)
        .note("SET / RESET (fillfactor, ...): metadata only, applies to pages written later; the table is not "
            + "locked.").src(ALTER_INDEX).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_INDEX_ATTACH_PARTITION).lock(INDEX, SHARE_UPDATE_EXCLUSIVE)
        .lock(PARTITION_INDEXES, ACCESS_EXCLUSIVE).lock(TARGET, ACCESS_SHARE).lock(PARTITION, ACCESS_SHARE)
        .note("Attaches a partition's index to a partitioned index: the partition's index ACCESS EXCLUSIVE, the "
            + "parent index SHARE UPDATE EXCLUSIVE, both tables only ACCESS SHARE (observed on 12-18).")
        .src(ALTER_INDEX).verified(V_ALL));
    b.add(row(PgEffectKey.ALTER_INDEX_SET_TABLESPACE).copy(INDEX, ACCESS_EXCLUSIVE)
        .note("The index files are copied to the new tablespace."
            + " The table is not locked.").src(ALTER_INDEX)
        .verified(V15));
    b.add(row(PgEffectKey.REINDEX_INDEX).scan(TARGET, SHARE).rewrite(INDEX, ACCESS_EXCLUSIVE)
        .note("Table writes are blocked; ACCESS EXCLUSIVE on the index blocks every query that plans with the "
            + "table's indexes, so reads wait too.")
        .src(REINDEX).verified(V15));
    b.add(row(PgEffectKey.REINDEX_TABLE).scan(TARGET, SHARE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .note("Every index rebuilt under ACCESS EXCLUSIVE; reads that plan with them wait.").src(REINDEX)
        .verified(V15));
    b.add(row(PgEffectKey.REINDEX_CONCURRENTLY).scan(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .rewrite(INDEX, SHARE_UPDATE_EXCLUSIVE).rewrite(TABLE_INDEXES, SHARE_UPDATE_EXCLUSIVE)
        .brief(INDEX, ACCESS_EXCLUSIVE).brief(TABLE_INDEXES, ACCESS_EXCLUSIVE).notTx()
        .note("Builds a new copy of each index (<name>_ccnew, also SHARE UPDATE EXCLUSIVE) next to the old one and "
            + "swaps them; reads and writes continue (PostgreSQL 12+).")
        .src(REINDEX).verified(V15_WAITING));
    b.add(unsupported(PgEffectKey.REINDEX_PARTITIONED, 12, 13,
        "REINDEX of a partitioned table or index exists from PostgreSQL 14.", REINDEX));
    b.add(row(PgEffectKey.REINDEX_PARTITIONED).versions(14, 18).brief(TARGET, SHARE).brief(INDEX, ACCESS_EXCLUSIVE)
        .scan(PARTITIONS, SHARE).rewrite(PARTITION_INDEXES, ACCESS_EXCLUSIVE).sampled(PARTITION_INDEXES).notTx()
        .note("Each partition's indexes are rebuilt in its own transaction; cannot run in a transaction block.")
        .src(REINDEX).verified(V15_ERROR));
    b.add(row(PgEffectKey.REINDEX_SCHEMA_OR_DATABASE).notTx()
        .note("Rebuilds every index of the schema or database, one table at a time.").src(REINDEX));

    // ------------------------------------------------------------ partitions
    b.add(row(PgEffectKey.ATTACH_PARTITION).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).scan(PARTITION, ACCESS_EXCLUSIVE)
        .lock(TABLE_INDEXES, SHARE_UPDATE_EXCLUSIVE)
        .scan(DEFAULT_PARTITION, ACCESS_EXCLUSIVE)
        .fails("rows of the partition outside its bound, or rows of the default partition inside it")
        .note("The parent takes only SHARE UPDATE EXCLUSIVE (PostgreSQL 12+); the partition scan is skipped when a "
            + "validated CHECK implies the bound.")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(row(PgEffectKey.DETACH_PARTITION).versions(12, 13).lock(TARGET, ACCESS_EXCLUSIVE)
        .lock(PARTITION, SHARE_UPDATE_EXCLUSIVE).lock(PARTITION_INDEXES, ACCESS_EXCLUSIVE)
        .lock(DEFAULT_PARTITION, ACCESS_EXCLUSIVE)
        .note("Blocks reads and writes of the whole partitioned table; the partition itself only SHARE UPDATE "
            + "EXCLUSIVE, its indexes ACCESS EXCLUSIVE; the default partition is locked too (observed on 12-13).")
        .src(ALTER_TABLE).verified(V_ALL));
    b.add(row(PgEffectKey.DETACH_PARTITION).versions(14, 18).lock(TARGET, ACCESS_EXCLUSIVE)
        .lock(PARTITION, ACCESS_EXCLUSIVE).lock(PARTITION_INDEXES, ACCESS_EXCLUSIVE)
        .lock(DEFAULT_PARTITION, ACCESS_EXCLUSIVE)
        .note("Blocks reads and writes of the whole partitioned table; the default partition is locked too "
            + "(observed on 15.18).")
        .src(ALTER_TABLE).verified(V15_SCAN));
    b.add(unsupported(PgEffectKey.DETACH_PARTITION_CONCURRENTLY, 12, 13,
        "DETACH PARTITION ... CONCURRENTLY exists from PostgreSQL 14.", ALTER_TABLE));
    b.add(row(PgEffectKey.DETACH_PARTITION_CONCURRENTLY).versions(14, 18).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .lock(PARTITION, ACCESS_EXCLUSIVE).brief(PARTITION_INDEXES, ACCESS_EXCLUSIVE).notTx()
        .note("Two transactions, reads and writes continue; waits for every transaction that could see the "
            + "partition; an interrupted run needs DETACH ... FINALIZE.")
        .src(ALTER_TABLE));
    b.add(unsupported(PgEffectKey.DETACH_PARTITION_CONCURRENTLY_WITH_DEFAULT, 12, 18,
        "DETACH PARTITION ... CONCURRENTLY is refused while the parent has a default partition (and does not exist "
            + "before PostgreSQL 14).",
        ALTER_TABLE).verified(V15_ERROR));
    b.add(unsupported(PgEffectKey.DETACH_PARTITION_FINALIZE, 12, 13,
        "DETACH PARTITION ... FINALIZE exists from PostgreSQL 14.", ALTER_TABLE));
    b.add(row(PgEffectKey.DETACH_PARTITION_FINALIZE).versions(14, 18).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .lock(PARTITION, SHARE_UPDATE_EXCLUSIVE)
        .note("Completes an interrupted DETACH ... CONCURRENTLY.").src(ALTER_TABLE));

    // ------------------------------------------------------------ types
    b.add(row(PgEffectKey.CREATE_ENUM).note("No table is locked.").src(CREATE_TYPE));
    b.add(row(PgEffectKey.ADD_ENUM_VALUE)
        .note("No table is locked and nothing is rewritten; allowed in a transaction block from PostgreSQL 12, but "
            + "the new value cannot be used before that transaction commits.")
        .src(ALTER_TYPE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RENAME_ENUM_VALUE).note("No table is locked; code that writes the old label breaks.")
        .src(ALTER_TYPE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RENAME_TYPE).note("No table is locked.").src(ALTER_TYPE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_TYPE)
        .note("No table is locked; fails while columns use the type unless CASCADE, which drops those columns.")
        .src(DOCS + "sql-droptype.html").verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_SEQUENCE).lock(TARGET, ACCESS_EXCLUSIVE).lock(REFERENCING_TABLES, ACCESS_EXCLUSIVE)
        .note("The sequence is locked ACCESS EXCLUSIVE: nextval() in other transactions waits. It fails while "
            + "column defaults use it (serial and identity columns own theirs) unless CASCADE, which drops those "
            + "defaults and locks their tables ACCESS EXCLUSIVE (the referencing tables here).")
        .src(DOCS + "sql-dropsequence.html").verified(V_ALL));

    // ------------------------------------------------------------ maintenance
    b.add(row(PgEffectKey.VACUUM).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).lock(PARTITIONS, SHARE_UPDATE_EXCLUSIVE)
        .brief(TABLE_INDEXES, ROW_EXCLUSIVE)
        .notTx().note("Reads and writes continue; without a table list, every table of the database.").src(VACUUM)
        .verified(V15_WAITING));
    b.add(row(PgEffectKey.VACUUM_FULL).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .rewrite(PARTITIONS, ACCESS_EXCLUSIVE).rewrite(PARTITION_INDEXES, ACCESS_EXCLUSIVE).sampled(PARTITION_INDEXES)
        .notTx()
        .note("Copies the table and rebuilds its indexes under ACCESS EXCLUSIVE; pg_repack avoids the lock. A "
            + "partitioned table's partitions are rebuilt one after another, each in a transaction of its own, "
            + "so each partition's index lock lasts only while that partition is rebuilt.")
        .src(VACUUM).verified(V15_WAITING));
    b.add(row(PgEffectKey.ANALYZE).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).lock(PARTITIONS, SHARE_UPDATE_EXCLUSIVE)
        .lock(TABLE_INDEXES, ACCESS_SHARE)
        .note("Reads a sample of rows; reads and writes continue.").src(ANALYZE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.CLUSTER).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .note("Copies the table in index order and rebuilds every index under ACCESS EXCLUSIVE.").src(CLUSTER)
        .verified(V15));
    b.add(unsupported(PgEffectKey.CLUSTER_PARTITIONED, 12, 14,
        "CLUSTER of a partitioned table exists from PostgreSQL 15.", CLUSTER));
    b.add(row(PgEffectKey.CLUSTER_PARTITIONED).versions(15, 18).lock(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(PARTITIONS, ACCESS_EXCLUSIVE).notTx()
        .note("Each partition is clustered in its own transaction; cannot run in a transaction block.")
        .src(CLUSTER).verified(V15_ERROR));
    b.add(row(PgEffectKey.CLUSTER_DATABASE).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .notTx()
        .note("Re-clusters every table clustered before (CLUSTER ... USING, ALTER TABLE ... CLUSTER ON), each in a "
            + "transaction of its own under ACCESS EXCLUSIVE.")
        .src(CLUSTER).verified(V_ALL));
    b.add(row(PgEffectKey.LOCK_TABLE).lock(TARGET, ACCESS_EXCLUSIVE).lock(PARTITIONS, ACCESS_EXCLUSIVE)
        .note("Takes the mode given (ACCESS EXCLUSIVE when none) until the transaction ends.").src(LOCK)
        .verified(V15_LOCKS));

    // ------------------------------------------------------------ data
    b.add(row(PgEffectKey.SELECT).planScan(TARGET, ACCESS_SHARE).lock(TABLE_INDEXES, ACCESS_SHARE)
        .planScan(PARTITIONS, ACCESS_SHARE)
        .note("Conflicts only with ACCESS EXCLUSIVE. " + QUERY_READ).src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.INSERT).lock(TARGET, ROW_EXCLUSIVE).planScan(REFERENCED_TABLES, ROW_SHARE)
        .lock(TABLE_INDEXES, ROW_EXCLUSIVE).lock(REFERENCED_INDEXES, ROW_SHARE).lock(SEQUENCES, ROW_EXCLUSIVE)
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE).lock(ROUTED_PARTITIONS, ROW_EXCLUSIVE)
        .note("Foreign key checks lock the referenced rows FOR KEY SHARE. " + FK_LOOKUP_READ + " INSERT ... SELECT "
            + "reads its source tables: " + QUERY_READ + " Indexes are locked only for an ON CONFLICT target: a "
            + "column list locks every index of the table ROW EXCLUSIVE while the arbiter indexes are inferred, ON "
            + "CONSTRAINT only that constraint's index; ON CONFLICT without a target locks none, whether or not a row "
            + "conflicts.")
        .src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.UPDATE).planScan(TARGET, ROW_EXCLUSIVE).planScan(REFERENCED_TABLES, ROW_SHARE)
        .lock(TABLE_INDEXES, ROW_EXCLUSIVE).lock(REFERENCED_INDEXES, ROW_SHARE).recurse()
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Row locks on the updated rows until commit; FK columns changed are checked against the referenced "
            + "table. " + QUERY_READ + " " + FK_LOOKUP_READ)
        .src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.UPDATE_ALL_ROWS).scan(TARGET, ROW_EXCLUSIVE).planScan(REFERENCED_TABLES, ROW_SHARE)
        .lock(TABLE_INDEXES, ROW_EXCLUSIVE).lock(REFERENCED_INDEXES, ROW_SHARE).recurse()
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Every row gets a new version in one transaction: row locks on all rows until commit, bloat, WAL; "
            + "backfill in batches. " + FK_LOOKUP_READ)
        .src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.UPDATE_REFERENCED_KEY).planScan(REFERENCING_TABLES, ROW_EXCLUSIVE)
        .lock(REFERENCING_INDEXES, ROW_EXCLUSIVE)
        .note("Updating a referenced key writes the referencing tables with ON UPDATE CASCADE / SET NULL / SET "
            + "DEFAULT (ROW EXCLUSIVE, with their indexes), NOT VALID keys included. " + FK_LOOKUP_READ)
        .src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.UPDATE_REFERENCED_KEY_RESTRICTED).planScan(REFERENCING_TABLES, ROW_SHARE)
        .fails("a referencing row exists (ON UPDATE RESTRICT / NO ACTION)")
        .note("Referencing tables without a cascading ON UPDATE are checked for every changed key (ROW SHARE); a "
            + "remaining reference fails the statement. " + FK_LOOKUP_READ).src(DML));
    b.add(row(PgEffectKey.DELETE).planScan(TARGET, ROW_EXCLUSIVE).lock(TABLE_INDEXES, ROW_EXCLUSIVE).recurse()
        .planScan(REFERENCING_TABLES, ROW_EXCLUSIVE).lock(REFERENCING_INDEXES, ROW_EXCLUSIVE)
        .planScan(SOURCE_TABLES, ACCESS_SHARE).lock(SOURCE_INDEXES, ACCESS_SHARE)
        .note("Referencing tables with ON DELETE CASCADE / SET NULL / SET DEFAULT are written for every deleted "
            + "row (ROW EXCLUSIVE, with their indexes). " + QUERY_READ + " " + FK_LOOKUP_READ).src(DML)
        .verified(V_ALL));
    b.add(row(PgEffectKey.DELETE_ALL_ROWS).scan(TARGET, ROW_EXCLUSIVE).lock(TABLE_INDEXES, ROW_EXCLUSIVE).recurse()
        .planScan(REFERENCING_TABLES, ROW_EXCLUSIVE).lock(REFERENCING_INDEXES, ROW_EXCLUSIVE)
        .note("Row locks on every row until commit; delete in batches, or TRUNCATE. " + FK_LOOKUP_READ).src(DML)
        .verified(V_ALL));

    b.add(row(PgEffectKey.DELETE_RESTRICTED).planScan(REFERENCING_TABLES, ROW_SHARE)
        .fails("a referencing row exists (ON DELETE RESTRICT / NO ACTION)")
        .note("Referencing tables without a cascading ON DELETE are checked for every deleted row (ROW SHARE); a "
            + "remaining reference fails the statement. " + FK_LOOKUP_READ).src(DML).verified(V_ALL));
    b.add(row(PgEffectKey.MERGE).lock(TARGET, ROW_EXCLUSIVE).lock(REFERENCED_TABLES, ROW_SHARE)
        .note("Like INSERT/UPDATE/DELETE on the target; the source tables are read (ACCESS SHARE).")
        .src(DOCS + "sql-merge.html"));

    // ------------------------------------------------------------ other commands
    b.add(row(PgEffectKey.CREATE_TRIGGER).lock(TARGET, SHARE_ROW_EXCLUSIVE).note("Blocks writes, not reads.")
        .src(CREATE_TRIGGER).verified(V15_LOCKS));
    b.add(row(PgEffectKey.DROP_TRIGGER).lock(TARGET, ACCESS_EXCLUSIVE)
        .src(DOCS + "sql-droptrigger.html").verified(V15_LOCKS));
    b.add(row(PgEffectKey.COMMENT).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).note("Metadata only.").src(COMMENT)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.POLICY).lock(TARGET, ACCESS_EXCLUSIVE).note("CREATE, ALTER or DROP POLICY.")
        .src(CREATE_POLICY).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RULE).lock(TARGET, ACCESS_EXCLUSIVE).note("CREATE or DROP RULE.")
        .src(DOCS + "sql-createrule.html").verified(V15_LOCKS));
    b.add(row(PgEffectKey.GRANT).versions(12, 17).note("No table lock (observed on 12-17).").src(GRANT)
        .verified(V_ALL));
    b.add(row(PgEffectKey.GRANT).versions(18, 18).lock(TARGET, ACCESS_SHARE)
        .note("GRANT / REVOKE on a table locks it ACCESS SHARE from PostgreSQL 18 (observed); blocks only "
            + "ACCESS EXCLUSIVE.").src(GRANT).verified(V_ALL));
    b.add(row(PgEffectKey.NO_RELATION_LOCK)
        .note("A command that locks no table (functions, extensions, schemas, sequences, roles, types).")
        .src(LOCKS));
    b.add(row(PgEffectKey.TRANSACTION_CONTROL).note("BEGIN, COMMIT, ROLLBACK, SAVEPOINT.").src(LOCKS));
    b.add(row(PgEffectKey.SET_SETTING).note("Session or transaction setting; locks nothing.").src(LOCKS));

    // ------------------------------------------------------------ ALTER TABLE actions
    b.add(row(PgEffectKey.SET_PERSISTENCE_UNCHANGED).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("SET LOGGED on a logged table (or UNLOGGED on an unlogged one): nothing is rewritten.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.SET_LOGGED).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .note("Rewrites an unlogged table (and writes it all to WAL); nothing happens if it is already logged.")
        .src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.SET_UNLOGGED).rewrite(TARGET, ACCESS_EXCLUSIVE).rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .note("Rewrites the table and its indexes.").src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.SET_TABLESPACE).copy(TARGET, ACCESS_EXCLUSIVE)
        .note("Copies the table's files; its indexes stay where they are.").src(ALTER_TABLE)
        .verified(V15));
    b.add(row(PgEffectKey.SET_SCHEMA).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Metadata only; indexes and owned sequences move too; code using the old name breaks.")
        .src(ALTER_TABLE));
    b.add(unsupported(PgEffectKey.SET_ACCESS_METHOD, 12, 14, "SET ACCESS METHOD exists from PostgreSQL 15.",
        ALTER_TABLE));
    b.add(row(PgEffectKey.SET_ACCESS_METHOD).versions(15, 18).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE).note("Rewrites the table."
            + " The same access method again rewrites nothing (observed on 15.18).").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.SET_STORAGE_PARAMETERS).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .note("fillfactor, autovacuum_* and most others take SHARE UPDATE EXCLUSIVE; a few take ACCESS EXCLUSIVE. "
            + "Nothing is rewritten.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.RESET_STORAGE_PARAMETERS).lock(TARGET, SHARE_UPDATE_EXCLUSIVE)
        .note("As SET (...).").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.OWNER_TO).lock(TARGET, ACCESS_EXCLUSIVE).note("Metadata only.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.ENABLE_ROW_LEVEL_SECURITY).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Without a policy, non-owners see no rows.").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.DISABLE_ROW_LEVEL_SECURITY).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.FORCE_ROW_LEVEL_SECURITY).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.NO_FORCE_ROW_LEVEL_SECURITY).lock(TARGET, ACCESS_EXCLUSIVE)
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.REPLICA_IDENTITY).lock(TARGET, ACCESS_EXCLUSIVE).note("Metadata only. USING INDEX "
            + "also locks that index SHARE.")
        .src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.ENABLE_TRIGGER).lock(TARGET, SHARE_ROW_EXCLUSIVE).note("Blocks writes, not reads.")
        .src(ALTER_TABLE));
    b.add(row(PgEffectKey.DISABLE_TRIGGER).lock(TARGET, SHARE_ROW_EXCLUSIVE)
        .note("Blocks writes, not reads; disabling ALL also disables FK enforcement.").src(ALTER_TABLE)
        .verified(V15_LOCKS));
    b.add(row(PgEffectKey.ENABLE_RULE).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.DISABLE_RULE).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.CLUSTER_ON).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).lock(INDEX, SHARE_UPDATE_EXCLUSIVE).note("Metadata only. The index is "
            + "locked SHARE UPDATE EXCLUSIVE too.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.SET_WITHOUT_CLUSTER).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).note("Metadata only.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.INHERIT).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("The new parent is locked too (SHARE UPDATE EXCLUSIVE); the child is scanned for the parent's "
            + "CHECK constraints.")
        .src(ALTER_TABLE));
    b.add(row(PgEffectKey.NO_INHERIT).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.OF_TYPE).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.NOT_OF).lock(TARGET, ACCESS_EXCLUSIVE).src(ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_SET_STATISTICS).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).note("Metadata only.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.COLUMN_SET_STORAGE).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Metadata only; applies to values written later.").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(unsupported(PgEffectKey.COLUMN_SET_COMPRESSION, 12, 13, "SET COMPRESSION exists from PostgreSQL 14.",
        ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_SET_COMPRESSION).versions(14, 18).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Metadata only; applies to values written later.").src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.COLUMN_SET_OPTIONS).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).note("Metadata only.")
        .src(ALTER_TABLE).verified(V15_LOCKS));
    b.add(row(PgEffectKey.COLUMN_RESET_OPTIONS).lock(TARGET, SHARE_UPDATE_EXCLUSIVE).note("Metadata only.")
        .src(ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_ADD_IDENTITY).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Creates a sequence; existing values are kept, no rewrite. The column must be NOT NULL already "
            + "(a schema error otherwise, whatever the rows).").src(ALTER_TABLE).verified(V15));
    b.add(row(PgEffectKey.COLUMN_SET_IDENTITY).lock(TARGET, ACCESS_EXCLUSIVE).note("Metadata only.")
        .src(ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_DROP_IDENTITY).lock(TARGET, ACCESS_EXCLUSIVE).lock(SEQUENCES, ACCESS_EXCLUSIVE)
        .note("Metadata only; the identity sequence is dropped.")
        .src(ALTER_TABLE));
    b.add(unsupported(PgEffectKey.COLUMN_DROP_EXPRESSION, 12, 12, "DROP EXPRESSION exists from PostgreSQL 13.",
        ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_DROP_EXPRESSION).versions(13, 18).lock(TARGET, ACCESS_EXCLUSIVE)
        .note("Turns a stored generated column into a plain one; metadata only.").src(ALTER_TABLE));
    b.add(unsupported(PgEffectKey.COLUMN_SET_EXPRESSION, 12, 16, "SET EXPRESSION exists from PostgreSQL 17.",
        ALTER_TABLE));
    b.add(row(PgEffectKey.COLUMN_SET_EXPRESSION).versions(17, 18).rewrite(TARGET, ACCESS_EXCLUSIVE)
        .rewrite(TABLE_INDEXES, ACCESS_EXCLUSIVE)
        .note("Recomputes a stored generated column for every row (rewrite).").src(ALTER_TABLE));

    // ------------------------------------------------------------ unknown
    b.add(row(PgEffectKey.DO_BLOCK).unknown()
        .note("Anonymous code block: its statements are not known statically.").src(DOCS + "sql-do.html"));
    b.add(row(PgEffectKey.UNRECOGNIZED).unknown().note("lockstep could not read this statement.").src(LOCKS));
    b.add(row(PgEffectKey.OTHER).unknown().note("A command lockstep does not model.").src(LOCKS));

    List<PgEffectSpec> out = new ArrayList<>();
    for (PgEffectKey key : PgEffectKey.values()) {
      b.stream().filter(x -> x.key == key).map(B::build)
          .sorted((x, y) -> Integer.compare(x.versions().from(), y.versions().from()))
          .forEach(out::add);
    }
    return out;
  }

  private static B row(PgEffectKey key) {
    return new B(key);
  }

  private static B unsupported(PgEffectKey key, int from, int to, String note, String source) {
    B b = new B(key).versions(from, to).note(note).src(source);
    b.supported = false;
    return b;
  }

  /** Row builder. */
  private static final class B {
    final PgEffectKey key;
    VersionRange versions = VersionRange.ALL;
    boolean supported = true;
    boolean known = true;
    boolean transactional = true;
    final Map<PgRole, RoleEffect> roles = new EnumMap<>(PgRole.class);
    Optional<String> fails = Optional.empty();
    String note = "";
    String source = "";
    Optional<String> verified = Optional.empty();

    B(PgEffectKey key) {
      this.key = key;
    }

    B versions(int from, int to) {
      versions = new VersionRange(from, to);
      return this;
    }

    B lock(PgRole role, LockMode mode) {
      roles.put(role, new RoleEffect(mode, false, false));
      return this;
    }

    /**
     * New storage for the relations of {@code role}. A table gets it by reading every row of the old
     * storage (or, for TRUNCATE, by rebuilding its indexes from the new empty one), so the table
     * roles scan too; indexes are only rebuilt.
     */
    B rewrite(PgRole role, LockMode mode) {
      roles.put(role, new RoleEffect(mode, true, !indexRole(role)));
      return this;
    }

    /**
     * {@code mode} taken on the relations of {@code role} only for an instant, by a command that runs
     * outside a transaction block; whatever the role held before stays its lasting lock.
     */
    B brief(PgRole role, LockMode mode) {
      RoleEffect old = roles.get(role);
      roles.put(role, old == null ? new RoleEffect(mode, false, ScanKind.NONE, Optional.empty())
          : new RoleEffect(old.lock().max(mode), old.rewrite(), old.scanKind(), Optional.of(old.lock())));
      return this;
    }

    /** Every lock on {@code role} is held only for an instant, by a command outside a transaction block. */
    B sampled(PgRole role) {
      RoleEffect old = roles.get(role);
      roles.put(role, new RoleEffect(old.lock(), old.rewrite(), old.scanKind(), Optional.empty()));
      return this;
    }

    /** New storage made by copying the files block by block: no row is read. */
    B copy(PgRole role, LockMode mode) {
      roles.put(role, new RoleEffect(mode, true, false));
      return this;
    }

    private static boolean indexRole(PgRole role) {
      return role == INDEX || role == TABLE_INDEXES || role == COLUMN_INDEXES || role == NEW_INDEX
          || role == PARTITION_INDEXES || role == REFERENCED_INDEXES || role == REFERENCING_INDEXES
          || role == PgRole.SOURCE_INDEXES || role == PgRole.DEPENDENT_INDEXES;
    }

    B scan(PgRole role, LockMode mode) {
      roles.put(role, new RoleEffect(mode, false, true));
      return this;
    }

    /**
     * The relations of {@code role} may be read in full, depending on the plan or the data (the note
     * says why); the classifier narrows it to a full scan or none where the statement and the schema
     * decide it.
     */
    B planScan(PgRole role, LockMode mode) {
      roles.put(role, new RoleEffect(mode, false, ScanKind.PLAN_DEPENDENT));
      return this;
    }

    /** The command recurses to every partition of a partitioned target, with the target's effect. */
    B recurse() {
      roles.put(PARTITIONS, roles.get(TARGET));
      return this;
    }

    B notTx() {
      transactional = false;
      return this;
    }

    B unknown() {
      known = false;
      return this;
    }

    B fails(String condition) {
      fails = Optional.of(condition);
      return this;
    }

    B note(String n) {
      note = n;
      return this;
    }

    B src(String s) {
      source = s;
      return this;
    }

    B verified(String v) {
      verified = Optional.of(v);
      return this;
    }

    PgEffectSpec build() {
      return new PgEffectSpec(key, versions, supported, known, supported ? roles : Map.of(), transactional, fails,
          note, source, verified);
    }
  }
}
