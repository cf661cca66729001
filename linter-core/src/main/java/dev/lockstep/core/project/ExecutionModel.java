package dev.lockstep.core.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a migration tool sends a file's statements to the database, which decides what a statement
 * can see of its neighbours: locks held until the end of a transaction, statements that refuse to
 * run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, {@code ALTER
 * TYPE ... ADD VALUE} before PostgreSQL 12), and what is rolled back on failure.
 *
 * <p>The facts below are for PostgreSQL. MySQL commits implicitly around most DDL statements, so
 * there every DDL statement behaves as if it ran in {@link #AUTOCOMMIT} whatever the model says.
 */
public enum ExecutionModel {
  /**
   * The whole file is sent as one multi-statement simple query. PostgreSQL runs such a query string
   * as one implicit transaction: every lock taken is held until the last statement finishes, a
   * failure rolls back the whole file, and statements that cannot run in a transaction block fail
   * ("cannot run inside a transaction block") unless they are the only statement. Explicit {@code
   * BEGIN}/{@code COMMIT} inside the file end and start transactions as usual. Used by Prisma
   * ({@code prisma migrate deploy}) and golang-migrate (its postgres driver execs the file as one
   * query).
   */
  IMPLICIT_TRANSACTION("implicit-transaction", "the whole file runs as one implicit transaction"),

  /**
   * The tool opens a transaction, runs the file's statements, and commits: locks are held until the
   * end of the file and a failure rolls the file back. Used by Flyway (unless it detects a
   * non-transactional statement, see {@link MigrationTool#toolDetectsNonTransactional()}), goose,
   * dbmate, diesel, sqlx, the Supabase CLI and ory popx.
   */
  TRANSACTION_PER_FILE("transaction", "each file runs in its own transaction"),

  /**
   * All pending files of one run execute in a single transaction: locks taken by the first pending
   * file are held until the last one finishes, and a failure rolls back every file of the run. Used
   * by Drizzle's migrator ({@code migrate()} from {@code drizzle-orm/*-migrator}).
   */
  TRANSACTION_PER_RUN("transaction-per-run", "all pending files run in one transaction"),

  /**
   * Each statement commits on its own: locks are released after every statement and a failure
   * leaves the earlier statements applied. Used by goose files marked {@code -- +goose NO
   * TRANSACTION}, dbmate {@code -- migrate:up transaction:false}, sqlx files starting with {@code
   * -- no-transaction}, popx {@code .autocommit.} files, diesel migrations whose {@code
   * metadata.toml} says {@code run_in_transaction = false}, Flyway scripts with {@code
   * executeInTransaction=false} in their {@code .sql.conf}, and {@code psql -f} without {@code -1}.
   */
  AUTOCOMMIT("autocommit", "each statement commits on its own");

  private final String id;
  private final String description;

  ExecutionModel(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** Stable lower-case id used in configuration, directives and output. */
  public String id() {
    return id;
  }

  /** A short phrase for hover texts and reports. */
  public String description() {
    return description;
  }

  /** Whether the statements of one file share a transaction (explicit or implicit). */
  public boolean isTransactional() {
    return this != AUTOCOMMIT;
  }

  /** The model with this id (case-insensitive), if any. */
  public static Optional<ExecutionModel> fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst();
  }

  /** Comma-separated list of valid ids, for error messages. */
  public static String validIds() {
    return Arrays.stream(values()).map(ExecutionModel::id).collect(Collectors.joining(", "));
  }
}
