package dev.lockstep.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.trace.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs each expand/contract plan on real PostgreSQL servers (every supported major whose binaries
 * the build provides; {@code -Dlockstep.plans.versions=16,18} narrows the run) against a table with
 * rows while another session keeps writing to it, and checks that:
 *
 * <ul>
 *   <li>every migration step succeeds, in order, run the way the tool runs it (a transaction per
 *       file, or alone outside a transaction);
 *   <li>every step that does not start with {@code SET lock_timeout} (the brief, guarded metadata
 *       steps) succeeds while a third session holds ROW EXCLUSIVE on the table in an open
 *       transaction, with {@code lock_timeout} at 3s: it takes no lock that blocks writers;
 *   <li>the writer never fails, before or after the deploy steps (it switches to the new names at
 *       the plan's first deploy step);
 *   <li>no row or value is lost;
 *   <li>the schema at the end equals what the original, unsafe migration produces (catalogs
 *       compared; column order and the names of PostgreSQL 18's NOT NULL constraints aside).
 * </ul>
 *
 * <p>Each original migration's rollback script ({@link Rollback}) is then applied after it: it must
 * run, say whether it loses data, and where it does not, restore the schema before the migration.
 */
@Tag("pg")
class PlanProofTest {
  static final int ROWS = 12_000;

  static final String SCHEMA = """
      CREATE TYPE status AS ENUM ('active', 'banned', 'deleted');
      CREATE TABLE orgs (id bigint PRIMARY KEY);
      CREATE TABLE users (
        id integer PRIMARY KEY,
        name text NOT NULL,
        email text,
        score integer NOT NULL DEFAULT 0,
        org_id bigint,
        note text,
        status status NOT NULL DEFAULT 'active',
        CONSTRAINT users_score_min CHECK (score >= 0)
      );
      CREATE INDEX users_score_org_idx ON users (org_id, score DESC) INCLUDE (email) WITH (fillfactor = 90);
      CREATE INDEX users_email_lower_idx ON users (lower(email)) WHERE email IS NOT NULL;
      CREATE INDEX users_org_status_idx ON users (org_id, status);
      CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, org_id bigint, note text) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      """;

  static final String DATA = "INSERT INTO orgs SELECT g FROM generate_series(1, 10) g;\n"
      + "INSERT INTO users SELECT g, 'user ' || g, 'u' || g || '@example.com', g % 100, g % 10 + 1, NULL,"
      + " (ARRAY['active', 'banned', 'deleted'])[g % 3 + 1]::status FROM generate_series(1, " + ROWS + ") g;\n"
      + "INSERT INTO events SELECT g, DATE '2024-01-01' + g % 700, g % 10 + 1, 'event ' || g"
      + " FROM generate_series(1, " + ROWS + ") g;\n";

  /** For the enum case: what the migration does before the type change, and after it. */
  static final String ENUM_BEFORE = "CREATE TYPE status_new AS ENUM ('active', 'banned');\n"
      + "ALTER TABLE users ALTER COLUMN status DROP DEFAULT;\n";
  static final List<String> ENUM_AFTER = List.of("ALTER TYPE status RENAME TO status_old;",
      "ALTER TYPE status_new RENAME TO status;", "DROP TYPE status_old;",
      "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';");

  /** Statements of the original migration that stay in it, run before the plan; values for placeholders. */
  static final java.util.Map<String, String> PRELUDE = java.util.Map.of("enum-value-removal", ENUM_BEFORE);
  static final java.util.Map<String, String> PLACEHOLDER = java.util.Map.of("enum-value-removal", "'banned'");

  /** Where the plans' files would go: a Prisma project, whose non-transactional files hold one statement. */
  static final MigrationLayout LAYOUT =
      MigrationLayout.of(MigrationTool.PRISMA, "prisma/migrations/20240101000000_change/migration.sql");

  /**
   * One risky change.
   *
   * @param unsafe the original migration
   * @param plan the plan for it, from the schema before it
   * @param before what the writer runs before the first deploy step ({new} is a fresh id, {old} an existing one)
   * @param after what it runs after it
   * @param bad a query counting rows whose values were lost or mangled (must be 0)
   * @param table the table the writer and the lock holder use after the plan
   */
  record Case(String id, String unsafe, Function<SchemaFixture, Optional<Plan>> plan, List<String> before,
      List<String> after, String bad, String table) {}

  static List<Case> cases() {
    String rows = "(SELECT count(*) FROM %s WHERE id <= " + ROWS + ") <> " + ROWS;
    return List.of(
        new Case("rename-column", "ALTER TABLE users RENAME COLUMN name TO display_name;",
            f -> ExpandContract.renameColumn(LAYOUT, f.catalog(), f.version(), f.table("users"), "name",
                "display_name"),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE users SET name = 'w' || id WHERE id = {old}"),
            List.of("INSERT INTO users (id, display_name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE users SET display_name = 'w' || id WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE display_name IS NULL"
                + " OR (id <= " + ROWS + " AND display_name NOT IN ('user ' || id, 'w' || id))"
                + " OR (id > " + ROWS + " AND display_name <> 'ins ' || id)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("split-column", "ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text;\n"
            + "UPDATE users SET first_name = split_part(name, ' ', 1), last_name = split_part(name, ' ', 2);\n"
            + "ALTER TABLE users DROP COLUMN name;",
            f -> ExpandContract.splitColumn(LAYOUT, f.catalog(), f.table("users"), "name",
                ExpandContract.splitBySpace("name", List.of("first_name", "last_name")),
                ExpandContract.joinBySpace(List.of("first_name", "last_name")),
                new java.util.LinkedHashMap<>(java.util.Map.of("first_name", "text", "last_name", "text"))),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE users SET name = 'w ' || id WHERE id = {old}"),
            List.of("INSERT INTO users (id, first_name, last_name) VALUES ({new}, 'new', {new}::text)",
                "UPDATE users SET last_name = 'v' || id WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE first_name IS NULL OR last_name IS NULL"
                + " OR (id <= " + ROWS + " AND (first_name, last_name) NOT IN (('user', id::text), ('w', id::text),"
                + " ('user', 'v' || id), ('w', 'v' || id)))"
                + " OR (id > " + ROWS + " AND (first_name, last_name) NOT IN (('ins', id::text), ('new', id::text)))"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("enum-value-removal", ENUM_BEFORE
            + "ALTER TABLE users ALTER COLUMN status TYPE status_new USING (status::text::status_new);\n"
            + String.join("\n", ENUM_AFTER),
            f -> {
              SchemaFixture g = SchemaFixture.of(SCHEMA + ENUM_BEFORE, f.version());
              return ExpandContract.removeEnumValues(LAYOUT, g.catalog(), f.version(), f.table("users"), "status",
                  f.type("status_new"), Optional.of(f.expr("(status::text::status_new)")), List.of("deleted"),
                  ENUM_AFTER);
            },
            List.of("INSERT INTO users (id, name, status) VALUES ({new}, 'ins', 'deleted')",
                "UPDATE users SET status = 'deleted' WHERE id = {old}"),
            List.of("INSERT INTO users (id, name, status) VALUES ({new}, 'ins', 'banned')",
                "UPDATE users SET status = 'active' WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE status::text NOT IN ('active', 'banned')"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("rename-indexed-column", "ALTER TABLE users RENAME COLUMN email TO contact_email;",
            f -> ExpandContract.renameColumn(LAYOUT, f.catalog(), f.version(), f.table("users"), "email",
                "contact_email"),
            List.of("INSERT INTO users (id, name, email) VALUES ({new}, 'ins', 'e' || {new})",
                "UPDATE users SET email = 'w' || id WHERE id = {old}"),
            List.of("INSERT INTO users (id, name, contact_email) VALUES ({new}, 'ins', 'e' || {new})",
                "UPDATE users SET contact_email = 'w' || id WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE contact_email IS NULL"
                + " OR (id <= " + ROWS + " AND contact_email NOT IN ('u' || id || '@example.com', 'w' || id))"
                + " OR (id > " + ROWS + " AND contact_email <> 'e' || id)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("change-type-primary-key", "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
            f -> ExpandContract.changeColumnType(LAYOUT, f.catalog(), f.version(), f.table("users"), "id",
                f.type("bigint"), Optional.empty()),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE id IS NULL OR (id <= " + ROWS + " AND name <> 'user ' || id)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("slow-after-exclusive-index", "ALTER TABLE users ADD COLUMN tag text;\n"
            + "CREATE INDEX users_name_idx ON users (name);",
            f -> Optional.of(ExpandContract.splitTransaction(LAYOUT, f.table("users"),
                List.of("ALTER TABLE users ADD COLUMN tag text;"),
                List.of(new ExpandContract.Part("Build the index concurrently", "users_name_idx_concurrently",
                    List.of("CREATE INDEX CONCURRENTLY users_name_idx ON users (name);"), false, false, "no write lock")),
                List.of())),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("slow-after-exclusive-fk", "ALTER TABLE users ADD COLUMN tag text;\n"
            + "ALTER TABLE users ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id);\n"
            + "ALTER TABLE users ALTER COLUMN tag SET DEFAULT 'x';",
            f -> Optional.of(ExpandContract.splitTransaction(LAYOUT, f.table("users"),
                List.of("ALTER TABLE users ADD COLUMN tag text;"),
                List.of(new ExpandContract.Part("Add it NOT VALID", "add_fk_not_valid",
                        List.of("ALTER TABLE users ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES"
                            + " orgs (id) NOT VALID;"), true, true, "brief"),
                    new ExpandContract.Part("Validate it", "validate_fk",
                        List.of("ALTER TABLE users VALIDATE CONSTRAINT users_org_id_fkey;"), true, false, "scan")),
                List.of("ALTER TABLE users ALTER COLUMN tag SET DEFAULT 'x';"))),
            List.of("INSERT INTO users (id, name, org_id) VALUES ({new}, 'ins', 3)",
                "UPDATE users SET org_id = 2 WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("drop-table", "DROP TABLE orgs;",
            f -> Optional.of(ExpandContract.dropTable(LAYOUT, List.of(f.table("orgs")), false)),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("truncate", "TRUNCATE orgs;",
            f -> ExpandContract.batchedDelete(LAYOUT, f.catalog(), f.table("orgs"), Optional.empty()),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')"), List.of(),
            "SELECT count(*) FROM orgs UNION ALL SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("vacuum-full", "VACUUM FULL users;",
            f -> Optional.of(ExpandContract.vacuumInstead(LAYOUT, List.of(f.table("users")), false)),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("cluster", "CLUSTER users USING users_pkey;",
            f -> Optional.of(ExpandContract.clusterInstead(LAYOUT, f.table("users"), "users_pkey")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("partitioned-index", "CREATE INDEX events_at_note_idx ON events (at DESC, lower(note));",
            f -> ExpandContract.partitionedIndex(LAYOUT, f.catalog(), f.table("events"), Optional.of("events_at_note_idx"),
                false, "btree", List.of("at DESC", "lower(note)"), List.of("at"), Optional.empty()),
            List.of("INSERT INTO events (id, at, note) VALUES ({new}, DATE '2024-06-01', 'ins')",
                "UPDATE events SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("events"), "events"),
        new Case("partitioned-check", "ALTER TABLE events ADD CONSTRAINT events_note_check CHECK (note <> '');",
            f -> Optional.of(ExpandContract.notValidConstraint(LAYOUT, f.table("events"), "events_note_check",
                "ALTER TABLE events ADD CONSTRAINT events_note_check CHECK (note <> '') NOT VALID;")),
            List.of("INSERT INTO events (id, at, note) VALUES ({new}, DATE '2025-06-01', 'ins')",
                "UPDATE events SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("events"), "events"),
        new Case("partitioned-foreign-key", "ALTER TABLE events ADD CONSTRAINT events_org_id_fkey FOREIGN KEY (org_id)"
            + " REFERENCES orgs (id);",
            f -> ExpandContract.noNotValidForeignKey(f.catalog(), f.table("events"), f.version()).isPresent()
                ? Optional.empty()
                : Optional.of(ExpandContract.notValidConstraint(LAYOUT, f.table("events"), "events_org_id_fkey",
                    "ALTER TABLE events ADD CONSTRAINT events_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id)"
                        + " NOT VALID;")),
            List.of("INSERT INTO events (id, at, org_id) VALUES ({new}, DATE '2025-06-01', 3)",
                "UPDATE events SET org_id = 2 WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("events"), "events"),
        new Case("rename-partitioned-table", "ALTER TABLE events RENAME TO activity;",
            f -> ExpandContract.renameTable(LAYOUT, f.catalog(), f.table("events"), "activity"),
            List.of("INSERT INTO events (id, at, note) VALUES ({new}, DATE '2024-06-01', 'ins')",
                "UPDATE events SET note = 'w' WHERE id = {old}"),
            List.of("INSERT INTO activity (id, at, note) VALUES ({new}, DATE '2025-06-01', 'ins')",
                "UPDATE activity SET note = 'w' WHERE id = {old}"),
            "SELECT count(*) FROM activity WHERE id <= " + ROWS + " AND note NOT IN ('event ' || id, 'w')"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("activity"),
            "activity"),
        new Case("rename-table", "ALTER TABLE users RENAME TO members;",
            f -> ExpandContract.renameTable(LAYOUT, f.catalog(), f.table("users"), "members"),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE users SET note = 'w' WHERE id = {old}"),
            List.of("INSERT INTO members (id, name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE members SET note = 'w' WHERE id = {old}"),
            "SELECT count(*) FROM members WHERE id <= " + ROWS + " AND name <> 'user ' || id"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("members"),
            "members"),
        new Case("drop-required-column", "ALTER TABLE users DROP COLUMN name;",
            f -> ExpandContract.dropColumn(LAYOUT, f.catalog(), f.table("users"), "name"),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins ' || {new})",
                "UPDATE users SET name = 'w' || id WHERE id = {old}"),
            List.of("INSERT INTO users (id) VALUES ({new})", "UPDATE users SET note = 'w' WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE id <= " + ROWS + " AND email <> 'u' || id || '@example.com'"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("change-type", "ALTER TABLE users ALTER COLUMN score TYPE bigint;",
            f -> ExpandContract.changeColumnType(LAYOUT, f.catalog(), f.version(), f.table("users"), "score",
                f.type("bigint"), Optional.empty()),
            List.of("INSERT INTO users (id, name, score) VALUES ({new}, 'ins', {new})",
                "UPDATE users SET score = id + 1000000 WHERE id = {old}"),
            List.of("INSERT INTO users (id, name, score) VALUES ({new}, 'ins', {new})",
                "UPDATE users SET score = id + 1000000 WHERE id = {old}"),
            "SELECT count(*) FROM users WHERE score IS NULL"
                + " OR (id <= " + ROWS + " AND score NOT IN (id % 100, id + 1000000))"
                + " OR (id > " + ROWS + " AND score <> id)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("change-type-using", "ALTER TABLE users ALTER COLUMN email TYPE varchar(100) USING left(email, 100);",
            f -> ExpandContract.changeColumnType(LAYOUT, f.catalog(), f.version(), f.table("users"), "email",
                f.type("varchar(100)"), Optional.of(f.expr("left(email, 100)"))),
            List.of("INSERT INTO users (id, name, email) VALUES ({new}, 'ins', 'e' || {new})"),
            List.of("INSERT INTO users (id, name, email) VALUES ({new}, 'ins', 'e' || {new})"),
            "SELECT count(*) FROM users WHERE (id <= " + ROWS + " AND email <> 'u' || id || '@example.com')"
                + " OR (id > " + ROWS + " AND email <> 'e' || id)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("add-required-column", "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;",
            f -> ExpandContract.addRequiredColumn(LAYOUT, f.catalog(), f.version(), f.table("users"),
                f.addedColumn("ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')"),
            List.of("INSERT INTO users (id, name, tenant_id) VALUES ({new}, 'ins', 7)"),
            "SELECT count(*) FROM users WHERE tenant_id IS NULL OR (id <= " + ROWS + " AND tenant_id <> 1)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("add-column-volatile-default", "ALTER TABLE users ADD COLUMN r double precision NOT NULL"
            + " DEFAULT random();",
            f -> ExpandContract.addColumnWithVolatileDefault(LAYOUT, f.catalog(), f.version(), f.table("users"),
                f.addedColumn("ALTER TABLE users ADD COLUMN r double precision NOT NULL DEFAULT random();")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT count(*) FROM users WHERE r IS NULL OR r < 0 OR r >= 1"
                + " UNION ALL SELECT 1 WHERE (SELECT count(DISTINCT r) FROM users) < " + ROWS / 2
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("enum-value-same-transaction", "ALTER TYPE status ADD VALUE 'paused';\n"
            + "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'paused';",
            f -> Optional.of(ExpandContract.commitEnumValueFirst(LAYOUT, f.table("status"), "paused",
                List.of("ALTER TYPE status ADD VALUE 'paused';"),
                List.of("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'paused';"))),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            f -> Optional.of(ExpandContract.setNotNull(LAYOUT, f.version(), f.table("users"), "email")),
            List.of("INSERT INTO users (id, name, email) VALUES ({new}, 'ins', 'e')"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("foreign-key", "ALTER TABLE users ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id)"
            + " REFERENCES orgs (id);",
            f -> Optional.of(ExpandContract.notValidConstraint(LAYOUT, f.table("users"), "users_org_id_fkey",
                "ALTER TABLE users ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id)"
                    + " NOT VALID;")),
            List.of("INSERT INTO users (id, name, org_id) VALUES ({new}, 'ins', 3)",
                "UPDATE users SET org_id = 2 WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("check", "ALTER TABLE users ADD CONSTRAINT users_score_check CHECK (score >= 0);",
            f -> Optional.of(ExpandContract.notValidConstraint(LAYOUT, f.table("users"), "users_score_check",
                "ALTER TABLE users ADD CONSTRAINT users_score_check CHECK (score >= 0) NOT VALID;")),
            List.of("UPDATE users SET score = score + 1 WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("unique", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
            f -> Optional.of(ExpandContract.constraintUsingIndex(LAYOUT, f.table("users"), "users_email_key",
                "UNIQUE", List.of("email"))),
            List.of("INSERT INTO users (id, name, email) VALUES ({new}, 'ins', 'e' || {new})"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("add-column-unique", "ALTER TABLE users ADD COLUMN handle text UNIQUE;",
            f -> Optional.of(ExpandContract.addColumnThenUnique(LAYOUT, f.table("users"), "handle",
                "ALTER TABLE users ADD COLUMN handle text;", "users_handle_key")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET note = 'w' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("drop-index", "DROP INDEX users_org_status_idx;",
            f -> Optional.of(ExpandContract.alone(LAYOUT, "Drop the index concurrently", "Drop it", "drop_idx",
                "DROP INDEX CONCURRENTLY users_org_status_idx;", "no write lock")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET status = 'banned' WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("create-index", "CREATE INDEX users_score_idx ON users (score);",
            f -> Optional.of(ExpandContract.alone(LAYOUT, "Build the index concurrently", "Create it", "idx",
                "CREATE INDEX CONCURRENTLY users_score_idx ON users (score);", "no write lock")),
            List.of("INSERT INTO users (id, name) VALUES ({new}, 'ins')",
                "UPDATE users SET score = 5 WHERE id = {old}"), List.of(),
            "SELECT 1 WHERE " + rows.formatted("users"), "users"),
        new Case("backfill", "UPDATE users SET note = upper(name) WHERE org_id = 3;",
            f -> ExpandContract.batchedUpdate(LAYOUT, f.catalog(), f.table("users"), "note = upper(name)",
                Optional.of("org_id = 3")),
            List.of("INSERT INTO users (id, name, org_id) VALUES ({new}, 'ins', 4)",
                "UPDATE users SET score = score + 1 WHERE id = {old}"), List.of(),
            "SELECT count(*) FROM users WHERE (org_id = 3 AND note IS DISTINCT FROM upper(name))"
                + " OR (org_id <> 3 AND note IS NOT NULL)"
                + " UNION ALL SELECT 1 WHERE " + rows.formatted("users"),
            "users"),
        new Case("batched-delete", "DELETE FROM users WHERE org_id = 5;",
            f -> ExpandContract.batchedDelete(LAYOUT, f.catalog(), f.table("users"), Optional.of("org_id = 5")),
            List.of("INSERT INTO users (id, name, org_id) VALUES ({new}, 'ins', 4)",
                "UPDATE users SET score = score + 1 WHERE id = {old}"), List.of(),
            "SELECT count(*) FROM users WHERE org_id = 5"
                + " UNION ALL SELECT 1 WHERE (SELECT count(*) FROM users WHERE id <= " + ROWS + ") <> "
                + (ROWS - ROWS / 10),
            "users"));
  }

  static List<Integer> versions() {
    String prop = System.getProperty("lockstep.plans.versions", "12,13,14,15,16,17,18");
    return Arrays.stream(prop.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt)
        .toList();
  }

  @TestFactory
  Stream<DynamicNode> plansOnRealServers() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (int major : versions()) {
      if (!TestServers.available(major)) {
        nodes.add(DynamicTest.dynamicTest("PostgreSQL " + major, () -> fail("no server binaries for PostgreSQL "
            + major + " in " + TestServers.binariesDir() + " (the build copies them in generate-test-resources)")));
        continue;
      }
      nodes.add(DynamicContainer.dynamicContainer("PostgreSQL " + major, Stream.of(
          DynamicTest.dynamicTest("all plans", () -> runVersion(major)))));
    }
    return nodes.stream();
  }

  private void runVersion(int major) throws Exception {
    List<String> failures = new ArrayList<>();
    try (TestServers.Server server = TestServers.start(major, Path.of("target", "plan-proofs"))) {
      ProofDatabase.prepareTemplates(server, SCHEMA, DATA);
      SchemaFixture fixture = SchemaFixture.of(SCHEMA, major);
      harnessNoticesBlockingSteps(server);
      try {
        exampleRollbacks(server);
      } catch (AssertionError | Exception e) {
        failures.add("examples/prisma-shop rollbacks: " + e.getMessage());
      }
      List<String> before = ProofDatabase.catalog(server, ProofDatabase.FILLED);
      for (Case c : cases()) {
        try {
          runCase(server, fixture, c);
        } catch (AssertionError | Exception e) {
          failures.add(c.id() + ": " + e.getMessage());
        }
        try {
          runRollback(server, fixture, c, before);
        } catch (AssertionError | Exception e) {
          failures.add(c.id() + " rollback: " + e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      fail("PostgreSQL " + major + ":\n  " + String.join("\n  ", failures));
    }
  }

  /** Changes whose rollback must say it loses data. */
  static final java.util.Set<String> IRREVERSIBLE = java.util.Set.of("drop-required-column", "split-column", "backfill",
      "batched-delete", "drop-table", "truncate", "enum-value-same-transaction");

  /**
   * Unsafe migrations that fail when run as one transaction (the finding's point): the proof checks
   * that they do, and builds the expected schema by running their statements one by one.
   */
  static final java.util.Set<String> FAILS_AS_ONE_TRANSACTION = java.util.Set.of("enum-value-same-transaction");

  /** Runs the unsafe migration: as one query, or statement by statement where it fails as one transaction. */
  private static void applyUnsafe(Statement s, Case c) throws SQLException {
    if (FAILS_AS_ONE_TRANSACTION.contains(c.id())) {
      runEach(s, c.unsafe());
    } else {
      s.execute(c.unsafe());
    }
  }

  /** The table the writer uses before the first deploy step, where the plan renames it. */
  static final java.util.Map<String, String> TABLE_BEFORE = java.util.Map.of("rename-table", "users",
      "rename-partitioned-table", "events");

  /**
   * Changes that have no plan on some versions, with the statement the plan would need: it must fail
   * there, as the finding says.
   */
  static final java.util.Map<String, String> UNSUPPORTED = java.util.Map.of("partitioned-foreign-key",
      "ALTER TABLE events ADD CONSTRAINT events_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;");

  /**
   * The original migration, then its rollback script: the script runs, says whether it is
   * reversible as expected, and, where it is, restores the schema before the migration.
   */
  private static void runRollback(TestServers.Server server, SchemaFixture fixture, Case c, List<String> before)
      throws Exception {
    Rollback rollback = Rollback.of(fixture.catalog(),
        List.of(new Rollback.Statement(0, SchemaFixture.operations(c.unsafe()))));
    assertEquals(!IRREVERSIBLE.contains(c.id()), rollback.reversible(), "reversible? " + rollback.undos());
    String script = rollback.render("change.sql", i -> c.unsafe());
    String db = ProofDatabase.create(server, ProofDatabase.FILLED);
    List<String> expected = before;
    try {
      try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
        try {
          applyUnsafe(s, c);
        } catch (SQLException e) {
          // fails on a table with rows (ADD COLUMN NOT NULL without default): use the empty schema
          ProofDatabase.drop(server, db);
          db = ProofDatabase.create(server, ProofDatabase.EMPTY);
          expected = null;
        }
      }
      if (expected == null) {
        String empty = ProofDatabase.create(server, ProofDatabase.EMPTY);
        expected = ProofDatabase.catalog(server, empty);
        ProofDatabase.drop(server, empty);
        try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
          applyUnsafe(s, c);
        }
      }
      try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
        s.execute(script);
      } catch (SQLException e) {
        throw new AssertionError("the rollback script failed: " + e.getMessage() + "\n" + script, e);
      }
      if (rollback.reversible()) {
        assertEquals(String.join("\n", expected), String.join("\n", ProofDatabase.catalog(server, db)),
            "the rollback did not restore the schema:\n" + script);
      }
    } finally {
      ProofDatabase.drop(server, db);
    }
  }

  /**
   * The example Prisma project's history: each migration is applied as Prisma applies it (the file
   * as one query), then its rollback script, which must run and, where it says it is reversible,
   * restore the schema before the migration; then the migration is applied again and the next one
   * follows.
   */
  private static void exampleRollbacks(TestServers.Server server) throws Exception {
    Path dir = Path.of("..", "examples", "prisma-shop", "prisma", "migrations");
    List<Path> files;
    try (Stream<Path> s = java.nio.file.Files.list(dir)) {
      files = s.filter(java.nio.file.Files::isDirectory).map(d -> d.resolve("migration.sql")).sorted().toList();
    }
    assertTrue(files.size() >= 5, "example migrations in " + dir.toAbsolutePath());
    String db = ProofDatabase.create(server, "template0");
    java.util.Properties simple = new java.util.Properties();
    simple.setProperty("preferQueryMode", "simple");
    SchemaFixture.History history = new SchemaFixture.History();
    int reversible = 0;
    try (Connection conn = server.connect(db, simple); Statement s = conn.createStatement()) {
      for (Path f : files) {
        String sql = java.nio.file.Files.readString(f);
        List<String> before = ProofDatabase.catalog(server, db);
        List<Rollback.Statement> statements = history.apply(sql);
        Rollback rollback = Rollback.of(history.previous(), statements);
        runEach(s, sql);
        String script = rollback.render(f.toString(), i -> "statement " + i);
        try {
          runEach(s, script);
        } catch (SQLException e) {
          throw new AssertionError(f.getParent().getFileName() + ": the rollback script failed: " + e.getMessage()
              + "\n" + script, e);
        }
        if (rollback.reversible()) {
          reversible++;
          assertEquals(String.join("\n", before), String.join("\n", ProofDatabase.catalog(server, db)),
              f.getParent().getFileName() + ": the rollback did not restore the schema:\n" + script);
        }
        runEach(s, sql);
      }
    } finally {
      ProofDatabase.drop(server, db);
    }
    assertTrue(reversible >= 3, "too few reversible example migrations: " + reversible);
  }

  /**
   * Runs a script one statement at a time, as {@code psql -f} does (the example history has a
   * migration that Prisma itself would refuse, which lockstep reports: CREATE INDEX CONCURRENTLY
   * next to other statements).
   */
  private static void runEach(Statement s, String script) throws SQLException {
    for (dev.lockstep.core.source.SqlStatement st : dev.lockstep.core.source.Splitter.split(script,
        dev.lockstep.core.source.Dialect.POSTGRESQL).statements()) {
      s.execute(st.span().of(script));
    }
  }

  /** The lock guard fails a step that blocks writers (a plain CREATE INDEX takes SHARE). */
  private static void harnessNoticesBlockingSteps(TestServers.Server server) throws Exception {
    String db = ProofDatabase.create(server, ProofDatabase.FILLED);
    try {
      ProofDatabase.runStep(server, db, "CREATE INDEX users_blocking_idx ON users (score);", Optional.of("users"));
      fail("a plain CREATE INDEX ran while another session held ROW EXCLUSIVE: the lock guard does not work");
    } catch (SQLException e) {
      assertEquals("55P03", e.getSQLState(), e.getMessage());
    } finally {
      ProofDatabase.drop(server, db);
    }
  }

  private void runCase(TestServers.Server server, SchemaFixture fixture, Case c) throws Exception {
    Optional<Plan> planned = c.plan().apply(fixture);
    if (planned.isEmpty() && UNSUPPORTED.containsKey(c.id())) {
      String db = ProofDatabase.create(server, ProofDatabase.FILLED);
      try (Connection conn = server.connect(db); Statement s = conn.createStatement()) {
        s.execute(UNSUPPORTED.get(c.id()));
        fail("no plan on PostgreSQL " + fixture.version() + ", but it accepts " + UNSUPPORTED.get(c.id()));
      } catch (SQLException e) {
        return; // refused, as the finding says
      } finally {
        ProofDatabase.drop(server, db);
      }
    }
    Plan plan = planned.orElseThrow(() -> new AssertionError("no plan"));
    String expectedDb = ProofDatabase.create(server, ProofDatabase.EMPTY);
    String planDb = ProofDatabase.create(server, ProofDatabase.FILLED);
    try {
      if (FAILS_AS_ONE_TRANSACTION.contains(c.id())) {
        try (Connection conn = server.connect(expectedDb); Statement s = conn.createStatement()) {
          conn.setAutoCommit(false);
          s.execute(c.unsafe());
          conn.commit();
          fail("the unsafe migration ran as one transaction: " + c.unsafe());
        } catch (SQLException e) {
          assertEquals("55P04", e.getSQLState(), e.getMessage());
        }
      }
      try (Connection conn = server.connect(expectedDb); Statement s = conn.createStatement()) {
        applyUnsafe(s, c);
      }
      List<String> expected = ProofDatabase.catalog(server, expectedDb);
      if (PRELUDE.containsKey(c.id())) {
        try (Connection conn = server.connect(planDb); Statement s = conn.createStatement()) {
          s.execute(PRELUDE.get(c.id()));
        }
      }
      try (Writer writer = new Writer(server, planDb, c.before(), c.after())) {
        writer.start();
        writer.awaitProgress();
        int n = 0;
        for (PlanStep step : plan.steps()) {
          n++;
          if (step.kind() == PlanStep.Kind.DEPLOY) {
            writer.deploy();
            writer.awaitProgress();
            continue;
          }
          if (step.kind() != PlanStep.Kind.MIGRATION) {
            continue;
          }
          String sql = step.sql().orElseThrow().replace(ExpandContract.VALUE_PLACEHOLDER,
              PLACEHOLDER.getOrDefault(c.id(), "1"));
          try {
            ProofDatabase.runStep(server, planDb, sql, guardedTable(sql, c, writer.deployed()));
          } catch (SQLException e) {
            throw new AssertionError("step " + n + " (" + step.title() + ") failed: " + e.getMessage() + "\n" + sql, e);
          }
          writer.awaitProgress();
        }
        writer.stop();
        assertTrue(writer.errors().isEmpty(), "the writer failed: " + writer.errors());
        assertTrue(writer.inserted() > 0 || c.before().stream().noneMatch(x -> x.startsWith("INSERT")),
            "the writer made no progress");
      }
      try (Connection conn = server.connect(planDb); Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery(c.bad())) {
        long bad = 0;
        while (rs.next()) {
          bad += rs.getLong(1);
        }
        assertEquals(0, bad, "rows or values lost: " + c.bad());
      }
      assertEquals(String.join("\n", expected), String.join("\n", ProofDatabase.catalog(server, planDb)),
          "the schema after the plan differs from the schema after the original migration");
    } finally {
      ProofDatabase.drop(server, expectedDb);
      ProofDatabase.drop(server, planDb);
    }
  }

  /**
   * The table a lock holder keeps ROW EXCLUSIVE on while the step runs; empty for the brief steps
   * guarded by lock_timeout and for concurrent index builds (which wait for open transactions by
   * design, without blocking writers).
   */
  private static Optional<String> guardedTable(String sql, Case c, boolean deployed) {
    if (sql.contains(ExpandContract.LOCK_TIMEOUT) || sql.contains("CONCURRENTLY")) {
      return Optional.empty();
    }
    return Optional.of(deployed ? c.table() : TABLE_BEFORE.getOrDefault(c.id(), c.table()));
  }
}
