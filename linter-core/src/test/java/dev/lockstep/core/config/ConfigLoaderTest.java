package dev.lockstep.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Set<String> RULES = Set.of("adding-not-null-column", "renaming-column", "require-concurrent-index");
  private static final String KEYS = "pg-version, tool, fail-on, rules, exclude, dialect, execution";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private LockstepConfig load(String text) throws Exception {
    return ConfigLoader.load(file("lockstep.yaml", text), RULES);
  }

  private String error(String text) throws IOException {
    Path f = file("lockstep.yaml", text);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, RULES));
    assertEquals(f, e.file());
    return e.getMessage().substring(f.toString().length());
  }

  // --- valid ------------------------------------------------------------------------------------

  @Test
  void readsEverySetting() throws Exception {
    LockstepConfig c =
        load(
            """
            # lockstep settings
            pg-version: 16
            tool: prisma
            fail-on: Warning
            dialect: postgresql
            execution: implicit-transaction
            rules:
              renaming-column: off
              adding-not-null-column: error
              require-concurrent-index: info
            exclude:
              - prisma/migrations/2021*
              - "**/seed.sql"
            """);

    assertEquals(Optional.of(dir.resolve("lockstep.yaml")), c.source());
    assertEquals(Optional.of(16), c.pgVersion());
    assertEquals(Optional.of(MigrationTool.PRISMA), c.tool());
    assertEquals(Optional.of("warning"), c.failOn());
    assertEquals(Optional.of(Dialect.POSTGRESQL), c.dialect());
    assertEquals(Optional.of(ExecutionModel.IMPLICIT_TRANSACTION), c.execution());
    assertEquals(
        Map.of(
            "renaming-column", RuleLevel.OFF,
            "adding-not-null-column", RuleLevel.ERROR,
            "require-concurrent-index", RuleLevel.INFO),
        c.rules());
    assertEquals(List.of("adding-not-null-column", "renaming-column", "require-concurrent-index"), List.copyOf(c.rules().keySet()));
    assertEquals(List.of("prisma/migrations/2021*", "**/seed.sql"), c.exclude());
    assertEquals(Optional.of(RuleLevel.OFF), c.level("renaming-column"));
    assertEquals(Optional.empty(), c.level("other"));
    assertEquals(Optional.of(dir), c.directory());
    assertTrue(c.exclusion().isExcluded(dir.resolve("prisma/migrations/20210101_x/migration.sql")));
    assertTrue(c.exclusion().isExcluded(dir.resolve("a/b/seed.sql")));
  }

  @Test
  void emptyFileAndEmptyValuesMeanDefaults() throws Exception {
    LockstepConfig empty = load("# nothing yet\n");
    assertEquals(Optional.of(dir.resolve("lockstep.yaml")), empty.source());
    assertEquals(Optional.empty(), empty.pgVersion());
    assertEquals(Map.of(), empty.rules());

    LockstepConfig blanks = load("pg-version:\nrules:\nexclude:\n");
    assertEquals(Optional.empty(), blanks.pgVersion());
    assertEquals(List.of(), blanks.exclude());
  }

  @Test
  void pgVersionMayBeQuoted() throws Exception {
    assertEquals(Optional.of(12), load("pg-version: \"12\"\n").pgVersion());
    assertEquals(Optional.of(18), load("pg-version: 18\n").pgVersion());
  }

  // --- errors -----------------------------------------------------------------------------------

  @Test
  void unknownTopLevelKey() throws IOException {
    assertEquals(
        ":3: unknown key 'pg_version'; valid keys: " + KEYS,
        error("tool: flyway\n# comment\npg_version: 15\n"));
  }

  @Test
  void duplicateKey() throws IOException {
    assertEquals(":2: duplicate key 'tool'", error("tool: flyway\ntool: prisma\n"));
  }

  @Test
  void unknownRuleId() throws IOException {
    assertEquals(
        ":3: unknown rule 'no-such-rule'; valid rules: adding-not-null-column, renaming-column,"
            + " require-concurrent-index",
        error("rules:\n  renaming-column: warning\n  no-such-rule: error\n"));
  }

  @Test
  void badSeverity() throws IOException {
    assertEquals(
        ":2: invalid level 'fatal' for rule 'renaming-column'; valid levels: off, info, warning, error",
        error("rules:\n  renaming-column: fatal\n"));
  }

  @Test
  void nestedRuleFormIsRejected() throws IOException {
    assertEquals(
        ":2: rule 'renaming-column' needs a level; valid levels: off, info, warning, error",
        error("rules:\n  renaming-column: {level: warning}\n"));
  }

  @Test
  void pgVersionOutOfRange() throws IOException {
    assertEquals(":1: unsupported pg-version 11; valid versions: 12..18", error("pg-version: 11\n"));
    assertEquals(":2: unsupported pg-version 19; valid versions: 12..18", error("\npg-version: 19\n"));
    assertEquals(
        ":1: pg-version must be a major version number, got '16.2'; valid versions: 12..18",
        error("pg-version: 16.2\n"));
  }

  @Test
  void unknownTool() throws IOException {
    assertEquals(
        ":1: unknown tool 'liquibase'; valid tools: prisma, flyway, golang-migrate, goose, dbmate, drizzle,"
            + " diesel, sqlx, supabase, popx, plain",
        error("tool: liquibase\n"));
  }

  @Test
  void badFailOnDialectAndExecution() throws IOException {
    assertEquals(":1: invalid fail-on 'info'; valid values: error, warning, never", error("fail-on: info\n"));
    assertEquals(":1: unknown dialect 'sqlite'; valid dialects: postgresql, mysql", error("dialect: sqlite\n"));
    assertEquals(
        ":1: unknown execution model 'sometimes'; valid models: implicit-transaction, transaction,"
            + " transaction-per-run, autocommit",
        error("execution: sometimes\n"));
  }

  @Test
  void wrongShapes() throws IOException {
    assertEquals(":1: rules must be a mapping of rule id to level (off, info, warning, error)", error("rules: all\n"));
    assertEquals(":1: exclude must be a list of glob patterns", error("exclude: '*.sql'\n"));
    assertEquals(":2: tool must be a single value; valid tools: prisma, flyway, golang-migrate, goose, dbmate,"
            + " drizzle, diesel, sqlx, supabase, popx, plain",
        error("tool:\n  - prisma\n"));
    assertEquals(":1: expected a mapping of settings (" + KEYS + ")", error("- tool\n"));
    assertEquals(":3: invalid exclude pattern: unclosed '[' in pattern 'a[b'", error("exclude:\n  - ok/*\n  - a[b\n"));
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws IOException {
    String message = error("tool: prisma\n\"unterminated: x\n");
    assertEquals(":2: invalid YAML: while scanning a quoted scalar: found unexpected end of stream", message);
    assertEquals(":3: invalid YAML: mapping values are not allowed here", error("tool: prisma\nrules:\n  renaming-column: b: c\n"));
  }

  @Test
  void exceptionExposesItsParts() throws IOException {
    Path f = file("lockstep.yaml", "x: 1\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, RULES));
    assertEquals(OptionalInt.of(1), e.line());
    assertEquals("unknown key 'x'; valid keys: " + KEYS, e.detail());
    assertEquals(f + ":1: unknown key 'x'; valid keys: " + KEYS, e.getMessage());
  }

  @Test
  void unreadableFile() {
    Path missing = dir.resolve("nope/lockstep.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, RULES));
    assertEquals(OptionalInt.empty(), e.line());
    assertTrue(e.getMessage().startsWith(missing + ": cannot read file"), e.getMessage());
  }

  // --- search -----------------------------------------------------------------------------------

  @Test
  void findsTheNearestFileUpwards() throws IOException {
    Path root = file("repo/lockstep.yaml", "tool: prisma\n");
    Path nested = file("repo/packages/db/.lockstep.yaml", "tool: flyway\n");
    Path migration = file("repo/packages/db/prisma/migrations/1_a/migration.sql", "SELECT 1;");
    Path other = file("repo/apps/web/x.sql", "SELECT 1;");

    assertEquals(Optional.of(nested), ConfigLoader.find(migration));
    assertEquals(Optional.of(nested), ConfigLoader.find(migration.getParent()));
    assertEquals(Optional.of(root), ConfigLoader.find(other));
  }

  @Test
  void prefersLockstepYamlOverTheDotFile() throws IOException {
    Path plain = file("p/lockstep.yaml", "");
    file("p/.lockstep.yaml", "");
    assertEquals(Optional.of(plain), ConfigLoader.find(dir.resolve("p")));
  }

  @Test
  void stopsAtTheRepositoryRootAfterCheckingIt() throws IOException {
    file("outer/lockstep.yaml", "tool: prisma\n");
    Files.createDirectories(dir.resolve("outer/repo/.git"));
    Path sql = file("outer/repo/db/x.sql", "SELECT 1;");
    assertEquals(Optional.empty(), ConfigLoader.find(sql));

    Path atRoot = file("outer/repo/.lockstep.yaml", "");
    assertEquals(Optional.of(atRoot), ConfigLoader.find(sql));
  }

  @Test
  void loadNearestFallsBackToEmpty() throws Exception {
    Files.createDirectories(dir.resolve("r/.git"));
    assertEquals(LockstepConfig.empty(), ConfigLoader.loadNearest(dir.resolve("r"), RULES));
    file("r/lockstep.yaml", "pg-version: 14\n");
    assertEquals(Optional.of(14), ConfigLoader.loadNearest(dir.resolve("r"), RULES).pgVersion());
  }
}
