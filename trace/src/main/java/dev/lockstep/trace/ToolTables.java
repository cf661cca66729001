package dev.lockstep.trace;

import dev.lockstep.core.project.MigrationTool;
import java.util.Optional;

/**
 * The bookkeeping table a migration tool creates before it runs the first migration, created on
 * the embedded server's fresh database so that migrations that refer to it (some diesel and
 * golang-migrate histories alter it) run as they do under the tool. Only the columns matter, not
 * the rows: the trace records no applied versions. Tools whose table lockstep does not know (and
 * plain SQL) get none.
 */
final class ToolTables {
  private ToolTables() {}

  static Optional<String> sql(MigrationTool tool) {
    switch (tool) {
      case PRISMA:
        return Optional.of("CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY NOT NULL,"
            + " \"checksum\" VARCHAR(64) NOT NULL, \"finished_at\" TIMESTAMPTZ, \"migration_name\" VARCHAR(255) NOT NULL,"
            + " \"logs\" TEXT, \"rolled_back_at\" TIMESTAMPTZ, \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(),"
            + " \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0)");
      case FLYWAY:
        return Optional.of("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY,"
            + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,"
            + " script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
            + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
      case GOLANG_MIGRATE:
        return Optional.of("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
      case GOOSE:
        return Optional.of("CREATE TABLE goose_db_version (id serial NOT NULL PRIMARY KEY, version_id bigint NOT NULL,"
            + " is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now())");
      case DBMATE:
        return Optional.of("CREATE TABLE schema_migrations (version character varying(128) NOT NULL PRIMARY KEY)");
      case DRIZZLE:
        return Optional.of("CREATE SCHEMA IF NOT EXISTS drizzle; CREATE TABLE drizzle.\"__drizzle_migrations\""
            + " (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)");
      case DIESEL:
        return Optional.of("CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
            + " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
      case SQLX:
        return Optional.of("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
            + " installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL,"
            + " execution_time BIGINT NOT NULL)");
      default:
        return Optional.empty();
    }
  }
}
