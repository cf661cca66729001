package dev.lockstep.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.source.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectDiscoveryTest {
  @TempDir Path dir;

  private final ProjectDiscovery discovery = new ProjectDiscovery();

  private Path write(String relative, String content) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DiscoveryResult discover(Path... inputs) {
    return discovery.discover(List.of(inputs), Optional.empty(), Optional.empty());
  }

  private static MigrationSet only(DiscoveryResult r) {
    assertEquals(List.of(), r.problems());
    assertEquals(1, r.sets().size(), () -> "sets: " + r.sets());
    return r.sets().get(0).set();
  }

  private static List<String> names(List<MigrationFile> files) {
    return files.stream().map(MigrationFile::displayPath).toList();
  }

  // --- Prisma -----------------------------------------------------------------------------------

  @Test
  void prismaWithLockFileReadsProviderAndOrdersByFolderName() {
    write("prisma/migrations/migration_lock.toml", "# comment\nprovider = \"mysql\"\n");
    write("prisma/migrations/20240102000000_second/migration.sql", "ALTER TABLE `a` ADD `b` INT;");
    write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE `a` (id INT);");
    write("prisma/schema.prisma", "datasource db { provider = \"mysql\" }");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.PRISMA, set.tool());
    assertEquals(Dialect.MYSQL, set.dialect());
    assertEquals(dir.resolve("prisma/migrations"), set.root());
    assertEquals(
        List.of(
            "prisma/migrations/20240101000000_init/migration.sql",
            "prisma/migrations/20240102000000_second/migration.sql"),
        names(set.files()));
    MigrationFile first = set.files().get(0);
    assertEquals("20240101000000", first.version());
    assertEquals("init", first.name());
    assertEquals(Direction.UP, first.direction());
    assertEquals(ExecutionModel.IMPLICIT_TRANSACTION, first.executionModel());
    assertEquals(Dialect.MYSQL, first.dialect());
  }

  @Test
  void prismaWithoutLockFileIsRecognisedByFolderShape() {
    write("db/migration/20230329205933_init/migration.sql", "CREATE TABLE \"A\" (id int);");
    write("db/migration/20230401000000_more/migration.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.PRISMA, set.tool());
    assertEquals(Dialect.POSTGRESQL, set.dialect());
    assertEquals(2, set.files().size());
  }

  @Test
  void prismaUnsupportedProviderIsSkippedWithAReason() {
    write("prisma/migrations/migration_lock.toml", "provider = \"sqlite\"");
    write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE a (id int);");

    DiscoveryResult r = discover(dir);

    assertEquals(List.of(), r.sets());
    assertEquals(List.of(), r.problems());
    assertEquals(1, r.skipped().size());
    assertTrue(r.skipped().get(0).message().contains("sqlite"), r.skipped().get(0).message());
  }

  // --- Flyway -----------------------------------------------------------------------------------

  @Test
  void flywayComparesVersionsNumericallyAndRunsRepeatablesLast() {
    String d = "src/main/resources/db/migration/";
    write(d + "V2__two.sql", "SELECT 1;");
    write(d + "V1_10__one_ten.sql", "SELECT 1;");
    write(d + "V1_9__one_nine.sql", "SELECT 1;");
    write(d + "V1__one.sql", "SELECT 1;");
    write(d + "V1.1__one_one.sql", "SELECT 1;");
    write(d + "R__views.sql", "SELECT 1;");
    write(d + "R__a_functions.sql", "SELECT 1;");
    write(d + "U1_10__undo.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.FLYWAY, set.tool());
    assertEquals(
        List.of(
            "V1__one.sql",
            "V1.1__one_one.sql",
            "V1_9__one_nine.sql",
            "V1_10__one_ten.sql",
            "V2__two.sql",
            "R__a_functions.sql",
            "R__views.sql"),
        set.files().stream().map(f -> f.path().getFileName().toString()).toList());
    assertEquals("1.10", set.files().get(3).version());
    assertEquals("one ten", set.files().get(3).name());
    assertEquals(1, set.downFiles().size());
    assertEquals(Direction.DOWN, set.downFiles().get(0).direction());
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(0).executionModel());
    assertTrue(set.tool().toolDetectsNonTransactional());
  }

  @Test
  void flywayScriptConfigCanDisableTheTransaction() {
    write("migrations/V1__a.sql", "SELECT 1;");
    write("migrations/V2__index.sql", "CREATE INDEX CONCURRENTLY i ON t (c);");
    write("migrations/V2__index.sql.conf", "executeInTransaction=false\n");

    MigrationSet set = only(discover(dir));

    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(0).executionModel());
    assertEquals(ExecutionModel.AUTOCOMMIT, set.files().get(1).executionModel());
  }

  @Test
  void dialectDirectoriesSplitSetsAndUnsupportedDialectsAreSkipped() {
    write("migrations/postgres/V1__a.sql", "SELECT 1;");
    write("migrations/mysql/V1__a.sql", "SELECT 1;");
    write("migrations/sqlite/V1__a.sql", "SELECT 1;");

    DiscoveryResult r = discover(dir);

    assertEquals(2, r.sets().size());
    assertEquals(Dialect.POSTGRESQL, r.sets().get(1).set().dialect());
    assertEquals(Dialect.MYSQL, r.sets().get(0).set().dialect());
    assertEquals(List.of(dir.resolve("migrations/sqlite/V1__a.sql")), r.skipped().stream().map(InputProblem::path).toList());
  }

  // --- golang-migrate, sqlx ---------------------------------------------------------------------

  @Test
  void golangMigrateOrdersNumericallyAndKeepsDownFilesApart() {
    write("migrations/10_c.up.sql", "SELECT 1;");
    write("migrations/2_b.up.sql", "SELECT 1;");
    write("migrations/2_b.down.sql", "SELECT 1;");
    write("migrations/1_a.up.sql", "SELECT 1;");
    write("migrations/1_a.down.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.GOLANG_MIGRATE, set.tool());
    assertEquals(
        List.of("migrations/1_a.up.sql", "migrations/2_b.up.sql", "migrations/10_c.up.sql"),
        names(set.files()));
    assertEquals(List.of("migrations/1_a.down.sql", "migrations/2_b.down.sql"), names(set.downFiles()));
    // A down file runs after the migration it reverts.
    assertEquals(set.files().subList(0, 2), set.history(set.downFiles().get(1)));
    assertEquals(set.files().subList(0, 1), set.history(set.files().get(1)));
    assertEquals(ExecutionModel.IMPLICIT_TRANSACTION, set.files().get(0).executionModel());
    assertEquals("10", set.files().get(2).version());
    assertEquals("c", set.files().get(2).name());
  }

  @Test
  void sqlxIsChosenWhenCargoTomlMentionsSqlx() {
    write("Cargo.toml", "[dependencies]\nsqlx = { version = \"0.8\" }\n");
    write("migrations/20220101000000_init.up.sql", "SELECT 1;");
    write("migrations/20220101000000_init.down.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.SQLX, set.tool());
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(0).executionModel());
    assertEquals(1, set.downFiles().size());
  }

  @Test
  void sqlxSimpleMigrationsNeedAHint() {
    write(".sqlx/query-abc.json", "{}");
    write("migrations/1_init.sql", "SELECT 1;");
    write("migrations/2_more.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.SQLX, set.tool());
    assertEquals(2, set.files().size());
  }

  // --- goose, dbmate ----------------------------------------------------------------------------

  @Test
  void gooseIsRecognisedByItsAnnotations() {
    write("migrations/00002_b.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n");
    write("migrations/00001_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.GOOSE, set.tool());
    assertEquals(List.of("migrations/00001_a.sql", "migrations/00002_b.sql"), names(set.files()));
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(0).executionModel());
  }

  @Test
  void dbmateIsRecognisedByItsSectionMarkers() {
    write("db/migrations/20240101000000_create_users.sql", "-- migrate:up\nCREATE TABLE u (id int);\n\n-- migrate:down\nDROP TABLE u;\n");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.DBMATE, set.tool());
    assertEquals("20240101000000", set.files().get(0).version());
    assertEquals("create_users", set.files().get(0).name());
  }

  // --- Drizzle ----------------------------------------------------------------------------------

  @Test
  void drizzleFollowsTheJournalAndItsDialect() {
    write(
        "drizzle/meta/_journal.json",
        """
        {"version":"7","dialect":"mysql","entries":[
          {"idx":0,"version":"5","when":1,"tag":"0000_zebra","breakpoints":true},
          {"idx":1,"version":"5","when":2,"tag":"0001_alpha","breakpoints":true}]}
        """);
    write("drizzle/0001_alpha.sql", "ALTER TABLE `a` ADD `b` int;");
    write("drizzle/0000_zebra.sql", "CREATE TABLE `a` (`id` int);--> statement-breakpoint\nSELECT 1;");
    write("drizzle/notes.sql", "SELECT 1;");

    DiscoveryResult r = discover(dir);

    assertEquals(2, r.sets().size(), r.sets().toString());
    MigrationSet set = r.sets().get(0).set();
    assertEquals(MigrationTool.DRIZZLE, set.tool());
    assertEquals(Dialect.MYSQL, set.dialect());
    assertEquals(List.of("drizzle/0000_zebra.sql", "drizzle/0001_alpha.sql"), names(set.files()));
    assertEquals(ExecutionModel.TRANSACTION_PER_RUN, set.files().get(0).executionModel());
    // A file the journal does not list is not run by Drizzle, but it is still linted.
    MigrationSet rest = r.sets().get(1).set();
    assertEquals(MigrationTool.PLAIN, rest.tool());
    assertEquals(List.of("drizzle/notes.sql"), names(rest.files()));
  }

  @Test
  void drizzleWithoutJournalUsesNameOrder() {
    write("apps/web/drizzle/0010_b.sql", "SELECT 1;");
    write("apps/web/drizzle/0002_a.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.DRIZZLE, set.tool());
    assertEquals(Dialect.POSTGRESQL, set.dialect());
    assertEquals(List.of("apps/web/drizzle/0002_a.sql", "apps/web/drizzle/0010_b.sql"), names(set.files()));
  }

  @Test
  void backquotedTablesMakeAnUnmarkedSetMysql() {
    write("migrations/0000_x.sql", "CREATE TABLE `users` (`id` int) ENGINE=InnoDB;--> statement-breakpoint\n");

    assertEquals(Dialect.MYSQL, only(discover(dir)).dialect());
  }

  // --- diesel, Supabase, popx -------------------------------------------------------------------

  @Test
  void dieselReadsMetadataToml() {
    write("migrations/00000000000000_diesel_initial_setup/up.sql", "SELECT 1;");
    write("migrations/00000000000000_diesel_initial_setup/down.sql", "SELECT 1;");
    write("migrations/2024-01-02-000000_index/up.sql", "CREATE INDEX CONCURRENTLY i ON t (c);");
    write("migrations/2024-01-02-000000_index/metadata.toml", "run_in_transaction = false\n");
    write("migrations/2023-05-01-120000_users/up.sql", "CREATE TABLE users (id int);");
    write("migrations/2023-05-01-120000_users/down.sql", "DROP TABLE users;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.DIESEL, set.tool());
    assertEquals(
        List.of(
            "migrations/00000000000000_diesel_initial_setup/up.sql",
            "migrations/2023-05-01-120000_users/up.sql",
            "migrations/2024-01-02-000000_index/up.sql"),
        names(set.files()));
    assertEquals("20230501120000", set.files().get(1).version());
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(1).executionModel());
    assertEquals(ExecutionModel.AUTOCOMMIT, set.files().get(2).executionModel());
    assertEquals(2, set.downFiles().size());
  }

  @Test
  void supabaseMigrationsFolder() {
    write("supabase/config.toml", "");
    write("supabase/migrations/20240108234541_add_profiles.sql", "SELECT 1;");
    write("supabase/migrations/20240108234540_init.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.SUPABASE, set.tool());
    assertEquals("init", set.files().get(0).name());
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, set.files().get(0).executionModel());
  }

  @Test
  void popxSelectsTheDialectFileAndMakesOneSetPerDialect() {
    String d = "persistence/sql/migrations/";
    write(d + "20200101000001000000_a.up.sql", "generic a");
    write(d + "20200101000001000000_a.postgres.up.sql", "pg a");
    write(d + "20200101000001000000_a.down.sql", "generic a down");
    write(d + "20200101000002000000_b.up.sql", "generic b");
    write(d + "20200101000002000000_b.mysql.up.sql", "mysql b");
    write(d + "20200101000003000000_c.postgres.autocommit.up.sql", "CREATE INDEX CONCURRENTLY");
    write(d + "20200101000003000000_c.sqlite3.up.sql", "sqlite");

    DiscoveryResult r = discover(dir);

    assertEquals(2, r.sets().size());
    // Sets sort by root, then dialect (postgresql first), then tool.
    MigrationSet pg = r.sets().get(0).set();
    MigrationSet mysql = r.sets().get(1).set();
    assertEquals(Dialect.MYSQL, mysql.dialect());
    assertEquals(Dialect.POSTGRESQL, pg.dialect());
    assertEquals(MigrationTool.POPX, pg.tool());
    assertEquals(
        List.of(
            d + "20200101000001000000_a.postgres.up.sql",
            d + "20200101000002000000_b.up.sql",
            d + "20200101000003000000_c.postgres.autocommit.up.sql"),
        names(pg.files()));
    assertEquals(List.of(d + "20200101000001000000_a.down.sql"), names(pg.downFiles()));
    assertEquals(ExecutionModel.TRANSACTION_PER_FILE, pg.files().get(0).executionModel());
    assertEquals(ExecutionModel.AUTOCOMMIT, pg.files().get(2).executionModel());
    assertEquals(
        List.of(d + "20200101000001000000_a.up.sql", d + "20200101000002000000_b.mysql.up.sql"),
        names(mysql.files()));
    assertEquals(1, r.skipped().size());
  }

  @Test
  void popxWithDialectOverrideMakesOneSet() {
    write("m/1_a.up.sql", "generic");
    write("m/1_a.mysql.up.sql", "mysql");

    DiscoveryResult r = discovery.discover(List.of(dir), Optional.empty(), Optional.of(Dialect.MYSQL));

    MigrationSet set = only(r);
    assertEquals(List.of("m/1_a.mysql.up.sql"), names(set.files()));
  }

  // --- plain ------------------------------------------------------------------------------------

  @Test
  void plainFilesUseNaturalOrderAndAutocommit() {
    write("sql/10_c.sql", "SELECT 1;");
    write("sql/2_b.sql", "SELECT 1;");
    write("sql/1_a.sql", "SELECT 1;");
    write("sql/schema.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(MigrationTool.PLAIN, set.tool());
    assertEquals(List.of("sql/1_a.sql", "sql/2_b.sql", "sql/10_c.sql", "sql/schema.sql"), names(set.files()));
    assertEquals(ExecutionModel.AUTOCOMMIT, set.files().get(0).executionModel());
  }

  @Test
  void plainVersionDirectoriesFormOneHistoryPerDialect() {
    write("schema/delta/9/01_a.sql", "SELECT 1;");
    write("schema/delta/10/01_b.sql", "SELECT 1;");
    write("schema/delta/10/02_c.sql.postgres", "SELECT 1;");
    write("upgrade/3.3.0_schema/postgresql/ddl.sql", "SELECT 1;");
    write("upgrade/3.3.0_schema/mysql/ddl.sql", "SELECT 1;");
    write("upgrade/3.2.0_schema/postgresql/ddl.sql", "SELECT 1;");

    DiscoveryResult r = discover(dir);

    assertEquals(3, r.sets().size(), r.sets().toString());
    MigrationSet delta = r.sets().get(0).set();
    assertEquals(dir.resolve("schema/delta"), delta.root());
    assertEquals(
        List.of("schema/delta/9/01_a.sql", "schema/delta/10/01_b.sql", "schema/delta/10/02_c.sql.postgres"),
        names(delta.files()));
    assertEquals("10/02_c", delta.files().get(2).version());
    MigrationSet upgradeMysql = r.sets().get(2).set();
    assertEquals(Dialect.MYSQL, upgradeMysql.dialect());
    MigrationSet upgradePg = r.sets().get(1).set();
    assertEquals(dir.resolve("upgrade"), upgradePg.root());
    assertEquals(
        List.of("upgrade/3.2.0_schema/postgresql/ddl.sql", "upgrade/3.3.0_schema/postgresql/ddl.sql"),
        names(upgradePg.files()));
  }

  @Test
  void skipsDependencyBuildAndHiddenDirectories() {
    write("node_modules/pkg/migrations/V1__x.sql", "SELECT 1;");
    write("target/classes/db/migration/V1__x.sql", "SELECT 1;");
    write("build/V1__x.sql", "SELECT 1;");
    write("vendor/github.com/x/y/testdata/1_a.up.sql", "SELECT 1;");
    write(".git/x.sql", "SELECT 1;");
    write(".cache/x.sql", "SELECT 1;");
    write("db/migration/V1__x.sql", "SELECT 1;");

    MigrationSet set = only(discover(dir));

    assertEquals(List.of("db/migration/V1__x.sql"), names(set.files()));
  }

  // --- inputs -----------------------------------------------------------------------------------

  @Test
  void fileInputLintsThatFileWithItsHistory() {
    write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"");
    write("prisma/migrations/20240101000000_a/migration.sql", "SELECT 1;");
    Path second = write("prisma/migrations/20240102000000_b/migration.sql", "SELECT 1;");
    write("prisma/migrations/20240103000000_c/migration.sql", "SELECT 1;");

    DiscoveryResult r = discover(second);

    MigrationSet set = only(r);
    assertEquals(3, set.files().size());
    List<MigrationFile> targets = r.sets().get(0).targets();
    assertEquals(1, targets.size());
    MigrationFile target = targets.get(0);
    assertEquals(second, target.path());
    assertEquals(List.of(set.files().get(0)), set.history(target));
  }

  @Test
  void fileInputInADialectDirectoryFindsItsSet() {
    write("make/migrations/postgresql/0001_init.up.sql", "SELECT 1;");
    Path second = write("make/migrations/postgresql/0002_more.up.sql", "SELECT 1;");

    DiscoveryResult r = discover(second);

    MigrationSet set = only(r);
    assertEquals(MigrationTool.GOLANG_MIGRATE, set.tool());
    assertEquals(Dialect.POSTGRESQL, set.dialect());
    assertEquals(List.of(second), r.allTargets().stream().map(MigrationFile::path).toList());
    assertEquals(1, set.history(r.allTargets().get(0)).size());
  }

  @Test
  void fileAndDirectoryInputsOfTheSameSetAreMerged() {
    Path a = write("migrations/V1__a.sql", "SELECT 1;");
    write("migrations/V2__b.sql", "SELECT 1;");

    DiscoveryResult r = discover(dir.resolve("migrations"), a);

    MigrationSet set = only(r);
    assertEquals(2, r.sets().get(0).targets().size());
    assertEquals(set.files(), r.sets().get(0).targets());
  }

  @Test
  void missingInputsAreReportedAndTheRestIsStillDiscovered() {
    write("migrations/V1__a.sql", "SELECT 1;");
    Path missing = dir.resolve("nope/V9__x.sql");

    DiscoveryResult r = discover(missing, dir);

    assertEquals(1, r.sets().size());
    assertEquals(List.of(new InputProblem(missing, "no such file or directory")), r.problems());
  }

  @Test
  void emptyDirectoryIsAProblem() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    DiscoveryResult r = discover(empty);
    assertEquals(List.of(new InputProblem(empty, "no .sql migration files found")), r.problems());
  }

  @Test
  void toolOverrideForcesOrderAndExecutionModel() {
    write("migrations/1_a.up.sql", "SELECT 1;");
    write("migrations/1_a.down.sql", "SELECT 1;");
    write("migrations/2_b.up.sql", "SELECT 1;");

    DiscoveryResult r =
        discovery.discover(List.of(dir), Optional.of(MigrationTool.SQLX), Optional.of(Dialect.MYSQL));

    MigrationSet set = only(r);
    assertEquals(MigrationTool.SQLX, set.tool());
    assertEquals(Dialect.MYSQL, set.dialect());
    assertEquals(2, set.files().size());
    assertEquals(1, set.downFiles().size());
    assertTrue(set.files().stream().allMatch(f -> f.executionModel() == ExecutionModel.TRANSACTION_PER_FILE));
    assertTrue(set.files().stream().allMatch(f -> f.dialect() == Dialect.MYSQL));
  }

  @Test
  void toolOverrideOnAFolderOfAnotherLayoutFallsBackToNameOrder() {
    write("migrations/V1_10__b.sql", "SELECT 1;");
    write("migrations/V1_9__a.sql", "SELECT 1;");

    MigrationSet set =
        only(discovery.discover(List.of(dir), Optional.of(MigrationTool.PLAIN), Optional.empty()));

    assertEquals(MigrationTool.PLAIN, set.tool());
    assertEquals(ExecutionModel.AUTOCOMMIT, set.files().get(0).executionModel());
    assertEquals(List.of("migrations/V1_9__a.sql", "migrations/V1_10__b.sql"), names(set.files()));
  }

  @Test
  void resultsDoNotDependOnInputOrder() {
    write("a/migrations/V1__a.sql", "SELECT 1;");
    write("b/prisma/migrations/20240101000000_x/migration.sql", "SELECT 1;");
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");

    assertEquals(discover(a, b), discover(b, a));
    assertFalse(discover(a, b).hasProblems());
  }

  @Test
  void genericPopxFileInputIsLintedInEveryDialectHistory() {
    write("m/1_a.postgres.up.sql", "pg");
    write("m/1_a.mysql.up.sql", "mysql");
    Path generic = write("m/2_b.up.sql", "generic");
    Path mysqlOnly = dir.resolve("m/1_a.mysql.up.sql");

    DiscoveryResult both = discover(generic);
    assertEquals(2, both.sets().size());
    assertTrue(both.sets().stream().allMatch(t -> t.targets().size() == 1 && t.targets().get(0).path().equals(generic)));

    DiscoveryResult one = discover(mysqlOnly);
    MigrationSet set = only(one);
    assertEquals(Dialect.MYSQL, set.dialect());
    assertEquals(List.of(mysqlOnly), one.allTargets().stream().map(MigrationFile::path).toList());
  }

  @Test
  void aSingleMigrationFolderAsInputLintsItsFilesWithinTheHistory() {
    write("migrations/2024-01-01-000000_a/up.sql", "SELECT 1;");
    write("migrations/2024-01-02-000000_b/up.sql", "SELECT 1;");
    write("migrations/2024-01-02-000000_b/down.sql", "SELECT 1;");

    DiscoveryResult r = discover(dir.resolve("migrations/2024-01-02-000000_b"));

    MigrationSet set = only(r);
    assertEquals(MigrationTool.DIESEL, set.tool());
    assertEquals(
        List.of("migrations/2024-01-02-000000_b/up.sql", "migrations/2024-01-02-000000_b/down.sql"),
        r.allTargets().stream().map(f -> dir.relativize(f.path()).toString().replace('\\', '/')).toList());
  }

  @Test
  void configuredExecutionModelAppliesToPlainSetsOnly() {
    write("sql/1.sql", "SELECT 1;");
    write("flyway/V1__a.sql", "SELECT 1;");

    DiscoveryResult r =
        discovery.discover(
            List.of(dir), Optional.empty(), Optional.empty(), Optional.of(ExecutionModel.IMPLICIT_TRANSACTION));

    assertEquals(2, r.sets().size());
    for (DiscoveryResult.Target t : r.sets()) {
      MigrationFile f = t.set().files().get(0);
      assertEquals(
          t.set().tool() == MigrationTool.PLAIN
              ? ExecutionModel.IMPLICIT_TRANSACTION
              : ExecutionModel.TRANSACTION_PER_FILE,
          f.executionModel());
    }
    DiscoveryResult dflt = discover(dir.resolve("sql"));
    assertEquals(ExecutionModel.AUTOCOMMIT, only(dflt).files().get(0).executionModel());
  }

  @Test
  void fileInputOutsideAnyHistoryIsLintedAlone() {
    Path f = write("notes/readme-example.sql", "SELECT 1;");

    DiscoveryResult r = discover(f);

    MigrationSet set = only(r);
    assertEquals(MigrationTool.PLAIN, set.tool());
    assertEquals(List.of(f), r.allTargets().stream().map(MigrationFile::path).toList());
  }

  @Test
  void displayPathsAreRelativeToTheRepositoryRoot() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    write("services/api/db/migration/V1__a.sql", "SELECT 1;");
    Path v2 = write("services/api/db/migration/V2__b.sql", "SELECT 1;");

    MigrationSet fromDir = only(discover(dir.resolve("services/api/db")));
    assertEquals(List.of("services/api/db/migration/V1__a.sql", "services/api/db/migration/V2__b.sql"), names(fromDir.files()));

    DiscoveryResult fromFile = discover(v2);
    assertEquals("services/api/db/migration/V2__b.sql", fromFile.allTargets().get(0).displayPath());
  }

  // --- ids --------------------------------------------------------------------------------------

  @Test
  void toolIdsAreStableAndParsingNamesTheValidChoices() {
    assertEquals(MigrationTool.GOLANG_MIGRATE, MigrationTool.parse("golang-migrate"));
    assertEquals(MigrationTool.POPX, MigrationTool.parse("POPX"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MigrationTool.parse("liquibase"));
    assertEquals(
        "unknown migration tool 'liquibase'; valid tools: prisma, flyway, golang-migrate, goose, dbmate,"
            + " drizzle, diesel, sqlx, supabase, popx, plain",
        e.getMessage());
    for (MigrationTool t : MigrationTool.values()) {
      assertFalse(t.description().isBlank());
    }
  }

  @Test
  void naturalOrderComparesNumbersByValue() {
    List<String> sorted =
        new java.util.ArrayList<>(List.of("v1.10", "v1.9", "10_a", "2_a", "02_b", "a", "B"));
    sorted.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("2_a", "02_b", "10_a", "a", "B", "v1.9", "v1.10"), sorted);
    assertTrue(FileNames.compareFlywayVersions("1.0", "1") == 0);
    assertTrue(FileNames.compareFlywayVersions("1.10", "1.9") > 0);
  }

  @Test
  void wordAnchoredSearchFindsWhatTheRegexFinds() {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(
        "(?i)\\b(?:create|alter)\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?`|\\bENGINE\\s*=\\s*InnoDB\\b");
    for (String text : List.of("", "create table `a`", "xcreate table `a`", "-- CREATE  TABLE IF NOT EXISTS `a`",
        "ALTER TABLE \"a\"; alter table `b`", "create table a (`b` int)", ") engine = innodb;",
        ") ENGINE=InnoDBx", "_create table `a`", "é create table `a`", "create\ntable\n`a`", "altercreate table `x`",
        "\u212Areate table `a`")) {
      assertEquals(p.matcher(text).find(), ProjectDiscovery.startsAtWord(p, text, "create", "alter", "engine"), text);
    }
  }

  @Test
  void containsIgnoreCaseFindsEveryCaseOfTheNeedle() {
    for (String text : List.of("-- +goose Up", "-- +GOOSE up", "+goos", "x+gOoSe", "", "+", "++goose")) {
      assertEquals(text.toLowerCase(java.util.Locale.ROOT).contains("+goose"),
          ProjectDiscovery.containsIgnoreCase(text, "+goose"), text);
    }
    for (String text : List.of("-- migrate:up", "-- MIGRATE:UP", "mMigrate:Up", "migrate:u", "m")) {
      assertEquals(text.toLowerCase(java.util.Locale.ROOT).contains("migrate:up"),
          ProjectDiscovery.containsIgnoreCase(text, "migrate:up"), text);
    }
  }


  @Test
  void theBytePrecheckForMysqlSyntaxHoldsWheneverTheTextCanMatch() {
    for (String text : List.of("", "`", "create table `a`", "ENGINE", ") engine=InnoDB", "Engine", "ENGIN",
        "eNGINE", "engINE", "EngINE", "x Engine", "ENGINe", "create table \"a\"", "é ENGINE=InnoDB",
        "Kengine", "ENGINÉ")) {
      boolean precheck = ProjectDiscovery.mayUseMysqlSyntax(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      boolean before = text.indexOf('`') >= 0 || text.contains("ENGINE") || text.contains("engine")
          || text.contains("Engine");
      assertEquals(before, precheck, text);
    }
  }

  @Test
  void asciiWordsAreFoundInTheBytesExactlyWhereTheDecodedTextHasThem() {
    // ASCII-only case folding, as the markers' regexes do: the Kelvin sign and the long s are no k or s.
    List<String> texts = List.of("", "+", "-- +goose Up", "-- +GOOSE up", "+goos", "x+gOoSe", "++goose",
        "é+goose", "+gooſe", "日本 -- migrate:up", "MIGRATE:UP", "migrate:u", "statement-breakpoint",
        "Statement-breakpoint", "a`b", "ENGINE=InnoDB", "Engine", "enGine", "\"x\"", "\u212Aey +goose\uD83D\uDE00");
    for (String text : texts) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (String needle : List.of("+goose", "migrate:up", "statement-breakpoint", "`", "ENGINE", "engine",
          "\"")) {
        assertEquals(text.contains(needle), ProjectDiscovery.containsAscii(bytes, needle), text + " / " + needle);
        if (needle.equals(needle.toLowerCase(java.util.Locale.ROOT))) {
          boolean asciiFolded = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(needle),
              java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text).find();
          assertEquals(asciiFolded, ProjectDiscovery.containsAsciiIgnoreCase(bytes, needle), text + " / " + needle);
        }
      }
    }
  }
  @Test
  void filesReadForDiscoveryAreNotReadAgain() throws IOException {
    Path f = write("db/migrations/001_a.up.sql", "CREATE TABLE a (id int);");
    FileContents contents = new FileContents();
    discovery.discover(List.of(dir), Optional.empty(), Optional.empty(), Optional.empty(), contents);
    Files.writeString(f, "changed after discovery");
    assertEquals("CREATE TABLE a (id int);", new String(contents.read(f), java.nio.charset.StandardCharsets.UTF_8));
  }
}
