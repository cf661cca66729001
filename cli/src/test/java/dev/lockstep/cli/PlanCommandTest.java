package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir
  Path dir;

  private static final String INIT = "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL, \"name\" TEXT NOT NULL,"
      + " \"phone\" TEXT, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";

  private Path project() throws Exception {
    return Projects.prisma(dir, "20240101000000_init", INIT, "20240201000000_cleanup",
        "-- comment\nALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"displayName\";\n"
            + "CREATE INDEX \"User_phone_idx\" ON \"User\"(\"phone\");\n");
  }

  @Test
  void printsPlansForEveryRiskyStatement() throws Exception {
    project();
    Run r = Run.in(dir, "plan", "prisma/migrations/20240201000000_cleanup/migration.sql");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Plan: Rename \"User\".\"name\" to \"displayName\""), r.toString());
    assertTrue(r.out().contains("file: prisma/migrations/20240201000001_add_displayname/migration.sql"), r.toString());
    assertTrue(r.out().contains("CREATE INDEX CONCURRENTLY \"User_phone_idx\""), r.toString());
  }

  @Test
  void lineSelectsOneStatementAndJsonCarriesTheSteps() throws Exception {
    project();
    Run r = Run.in(dir, "plan", "prisma/migrations/20240201000000_cleanup/migration.sql:3", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(1, json.get("plans").size(), r.out());
    JsonNode plan = json.get("plans").get(0);
    assertEquals("require-concurrent-index-creation", plan.get("ruleId").asText());
    JsonNode step = plan.get("plan").get("steps").get(0);
    assertEquals("migration", step.get("kind").asText());
    assertEquals("prisma/migrations/20240201000001_user_phone_idx_concurrently/migration.sql",
        step.get("path").asText());
    assertTrue(step.get("why").asText().length() > 0);
  }

  @Test
  void writeCreatesPrismaFoldersInOrderAndNeverOverwrites() throws Exception {
    project();
    Run r = Run.in(dir, "plan", "prisma/migrations/20240201000000_cleanup/migration.sql:2", "--write");
    assertEquals(0, r.exit(), r.toString());
    List<String> folders;
    try (Stream<Path> s = Files.list(dir.resolve("prisma/migrations"))) {
      folders = s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".toml")).sorted().toList();
    }
    assertEquals(List.of("20240101000000_init", "20240201000000_cleanup", "20240201000001_add_displayname",
        "20240201000002_backfill_displayname", "20240201000003_validate_displayname", "20240201000004_drop_name"),
        folders);
    for (String f : folders) {
      assertTrue(Files.isRegularFile(dir.resolve("prisma/migrations/" + f + "/migration.sql")), f);
    }
    String backfill = Files.readString(dir.resolve("prisma/migrations/20240201000002_backfill_displayname/migration.sql"));
    assertTrue(backfill.startsWith("DO $$"), backfill);

    Run again = Run.in(dir, "plan", "prisma/migrations/20240201000000_cleanup/migration.sql:2", "--write");
    assertEquals(1, again.exit(), again.toString());
    assertTrue(again.err().contains("already exists; not overwritten"), again.toString());
  }

  @Test
  void sequenceNumbersInUseAreNotReused() throws Exception {
    Projects.write(dir.resolve("migrations/000001_init.up.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n");
    Projects.write(dir.resolve("migrations/000002_idx.up.sql"), "CREATE INDEX t_c_idx ON t (c);\nALTER TABLE t ADD COLUMN d text;\n");
    Projects.write(dir.resolve("migrations/000003_other.up.sql"), "SELECT 1;\n");
    Run r = Run.in(dir, "plan", "migrations/000002_idx.up.sql", "--tool", "golang-migrate", "--write");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("already used by"), r.toString());
    assertFalse(Files.exists(dir.resolve("migrations/000003_t_c_idx_concurrently.up.sql")));
  }

  @Test
  void missingFileIsAUsageError() {
    Run r = Run.in(dir, "plan", "nope.sql");
    assertEquals(2, r.exit(), r.toString());
  }

  @Test
  void severalPlansOfOneMigrationAreNumberedOneAfterAnother() throws Exception {
    Path m = dir.resolve("db/migration");
    Projects.write(m.resolve("V1__init.sql"), "CREATE TABLE orgs (id bigint PRIMARY KEY);\n"
        + "CREATE TABLE users (id bigint PRIMARY KEY, org_id bigint, email text);\n");
    Projects.write(m.resolve("V2__change.sql"), "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
        + "ALTER TABLE users ADD CONSTRAINT users_org_fkey FOREIGN KEY (org_id) REFERENCES orgs (id);\n");
    Run r = Run.in(dir, "plan", "db/migration/V2__change.sql", "--tool", "flyway", "--write");
    assertEquals(0, r.exit(), r.toString());
    List<String> files;
    try (Stream<Path> s = Files.list(m)) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("V1__init.sql", "V2_1__add_users_email_not_null.sql", "V2_2__validate_users_email_not_null.sql",
        "V2_3__set_email_not_null.sql", "V2_4__add_users_org_fkey_not_valid.sql", "V2_5__validate_users_org_fkey.sql",
        "V2__change.sql"), files);
  }

  @Test
  void writtenPlansForTheExampleProjectLintClean() throws Exception {
    Path example = Path.of("..", "examples", "prisma-shop").toAbsolutePath().normalize();
    Path copy = dir.resolve("shop");
    List<Path> sources;
    try (Stream<Path> s = Files.walk(example)) {
      sources = s.filter(Files::isRegularFile).toList();
    }
    for (Path p : sources) {
      Projects.write(copy.resolve(example.relativize(p).toString()), Files.readString(p));
    }
    List<String> before;
    try (Stream<Path> s = Files.list(copy.resolve("prisma/migrations"))) {
      before = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String m : before) {
      if (m.endsWith(".toml")) {
        continue;
      }
      Run r = Run.in(copy, "plan", "prisma/migrations/" + m + "/migration.sql", "--write");
      assertEquals(0, r.exit(), r.toString());
    }
    List<String> after;
    try (Stream<Path> s = Files.list(copy.resolve("prisma/migrations"))) {
      after = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(after.size() > before.size() + 10, after.toString());
    Run lint = Run.in(copy, "lint", "--format", "json", "--fail-on", "never", ".");
    JsonNode json = new ObjectMapper().readTree(lint.out());
    int planned = 0;
    for (JsonNode f : json.get("files")) {
      String path = f.get("path").asText();
      if (before.stream().anyMatch(b -> path.contains("/" + b + "/"))) {
        continue;
      }
      planned++;
      assertEquals(0, f.get("findings").size(), path + ": " + f.get("findings"));
    }
    assertEquals(after.size() - before.size(), planned);
  }

  @Test
  void planPathsShareTheBaseOfTheFindingsOwnPath() throws Exception {
    Projects.write(dir.resolve("m/001_init.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n");
    Projects.write(dir.resolve("m/002_rename.sql"), "ALTER TABLE t RENAME COLUMN c TO e;\n");
    Run r = Run.in(dir, "lint", "m", "--format", "json", "--fail-on", "never");
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode file = json.get("files").get(1);
    assertEquals("m/002_rename.sql", file.get("path").asText());
    JsonNode step = file.get("findings").get(0).get("plan").get("steps").get(0);
    assertEquals("m/003_add_e.sql", step.get("path").asText(), r.out());
    Run text = Run.in(dir.resolve("m"), "lint", "002_rename.sql", "--fail-on", "never");
    assertTrue(text.out().contains("(003_add_e.sql)"), text.out());
  }

  /** One tool's project: the two migrations, what --write must create, and how the tool's files must look. */
  private record Layout(String tool, String init, String change, List<String> created, String marker) {}

  @Test
  void writtenFilesFollowEachToolsConventions() throws Exception {
    String init = "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n";
    String change = "ALTER TABLE t RENAME COLUMN c TO e;\n";
    List<Layout> layouts = List.of(
        new Layout("golang-migrate", "000001_init.up.sql", "000002_rename.up.sql",
            List.of("000003_add_e.down.sql", "000003_add_e.up.sql", "000004_backfill_e.down.sql",
                "000004_backfill_e.up.sql", "000005_drop_c.down.sql", "000005_drop_c.up.sql"), ""),
        new Layout("dbmate", "20240101000000_init.sql", "20240102000000_rename.sql",
            List.of("20240102000001_add_e.sql", "20240102000002_backfill_e.sql", "20240102000003_drop_c.sql"),
            "-- migrate:up"),
        new Layout("goose", "00001_init.sql", "00002_rename.sql",
            List.of("00003_add_e.sql", "00004_backfill_e.sql", "00005_drop_c.sql"), "-- +goose Up"),
        new Layout("flyway", "V1__init.sql", "V2__rename.sql",
            List.of("V2_1__add_e.sql", "V2_2__backfill_e.sql", "V2_3__drop_c.sql"), ""),
        new Layout("sqlx", "20240101000000_init.sql", "20240102000000_rename.sql",
            List.of("20240102000001_add_e.sql", "20240102000002_backfill_e.sql", "20240102000003_drop_c.sql"), ""),
        new Layout("plain", "001_init.sql", "002_rename.sql",
            List.of("003_add_e.sql", "004_backfill_e.sql", "005_drop_c.sql"), ""));
    for (Layout l : layouts) {
      Path m = dir.resolve(l.tool()).resolve("migrations");
      String header = l.tool().equals("dbmate") ? "-- migrate:up\n" : l.tool().equals("goose") ? "-- +goose Up\n" : "";
      String footer = l.tool().equals("dbmate") ? "\n-- migrate:down\n" : "";
      Projects.write(m.resolve(l.init()), header + init + footer);
      Projects.write(m.resolve(l.change()), header + change + footer);
      Run r = Run.in(dir, "plan", l.tool() + "/migrations/" + l.change(), "--tool", l.tool(), "--write");
      assertEquals(0, r.exit(), l.tool() + ": " + r);
      List<String> files;
      try (Stream<Path> s = Files.list(m)) {
        files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(l.init()) && !n.equals(l.change()))
            .sorted().toList();
      }
      assertEquals(l.created(), files, l.tool());
      for (String f : files) {
        String content = Files.readString(m.resolve(f));
        if (f.endsWith(".down.sql")) {
          assertTrue(content.startsWith("-- Reverts "), f + ": " + content);
          continue;
        }
        assertTrue(content.contains(l.marker()), l.tool() + " " + f + ": " + content);
        if (f.contains("backfill")) {
          boolean outside = content.contains("NO TRANSACTION") || content.contains("transaction:false")
              || content.contains("no-transaction");
          assertEquals(l.tool().equals("goose") || l.tool().equals("dbmate") || l.tool().equals("sqlx"), outside,
              l.tool() + " " + f + ": " + content);
        }
      }
      // lockstep's reading of the tool's directory: every written file is one of its migrations.
      Run lint = Run.in(dir, "lint", l.tool() + "/migrations", "--tool", l.tool(), "--format", "json",
          "--fail-on", "never");
      assertEquals("", lint.err(), l.tool() + ": " + lint);
      JsonNode json = new ObjectMapper().readTree(lint.out());
      List<String> linted = new java.util.ArrayList<>();
      json.get("files").forEach(f -> linted.add(Path.of(f.get("path").asText()).getFileName().toString()));
      List<String> ups = new java.util.ArrayList<>(List.of(l.init(), l.change()));
      files.stream().filter(f -> !f.endsWith(".down.sql")).forEach(ups::add);
      assertEquals(ups.stream().sorted().toList(), linted.stream().sorted().toList(), l.tool());
    }
  }
}
