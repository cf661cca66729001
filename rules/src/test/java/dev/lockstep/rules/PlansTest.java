package dev.lockstep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    return new FileInfo(path, "", tool, tool.defaultExecutionModel(), Dialect.POSTGRESQL, 2, java.util.List.of());
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
        "SET lock_timeout = '5s';\n"
            + "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n",
        "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n",
        "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
            + "ALTER TABLE users DROP CONSTRAINT users_email_not_null;\n"),
        sql);
    assertTrue(plan.steps().get(0).path().orElseThrow().endsWith("V2_1__add_users_email_not_null.sql"),
        plan.steps().get(0).path().toString());
  }

  @Test
  void plansKeepATemplatePlaceholderSchemaAsWritten() {
    String fixture = """
        -- settings: pg=16 tool=golang-migrate
        CREATE TABLE {{ .Schema }}.users (id bigint PRIMARY KEY, email text);
        -- migration
        ALTER TABLE {{ .Schema }}.users ALTER COLUMN email SET NOT NULL;
        """;
    String notNull = all(planOf(fixture, "set-not-null-scans-table"));
    assertTrue(notNull.contains("ALTER TABLE {{ .Schema }}.users ADD CONSTRAINT users_email_not_null CHECK"), notNull);
    assertTrue(notNull.contains("ALTER TABLE {{ .Schema }}.users VALIDATE CONSTRAINT users_email_not_null;"), notNull);
    String index = all(planOf(fixture.replace("ALTER TABLE {{ .Schema }}.users ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE {{ .Schema }}.users ADD COLUMN note text;\n"
            + "CREATE INDEX users_email_idx ON {{ .Schema }}.users (email);"), "require-concurrent-index-creation"));
    assertTrue(index.contains("CREATE INDEX CONCURRENTLY users_email_idx ON {{ .Schema }}.users (email);"), index);
  }

  @Test
  void aNullableColumnAddedWithUniqueIsAddedAloneThenIndexedConcurrently() {
    String fixture = """
        -- settings: pg=16 tool=flyway
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        -- migration
        ALTER TABLE users ADD COLUMN handle varchar(40) COLLATE "C" CONSTRAINT users_handle_uq UNIQUE;
        """;
    List<String> sql = planOf(fixture, "unique-constraint-builds-index").steps().stream()
        .map(s -> s.sql().orElseThrow()).toList();
    assertEquals(List.of(
        "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN handle varchar(40) COLLATE \"C\";\n",
        "CREATE UNIQUE INDEX CONCURRENTLY users_handle_uq ON users (handle);\n",
        "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT users_handle_uq UNIQUE USING INDEX users_handle_uq;\n"),
        sql);
    // NOT NULL, a default, or other inline constraints: no plan (existing rows would not be NULL, or
    // the clauses would need their own steps)
    for (String column : List.of("handle text UNIQUE NOT NULL", "handle text UNIQUE DEFAULT 'x'",
        "handle text UNIQUE CHECK (handle <> '')")) {
      List<Finding> findings = FixtureRunner.lint(fixture.replace(
          "handle varchar(40) COLLATE \"C\" CONSTRAINT users_handle_uq UNIQUE", column), FixtureRunner.Settings.DEFAULT,
          "unique-constraint-builds-index", temp).findings();
      assertEquals(1, findings.size(), column);
      assertTrue(findings.get(0).plan().isEmpty(), column);
    }
  }

  @Test
  void dropIndexInATransactionIsPlannedConcurrentlyOneIndexPerMigration() {
    String fixture = """
        -- settings: pg=16 tool=prisma
        CREATE TABLE "User" (id int PRIMARY KEY, email text, name text);
        CREATE INDEX "User_email_idx" ON "User" (email);
        CREATE INDEX "User_name_idx" ON "User" (name);
        -- migration
        ALTER TABLE "User" ADD COLUMN age int;
        DROP INDEX IF EXISTS "User_name_idx", "User_email_idx";
        """;
    Finding f = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "require-concurrent-index-deletion", temp)
        .findings().get(0);
    assertTrue(f.fix().isEmpty(), "no in-place fix inside Prisma's transaction");
    List<PlanStep> steps = f.plan().orElseThrow().steps();
    assertEquals(List.of("DROP INDEX CONCURRENTLY IF EXISTS \"User_name_idx\";\n",
        "DROP INDEX CONCURRENTLY IF EXISTS \"User_email_idx\";\n"), steps.stream().map(s -> s.sql().orElseThrow()).toList());
    assertTrue(steps.get(1).path().orElseThrow().endsWith("_drop_user_email_idx_concurrently/migration.sql"),
        steps.get(1).path().orElseThrow());
    // an index that backs a constraint is dropped with its constraint: no plan
    String constraint = fixture.replace("CREATE INDEX \"User_name_idx\" ON \"User\" (name);",
        "ALTER TABLE \"User\" ADD CONSTRAINT \"User_name_idx\" UNIQUE (name);")
        .replace("DROP INDEX IF EXISTS \"User_name_idx\", \"User_email_idx\";", "DROP INDEX \"User_name_idx\";");
    List<Finding> backing = FixtureRunner.lint(constraint, FixtureRunner.Settings.DEFAULT,
        "require-concurrent-index-deletion", temp).findings();
    assertEquals(1, backing.size());
    assertTrue(backing.get(0).plan().isEmpty() && backing.get(0).fix().isEmpty());
  }

  private Plan planOf(String fixture, String rule) {
    return FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, rule, temp).findings().get(0).plan()
        .orElseThrow();
  }

  private static String all(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (PlanStep s : plan.steps()) {
      sb.append(s.kind().id()).append(' ').append(s.path().orElse("-")).append('\n').append(s.sql().orElse(""));
    }
    return sb.toString();
  }

  @Test
  void renameColumnPlanAddsSyncsBackfillsAndDrops() {
    Plan plan = planOf("""
        -- settings: pg=16 tool=prisma
        CREATE TABLE "User" ("id" TEXT NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
        -- migration
        ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";
        """, "rename-column");
    String text = all(plan);
    assertTrue(text.contains("ADD COLUMN \"fullName\" TEXT;"), text);
    assertTrue(text.contains("CREATE TRIGGER"), text);
    assertTrue(text.contains("WHERE id = ANY (ARRAY(SELECT id FROM \"User\" WHERE \"fullName\" IS NULL"), text);
    assertTrue(text.contains("COMMIT;"), text);
    assertTrue(text.contains("ALTER TABLE \"User\" DROP COLUMN name;"), text);
    assertEquals(List.of("migration", "migration", "migration", "deploy", "wait", "migration"),
        plan.steps().stream().map(x -> x.kind().id()).toList());
  }

  @Test
  void requiredColumnOn18UsesNotNullNotValid() {
    Plan plan = planOf("""
        -- settings: pg=18 tool=flyway
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        -- migration
        ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
        """, "adding-required-column");
    String text = all(plan);
    assertTrue(text.contains("ADD CONSTRAINT users_tenant_id_not_null NOT NULL tenant_id NOT VALID;"), text);
    assertTrue(!text.contains("SET NOT NULL"), text);
  }

  @Test
  void unbatchedUpdateBecomesAResumableLoop() {
    Plan plan = planOf("""
        -- settings: pg=16 tool=goose
        CREATE TABLE users (id bigint PRIMARY KEY, email text, email_lower text);
        -- migration
        UPDATE users SET email_lower = lower(email);
        """, "unbatched-backfill");
    String sql = plan.steps().get(0).sql().orElseThrow();
    assertTrue(sql.startsWith("-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\nDO $$"), sql);
    assertTrue(sql.contains("WHERE email_lower IS DISTINCT FROM (lower(email)) LIMIT 5000"), sql);
  }

  @Test
  void addFillDropIsPlannedAsASplit() {
    Plan plan = planOf("""
        -- settings: pg=16 tool=prisma
        CREATE TABLE "User" ("id" TEXT NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
        -- migration
        ALTER TABLE "User" ADD COLUMN "firstName" TEXT, ADD COLUMN "lastName" TEXT;
        UPDATE "User" SET "firstName" = split_part("name", ' ', 1), "lastName" = split_part("name", ' ', 2);
        ALTER TABLE "User" DROP COLUMN "name";
        """, "drop-column");
    String text = all(plan);
    assertTrue(plan.title().startsWith("Split \"User\".\"name\" into \"firstName\", \"lastName\""), plan.title());
    assertTrue(text.contains("NEW.\"firstName\" := split_part(NEW.name, ' ', 1);"), text);
    assertTrue(text.contains("NEW.name := concat_ws(' ', NEW.\"firstName\", NEW.\"lastName\");"), text);
    assertTrue(text.contains("ALTER TABLE \"User\" DROP COLUMN name;"), text);
  }

  @Test
  void typeChangeOfAnIndexedColumnRebuildsTheIndexConcurrently() {
    String fixture = """
        -- settings: pg=16 tool=prisma
        CREATE TABLE "Order" ("id" TEXT NOT NULL, "createdAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "Order_pkey" PRIMARY KEY ("id"));
        CREATE INDEX "Order_createdAt_idx" ON "Order"("createdAt" DESC) WHERE "createdAt" IS NOT NULL;
        -- migration
        ALTER TABLE "Order" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3);
        """;
    Plan plan = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "column-type-change-rewrites-table", temp)
        .findings().get(0).plan().orElseThrow();
    String text = all(plan);
    assertTrue(text.contains("CREATE INDEX CONCURRENTLY \"Order_createdAt_idx_new\" ON \"Order\" (\"createdAt_new\" DESC)"
        + " WHERE \"createdAt_new\" IS NOT NULL;\n"), text);
    assertTrue(text.contains("ALTER INDEX \"Order_createdAt_idx_new\" RENAME TO \"Order_createdAt_idx\";"), text);
    PlanStep build = plan.steps().stream().filter(s -> s.sql().orElse("").contains("CONCURRENTLY")).findFirst()
        .orElseThrow();
    assertEquals("CREATE INDEX CONCURRENTLY \"Order_createdAt_idx_new\" ON \"Order\" (\"createdAt_new\" DESC) WHERE"
        + " \"createdAt_new\" IS NOT NULL;\n", build.sql().orElseThrow(), "alone in its file: Prisma runs it outside"
        + " a transaction");
  }

  @Test
  void typeChangeOfAForeignKeyColumnSaysWhyThereIsNoPlan() {
    String fixture = """
        -- settings: pg=16 tool=flyway
        CREATE TABLE orgs (id integer PRIMARY KEY);
        CREATE TABLE users (id bigint PRIMARY KEY, org_id integer REFERENCES orgs (id));
        -- migration
        ALTER TABLE users ALTER COLUMN org_id TYPE bigint;
        """;
    Finding f = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "column-type-change-rewrites-table", temp)
        .findings().get(0);
    Plan plan = f.plan().orElseThrow();
    assertTrue(plan.steps().isEmpty(), all(plan));
    assertTrue(plan.title().startsWith("No safe staged plan: foreign key \"users_org_id_fkey\" uses \"org_id\""),
        plan.title());
    assertTrue(f.help().contains("No safe staged plan: foreign key"), f.help());
    Finding referenced = FixtureRunner.lint(fixture.replace("ALTER TABLE users ALTER COLUMN org_id TYPE bigint;",
        "ALTER TABLE orgs ALTER COLUMN id TYPE bigint;"), FixtureRunner.Settings.DEFAULT,
        "column-type-change-rewrites-table", temp).findings().get(0);
    assertTrue(referenced.plan().orElseThrow().title().contains("foreign key \"users_org_id_fkey\" of \"users\""
        + " references \"orgs\""), referenced.plan().orElseThrow().title());
  }

  @Test
  void slowStatementAfterAnExclusiveLockSplitsTheMigration() {
    String fixture = """
        -- settings: pg=16 tool=prisma
        CREATE TABLE "Order" ("id" TEXT NOT NULL, "userId" TEXT, "note" TEXT, CONSTRAINT "Order_pkey" PRIMARY KEY ("id"));
        -- migration
        ALTER TABLE "Order" ADD COLUMN "tag" TEXT;
        UPDATE "Order" SET "note" = 'x';
        CREATE INDEX "Order_userId_idx" ON "Order"("userId");
        ALTER TABLE "Order" ALTER COLUMN "tag" SET DEFAULT 'a';
        """;
    Plan plan = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "slow-statement-after-exclusive-lock", temp)
        .findings().get(0).plan().orElseThrow();
    assertTrue(plan.title().endsWith(dev.lockstep.core.plan.ExpandContract.WHOLE_MIGRATION), plan.title());
    List<String> sql = plan.steps().stream().map(s -> s.sql().orElseThrow()).toList();
    assertEquals(List.of(
        "SET lock_timeout = '5s';\nALTER TABLE \"Order\" ADD COLUMN \"tag\" TEXT;\n",
        "UPDATE \"Order\" SET \"note\" = 'x';\n",
        "CREATE INDEX CONCURRENTLY \"Order_userId_idx\" ON \"Order\"(\"userId\");\n",
        "SET lock_timeout = '5s';\nALTER TABLE \"Order\" ALTER COLUMN \"tag\" SET DEFAULT 'a';\n"), sql);
  }

  @Test
  void dropTableTruncateVacuumAndClusterCarryPlans() {
    String schema = """
        -- settings: pg=16 tool=flyway
        CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);
        CREATE TABLE orgs (id bigint PRIMARY KEY);
        -- migration
        """;
    Plan drop = planOf(schema + "DROP TABLE events;\n", "drop-table");
    assertEquals(List.of("deploy", "wait", "migration"), drop.steps().stream().map(x -> x.kind().id()).toList());
    assertTrue(drop.steps().get(2).sql().orElseThrow().contains(
        "-- lockstep:ignore drop-table -- planned: runs after the deploy that stopped using it\nDROP TABLE events;"),
        all(drop));
    Plan truncate = planOf(schema + "TRUNCATE events;\n", "truncate-table");
    assertTrue(all(truncate).contains("DELETE FROM events\n    WHERE id = ANY (ARRAY(SELECT id FROM events LIMIT 5000));"),
        all(truncate));
    Plan both = planOf(schema + "TRUNCATE events, orgs;\n", "truncate-table");
    assertTrue(both.steps().isEmpty() && both.title().startsWith("No safe staged plan: TRUNCATE of several tables"),
        both.title());
    Plan vacuum = planOf(schema + "VACUUM FULL events;\n", "vacuum-full-or-cluster");
    assertTrue(vacuum.title().startsWith("No online form of VACUUM FULL exists"), vacuum.title());
    assertEquals("VACUUM events;\n", vacuum.steps().get(0).sql().orElseThrow());
    assertTrue(vacuum.steps().get(0).path().orElseThrow().endsWith("V2_1__vacuum_events.sql"), all(vacuum));
    Plan cluster = planOf(schema + "CLUSTER events USING events_pkey;\n", "vacuum-full-or-cluster");
    assertEquals("ALTER TABLE events CLUSTER ON events_pkey;\n", cluster.steps().get(0).sql().orElseThrow());
  }

  @Test
  void indexOnAPartitionedTableIsBuiltPartitionByPartition() {
    String fixture = """
        -- settings: pg=16 tool=golang-migrate
        CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, note text) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        -- migration
        CREATE INDEX events_at_idx ON events (at);
        """;
    Plan plan = planOf(fixture, "require-concurrent-index-creation");
    List<String> sql = plan.steps().stream().map(x -> x.sql().orElseThrow()).toList();
    assertEquals(List.of("SET lock_timeout = '5s';\nCREATE INDEX events_at_idx ON ONLY events (at);\n",
        "CREATE INDEX CONCURRENTLY events_2024_at_idx ON events_2024 (at);\n",
        "CREATE INDEX CONCURRENTLY events_2025_at_idx ON events_2025 (at);\n",
        "SET lock_timeout = '5s';\nALTER INDEX events_at_idx ATTACH PARTITION events_2024_at_idx;\n"
            + "ALTER INDEX events_at_idx ATTACH PARTITION events_2025_at_idx;\n"), sql);
  }

  @Test
  void foreignKeyOnAPartitionedTableIsPlannedNotValidOnlyFrom18() {
    String fixture = """
        -- settings: pg=17 tool=flyway
        CREATE TABLE orgs (id bigint PRIMARY KEY);
        CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, org_id bigint) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        -- migration
        ALTER TABLE events ADD CONSTRAINT events_org_fkey FOREIGN KEY (org_id) REFERENCES orgs (id);
        """;
    Finding f17 = FixtureRunner.lint(fixture, FixtureRunner.Settings.DEFAULT, "foreign-key-missing-not-valid", temp)
        .findings().get(0);
    assertTrue(f17.fix().isEmpty(), "NOT VALID fails on a partitioned table before 18");
    assertTrue(f17.plan().orElseThrow().steps().isEmpty(), all(f17.plan().get()));
    assertTrue(f17.help().startsWith("PostgreSQL 17 cannot add a NOT VALID foreign key to partitioned table"),
        f17.help());
    Finding f18 = FixtureRunner.lint(fixture.replace("pg=17", "pg=18"), FixtureRunner.Settings.DEFAULT,
        "foreign-key-missing-not-valid", temp).findings().get(0);
    assertTrue(all(f18.plan().orElseThrow()).contains("REFERENCES orgs (id) NOT VALID;"), all(f18.plan().get()));
  }

  @Test
  void columnWithAVolatileDefaultIsFilledInBatches() {
    String fixture = """
        -- settings: pg=16 tool=flyway
        CREATE TABLE users (id bigint PRIMARY KEY);
        -- migration
        ALTER TABLE users ADD COLUMN token double precision NOT NULL DEFAULT random();
        """;
    Plan plan = planOf(fixture, "adding-column-rewrites-table");
    List<String> sql = plan.steps().stream().map(x -> x.sql().orElseThrow()).toList();
    assertEquals("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN token double precision;\n"
        + "ALTER TABLE users ALTER COLUMN token SET DEFAULT random();\n", sql.get(0));
    assertTrue(sql.get(1).contains("UPDATE users SET token = random()\n    WHERE id = ANY (ARRAY(SELECT id FROM users"
        + " WHERE token IS NULL LIMIT 5000));"), sql.get(1));
    assertEquals(5, sql.size(), all(plan));
    assertTrue(sql.get(4).contains("ALTER TABLE users ALTER COLUMN token SET NOT NULL;"), all(plan));
  }

  @Test
  void enumValueUsedInTheTransactionThatAddedItIsCommittedFirst() {
    String fixture = """
        -- settings: pg=16 tool=prisma
        CREATE TYPE "Status" AS ENUM ('A', 'B');
        CREATE TABLE "T" ("id" TEXT NOT NULL, "s" "Status" NOT NULL DEFAULT 'A', CONSTRAINT "T_pkey" PRIMARY KEY ("id"));
        -- migration
        ALTER TYPE "Status" ADD VALUE 'C';
        ALTER TABLE "T" ALTER COLUMN "s" SET DEFAULT 'C';
        """;
    Plan plan = planOf(fixture, "enum-value-used-in-same-transaction");
    assertTrue(plan.title().endsWith(dev.lockstep.core.plan.ExpandContract.WHOLE_MIGRATION), plan.title());
    assertEquals(List.of("SET lock_timeout = '5s';\nALTER TYPE \"Status\" ADD VALUE 'C';\n",
            "SET lock_timeout = '5s';\nALTER TABLE \"T\" ALTER COLUMN \"s\" SET DEFAULT 'C';\n"),
        plan.steps().stream().map(x -> x.sql().orElseThrow()).toList());
  }
}
