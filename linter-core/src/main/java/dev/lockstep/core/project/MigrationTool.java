package dev.lockstep.core.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The migration tool that runs a set of files. It decides the files' order and the default
 * {@link ExecutionModel}.
 */
public enum MigrationTool {
  PRISMA(
      "prisma",
      ExecutionModel.IMPLICIT_TRANSACTION,
      false,
      "Prisma Migrate applies migrations/<timestamp>_<name>/migration.sql in folder-name order and"
          + " sends each file as one multi-statement query, which PostgreSQL runs as one implicit"
          + " transaction."),
  FLYWAY(
      "flyway",
      ExecutionModel.TRANSACTION_PER_FILE,
      true,
      "Flyway applies V<version>__<description>.sql in numeric version order, then R__ repeatable"
          + " scripts, each in its own transaction; a script containing a statement that cannot run"
          + " in a transaction (CREATE INDEX CONCURRENTLY ...) runs without one."),
  GOLANG_MIGRATE(
      "golang-migrate",
      ExecutionModel.IMPLICIT_TRANSACTION,
      false,
      "golang-migrate applies <version>_<name>.up.sql in numeric version order and sends each file"
          + " as one multi-statement query, which PostgreSQL runs as one implicit transaction."),
  GOOSE(
      "goose",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "goose applies the '-- +goose Up' section of <version>_<name>.sql in numeric version order,"
          + " each file in its own transaction unless it is marked '-- +goose NO TRANSACTION'."),
  DBMATE(
      "dbmate",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "dbmate applies the '-- migrate:up' section of db/migrations/<version>_<name>.sql in version"
          + " order, each file in its own transaction unless marked 'transaction:false'."),
  DRIZZLE(
      "drizzle",
      ExecutionModel.TRANSACTION_PER_RUN,
      false,
      "Drizzle's migrator applies the files listed in meta/_journal.json in journal order and runs"
          + " all pending files of one run in a single transaction."),
  DIESEL(
      "diesel",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "diesel applies migrations/<version>_<name>/up.sql in version order, each in its own"
          + " transaction unless metadata.toml says run_in_transaction = false."),
  SQLX(
      "sqlx",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "sqlx applies migrations/<version>_<name>.sql (or .up.sql) in numeric version order, each in"
          + " its own transaction unless the file starts with '-- no-transaction'."),
  SUPABASE(
      "supabase",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "The Supabase CLI applies supabase/migrations/<timestamp>_<name>.sql in version order, each"
          + " file in its own transaction."),
  POPX(
      "popx",
      ExecutionModel.TRANSACTION_PER_FILE,
      false,
      "ory popx applies <version>_<name>[.<dialect>][.autocommit].up.sql in version order, each in"
          + " its own transaction unless the name contains .autocommit; a dialect-specific file"
          + " replaces the generic one of the same version."),
  PLAIN(
      "plain",
      ExecutionModel.AUTOCOMMIT,
      false,
      "Plain .sql files applied in name order (numbers compared numerically), assumed to run"
          + " statement by statement as psql -f does without -1.");

  private final String id;
  private final ExecutionModel defaultExecutionModel;
  private final boolean detectsNonTransactional;
  private final String description;

  MigrationTool(
      String id,
      ExecutionModel defaultExecutionModel,
      boolean detectsNonTransactional,
      String description) {
    this.id = id;
    this.defaultExecutionModel = defaultExecutionModel;
    this.detectsNonTransactional = detectsNonTransactional;
    this.description = description;
  }

  /** Stable lower-case id used in configuration, {@code --tool} and output. */
  public String id() {
    return id;
  }

  /** The execution model of a file that carries no directive saying otherwise. */
  public ExecutionModel defaultExecutionModel() {
    return defaultExecutionModel;
  }

  /**
   * True when the tool itself notices statements that cannot run inside a transaction and then
   * runs the whole file without one (Flyway: {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM},
   * {@code ALTER TYPE ... ADD VALUE} on old servers ...). Such a file then effectively runs in
   * {@link ExecutionModel#AUTOCOMMIT}; Flyway refuses a file that mixes both kinds of statements
   * unless {@code mixed = true} is configured.
   */
  public boolean toolDetectsNonTransactional() {
    return detectsNonTransactional;
  }

  /** One or two sentences on how the tool runs files, for docs and hover texts. */
  public String description() {
    return description;
  }

  /** The tool with this id (case-insensitive), if any. */
  public static Optional<MigrationTool> fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
  }

  /**
   * The tool with this id (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid ids when there is none
   */
  public static MigrationTool parse(String id) {
    return fromId(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown migration tool '" + id + "'; valid tools: " + validIds()));
  }

  /** Comma-separated list of valid ids in declaration order, for error messages. */
  public static String validIds() {
    return Arrays.stream(values()).map(MigrationTool::id).collect(Collectors.joining(", "));
  }
}
