package dev.lockstep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlansTest {
  @TempDir
  Path temp;

  private static FileInfo file(String path, MigrationTool tool) {
    return new FileInfo(path, "", tool, tool.defaultExecutionModel(), Dialect.POSTGRESQL, 2);
  }

  @Test
  void laterMigrationsFollowTheToolsNaming() {
    assertEquals(Optional.of("prisma/migrations/20240122103046_order_userid_idx_concurrently/migration.sql"),
        Plans.laterMigration(file("prisma/migrations/20240122103045_order_indexes/migration.sql",
            MigrationTool.PRISMA), 1, "Order_userId_idx concurrently"));
    assertEquals(Optional.of("db/migration/V5_2__validate_fk.sql"),
        Plans.laterMigration(file("db/migration/V5__add_fk.sql", MigrationTool.FLYWAY), 2, "validate fk"));
    assertEquals(Optional.of("migrations/20240101120001_step.up.sql"),
        Plans.laterMigration(file("migrations/20240101120000_x.up.sql", MigrationTool.GOLANG_MIGRATE), 1, "step"));
    assertEquals(Optional.of("db/migrations/20240101120003_step.sql"),
        Plans.laterMigration(file("db/migrations/20240101120000_x.sql", MigrationTool.DBMATE), 3, "step"));
    // Sequence numbers leave no room for a migration in between.
    assertEquals(Optional.empty(),
        Plans.laterMigration(file("migrations/000005_x.up.sql", MigrationTool.GOLANG_MIGRATE), 1, "step"));
    assertEquals(Optional.empty(),
        Plans.laterMigration(file("drizzle/0005_x.sql", MigrationTool.DRIZZLE), 1, "step"));
  }

  @Test
  void headersMarkMigrationsThatRunWithoutATransaction() {
    assertEquals("-- +goose NO TRANSACTION\n-- +goose Up\n", Plans.header(MigrationTool.GOOSE, false));
    assertEquals("-- migrate:up transaction:false\n", Plans.header(MigrationTool.DBMATE, false));
    assertEquals("-- no-transaction\n", Plans.header(MigrationTool.SQLX, false));
    assertEquals("", Plans.header(MigrationTool.PRISMA, false));
  }

  @Test
  void concurrentIndexInAPrismaTransactionComesWithAPlan() {
    String fixture = """
        -- settings: pg=16 tool=prisma
        CREATE TABLE "Order" ("id" TEXT NOT NULL, "userId" TEXT NOT NULL, CONSTRAINT "Order_pkey" PRIMARY KEY ("id"));
        -- migration
        ALTER TABLE "Order" ADD COLUMN "note" TEXT;
        CREATE INDEX "Order_userId_idx" ON "Order"("userId");
        """;
    List<Finding> findings = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT,
        "require-concurrent-index-creation", temp).findings();
    assertEquals(1, findings.size());
    assertTrue(findings.get(0).fix().isEmpty(), "no in-place fix inside a transaction");
    Plan plan = findings.get(0).plan().orElseThrow();
    PlanStep step = plan.steps().get(0);
    assertEquals(PlanStep.Kind.MIGRATION, step.kind());
    assertTrue(step.path().orElseThrow().endsWith("20240101000003_order_userid_idx_concurrently/migration.sql"),
        step.path().orElseThrow());
    assertEquals("CREATE INDEX CONCURRENTLY \"Order_userId_idx\" ON \"Order\"(\"userId\");\n", step.sql().orElseThrow());
  }

  @Test
  void setNotNullPlanHasThreeMigrations() {
    String fixture = """
        -- settings: pg=16 tool=flyway
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        -- migration
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
        """;
    Plan plan = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "set-not-null-scans-table", temp)
        .findings().get(0).plan().orElseThrow();
    List<String> sql = plan.steps().stream().map(s -> s.sql().orElseThrow()).toList();
    assertEquals(List.of(
        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n",
        "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n",
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;\n"),
        sql);
    assertTrue(plan.steps().get(0).path().orElseThrow().endsWith("V2_1__users_email_not_null_add.sql"),
        plan.steps().get(0).path().toString());
  }
}
