package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.report.Problems;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.service.LintService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in process: arguments in, exit code and output out. */
class CliTest {
  static final String INIT = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n"
      + "    \"email\" TEXT NOT NULL,\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
  /** A suppression naming a rule that does not exist: always a warning, whatever rules exist. */
  static final String BAD_SUPPRESSION = "-- lockstep:ignore no-such-rule -- reviewed\n"
      + "CREATE TABLE \"Tag\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"id\"));\n";

  @TempDir
  Path tmp;

  Path clean() throws IOException {
    return Projects.prisma(tmp.resolve("clean"), "20240101000000_init", INIT);
  }

  Path withWarning() throws IOException {
    return Projects.prisma(tmp.resolve("warn"), "20240101000000_init", INIT, "20240102000000_tag", BAD_SUPPRESSION);
  }

  @Test
  void cleanProjectExitsZero() throws IOException {
    Path p = clean();
    Run r = Run.in(tmp, "lint", p.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("0 errors, 0 warnings in 1 file (1 statement"), r.toString());
    assertEquals("", r.err());
  }

  @Test
  void pathsDefaultToTheWorkingDirectory() throws IOException {
    Path p = clean();
    Run r = Run.in(p, "lint");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("in 1 file"), r.toString());
  }

  @Test
  void warningsFailOnlyWithFailOnWarning() throws IOException {
    Path p = withWarning();
    Run byDefault = Run.in(tmp, "lint", p.toString());
    assertEquals(0, byDefault.exit(), byDefault.toString());
    assertTrue(byDefault.out().contains("warning  unknown-rule-in-suppression"), byDefault.toString());
    assertTrue(byDefault.out().contains("warn/prisma/migrations/20240102000000_tag/migration.sql:1:1"),
        byDefault.toString());

    Run strict = Run.in(tmp, "lint", "--fail-on", "warning", p.toString());
    assertEquals(1, strict.exit(), strict.toString());
    Run never = Run.in(tmp, "lint", "--fail-on=never", p.toString());
    assertEquals(0, never.exit(), never.toString());
  }

  @Test
  void configSetsFailOnAndSeverities() throws IOException {
    Path p = withWarning();
    Projects.write(p.resolve("lockstep.yaml"), "fail-on: warning\n");
    assertEquals(1, Run.in(tmp, "lint", p.toString()).exit());
    assertEquals(0, Run.in(tmp, "lint", "--fail-on", "error", p.toString()).exit(), "the flag wins over the file");

    Projects.write(p.resolve("lockstep.yaml"), "rules:\n  unknown-rule-in-suppression: error\n");
    Run r = Run.in(tmp, "lint", p.toString());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("error  unknown-rule-in-suppression"), r.toString());

    Projects.write(p.resolve("lockstep.yaml"), "rules:\n  unknown-rule-in-suppression: off\n");
    Run off = Run.in(tmp, "lint", "--fail-on", "warning", p.toString());
    assertEquals(0, off.exit(), off.toString());
  }

  @Test
  void excludeRuleAndOnlyRule() throws IOException {
    Path p = withWarning();
    assertEquals(0, Run.in(tmp, "lint", "--fail-on", "warning", "--exclude-rule", "unknown-rule-in-suppression",
        p.toString()).exit());
    assertEquals(1, Run.in(tmp, "lint", "--fail-on", "warning", "--rule", "unknown-rule-in-suppression",
        p.toString()).exit());
  }

  @Test
  void missingPathIsReportedAndTheRestIsLinted() throws IOException {
    Path p = withWarning();
    Run r = Run.in(tmp, "lint", p.toString(), "does-not-exist");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.out().contains("problem: does-not-exist: no such file or directory"), r.toString());
    assertTrue(r.out().contains("unknown-rule-in-suppression"), "findings of the other path are still reported");

    Run json = Run.in(tmp, "lint", "--format", "json", p.toString(), "does-not-exist");
    assertEquals(2, json.exit(), json.toString());
    assertTrue(json.err().contains("lockstep: does-not-exist: no such file or directory"), json.toString());
  }

  @Test
  void aDirectoryWithoutMigrationsIsAnInputError() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Run r = Run.in(tmp, "lint", empty.toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.out().startsWith("problem: empty: "), r.toString());
  }

  @Test
  void skippedFilesAreNotesNotFailures() {
    assertFalse(Problems.isBlocking(new Problem("a.sql",
        "skipped: migrations for sqlite are not linted (supported: postgresql, mysql)")));
    assertFalse(Problems.isBlocking(new Problem("a.sql",
        "not valid UTF-8; read as ISO-8859-1")));
    assertTrue(Problems.isBlocking(new Problem("a.sql",
        "cannot read file: Permission denied")));
  }

  @Test
  void invalidConfigExitsTwoWithFileLineAndValidKeys() throws IOException {
    Path p = clean();
    Projects.write(p.resolve("lockstep.yaml"), "pg-version: 16\npg_version: 16\n");
    Run r = Run.in(tmp, "lint", p.toString());
    assertEquals(2, r.exit(), r.toString());
    assertEquals("lockstep: " + p.resolve("lockstep.yaml") + ":2: unknown key 'pg_version'; valid keys: pg-version,"
        + " tool, fail-on, rules, exclude, dialect, execution\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void invalidRuleLevelInConfig() throws IOException {
    Path p = clean();
    Projects.write(p.resolve("lockstep.yaml"), "rules:\n  unused-suppression: loud\n");
    Run r = Run.in(tmp, "lint", p.toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().startsWith("lockstep: " + p.resolve("lockstep.yaml") + ":2: "), r.toString());
    assertTrue(r.err().contains("off, info, warning, error"), r.toString());
  }

  @Test
  void explicitConfigThatDoesNotExist() throws IOException {
    Path p = clean();
    Run r = Run.in(tmp, "lint", "--config", "nope.yaml", p.toString());
    assertEquals(2, r.exit(), r.toString());
    assertEquals("lockstep: " + tmp.resolve("nope.yaml") + ": configuration file not found\n", r.err());
  }

  @Test
  void unknownRuleIdExitsTwo() throws IOException {
    Path p = clean();
    Run r = Run.in(tmp, "lint", "--rule", "no-such-rule", p.toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().startsWith("lockstep: unknown rule 'no-such-rule' in --rule; valid rules: "), r.err());
    assertTrue(r.err().contains("unused-suppression"), r.err());

    Run ex = Run.in(tmp, "lint", "--exclude-rule", "nope", p.toString());
    assertEquals(2, ex.exit(), ex.toString());
    assertTrue(ex.err().startsWith("lockstep: unknown rule 'nope' in --exclude-rule; valid rules: "), ex.err());
  }

  @Test
  void unsupportedServerVersionExitsTwo() throws IOException {
    Path p = clean();
    Run r = Run.in(tmp, "lint", "--pg-version", "11", p.toString());
    assertEquals(2, r.exit(), r.toString());
    assertEquals("lockstep: invalid --pg-version 11: PostgreSQL 11 is not supported: valid versions are 12 to 18\n",
        r.err());
    assertEquals(0, Run.in(tmp, "lint", "--pg-version", "12", p.toString()).exit());
    assertEquals(0, Run.in(tmp, "lint", "--pg-version", "18", p.toString()).exit());
    assertEquals(2, Run.in(tmp, "lint", "--pg-version", "19", p.toString()).exit());
    assertEquals(2, Run.in(tmp, "lint", "--pg-version", "sixteen", p.toString()).exit());
  }

  @Test
  void badChoicesExitTwo() throws IOException {
    Path p = clean();
    Run f = Run.in(tmp, "lint", "--format", "xml", p.toString());
    assertEquals(2, f.exit());
    assertEquals("lockstep: invalid --format 'xml'; valid values: text, json, sarif, github, gitlab, junit, markdown\n", f.err());
    Run t = Run.in(tmp, "lint", "--tool", "rails", p.toString());
    assertEquals(2, t.exit());
    assertTrue(t.err().startsWith("lockstep: unknown migration tool 'rails'; valid tools: prisma, flyway"), t.err());
    assertEquals(2, Run.in(tmp, "lint", "--fail-on", "info", p.toString()).exit());
    assertEquals(2, Run.in(tmp, "lint", "--color", "sometimes", p.toString()).exit());
    Run unknown = Run.in(tmp, "lint", "--frobnicate", p.toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
    assertTrue(unknown.err().contains("Run 'lockstep lint --help' for usage."), unknown.err());
    assertEquals(2, Run.in(tmp, "lint-everything").exit());
    assertEquals(2, Run.in(tmp).exit());
  }

  @Test
  void internalErrorExitsSeventyWithoutStackTraceUnlessDebug() throws IOException {
    Path p = clean();
    Run r = Run.in(tmp, CliTest::brokenService, "lint", p.toString());
    assertEquals(70, r.exit(), r.toString());
    assertTrue(r.err().startsWith("lockstep: internal error: java.lang.IllegalStateException: boom\n"), r.err());
    assertTrue(r.err().contains("Please report it at " + Project.ISSUES), r.err());
    assertFalse(r.err().contains("\tat "), r.err());

    Run debug = Run.in(tmp, CliTest::brokenService, "lint", "--debug", p.toString());
    assertEquals(70, debug.exit());
    assertTrue(debug.err().contains("\tat "), debug.err());
  }

  static LintService brokenService() {
    return new LintService(new LintEngine((s, t, d) -> {
      throw new IllegalStateException("boom");
    }, (op, c, v) -> dev.lockstep.core.effects.Effects.UNKNOWN));
  }

  @Test
  void outputFile() throws IOException {
    Path p = withWarning();
    Run r = Run.in(tmp, "lint", "--format", "json", "--output", "report.json", p.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.out());
    JsonNode root = new ObjectMapper().readTree(Files.readString(tmp.resolve("report.json"), StandardCharsets.UTF_8));
    assertEquals(1, root.get("version").asInt());
    assertEquals(2, root.get("files").size());
  }

  @Test
  void colorAlwaysColorsAndNeverDoesNot() throws IOException {
    Path p = withWarning();
    assertTrue(Run.in(tmp, "lint", "--color", "always", p.toString()).out().contains("\u001b["));
    assertFalse(Run.in(tmp, "lint", "--color", "never", p.toString()).out().contains("\u001b["));
    assertFalse(Run.in(tmp, "lint", p.toString()).out().contains("\u001b["), "not a terminal");
  }

  @Test
  void version() {
    Run r = Run.in(tmp, "--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("lockstep \\d+\\.\\d+\\.\\d+.*\n"), r.out());
  }

  @Test
  void rulesInEveryFormat() throws IOException {
    Run text = Run.in(tmp, "rules");
    assertEquals(0, text.exit());
    assertTrue(text.out().startsWith("ID "), text.out());
    assertTrue(text.out().contains("unused-suppression"), text.out());
    Run md = Run.in(tmp, "rules", "--format", "markdown");
    assertTrue(md.out().startsWith("| rule | default severity | enabled by default | summary |\n"), md.out());
    Run json = Run.in(tmp, "rules", "--format", "json");
    JsonNode rules = new ObjectMapper().readTree(json.out());
    assertTrue(rules.isArray() && rules.size() >= 2);
    assertTrue(rules.get(0).has("id") && rules.get(0).has("severity") && rules.get(0).has("enabledByDefault"));
    assertEquals(2, Run.in(tmp, "rules", "--format", "yaml").exit());
  }

  @Test
  void explain() {
    Run r = Run.in(tmp, "explain", "unused-suppression");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("# unused-suppression\n"), r.out());
    assertTrue(r.out().contains("## Why"), r.out());
    assertTrue(r.out().contains("Default severity: warning; enabled by default"), r.out());
    Run unknown = Run.in(tmp, "explain", "no-such-rule");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("lockstep: unknown rule 'no-such-rule'; valid rules: "), unknown.err());
    assertEquals(2, Run.in(tmp, "explain").exit());
  }
}
