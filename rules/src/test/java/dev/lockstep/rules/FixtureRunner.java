package dev.lockstep.rules;

import dev.lockstep.core.effects.PgEffectsModel;
import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.source.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs rule fixtures through the real pipeline ({@link LintService}: discovery, splitting,
 * recognition, replay, effects, rules).
 *
 * <h2>Fixture format</h2>
 *
 * <pre>
 * -- settings: pg=16 tool=prisma [model=autocommit|transaction|implicit-transaction|transaction-per-run]
 * CREATE TABLE "Order" (...);          -- first migration: history
 * -- migration
 * -- expect: CREATE INDEX takes a SHARE lock
 * CREATE INDEX "Order_userId_idx" ON "Order"("userId");   -- last migration: linted
 * </pre>
 *
 * <ul>
 *   <li>The optional first line {@code -- settings:} sets the PostgreSQL major version ({@code pg},
 *       default 16), the migration tool ({@code tool}, default {@code plain}) and optionally forces
 *       the execution model of the linted file ({@code model}; written into it as a trailing
 *       {@code -- lockstep:execution} directive).
 *   <li>A line {@code -- migration} starts a new migration file. Every migration but the last is
 *       history: it is replayed (it builds the schema) but not linted. The last one is linted.
 *       Without such a line the whole file is one migration.
 *   <li>Migrations are written to a temporary project in the tool's own layout
 *       ({@code prisma/migrations/<n>_m<n>/migration.sql} with {@code migration_lock.toml}, Flyway
 *       {@code V<n>__m<n>.sql}, golang-migrate {@code <n>_m<n>.up.sql}, ...). goose and dbmate
 *       history migrations get their {@code -- +goose Up} / {@code -- migrate:up} marker if they
 *       lack one; the linted migration is written exactly as it is.
 *   <li>{@code -- expect: <text>} directly before a statement (several may be stacked): the rule
 *       under test must report a finding on that statement whose message contains {@code <text>}.
 *       Strict both ways: every finding of the rule must be expected, every expectation met.
 *   <li>{@code <case>.fixed.sql} next to {@code <case>.sql}: applying every fix of the rule's
 *       findings to the fixture, then deleting the {@code -- expect:} lines, must give exactly that
 *       file, and linting it must give no finding of the rule.
 * </ul>
 */
final class FixtureRunner {
  private static final Pattern SETTINGS = Pattern.compile("^--\\s*settings:(.*)$");
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^--\\s*migration\\s*$\\n?");
  private static final Pattern EXPECT = Pattern.compile("(?m)^[ \\t]*--\\s*expect:\\s*(.*?)\\s*$");
  private static final Pattern EXPECT_LINE = Pattern.compile("(?m)^[ \\t]*--\\s*expect:.*(\\r?\\n|$)");

  private static final LintService SERVICE = new LintService(new LintEngine(new Recognizer()::recognize, new PgEffectsModel()));
  private static final RuleRegistry REGISTRY = RuleRegistry.load();

  private FixtureRunner() {}

  static RuleRegistry registry() {
    return REGISTRY;
  }

  record Settings(int pg, MigrationTool tool, Optional<ExecutionModel> model) {
    static final Settings DEFAULT = new Settings(16, MigrationTool.PLAIN, Optional.empty());
  }

  /** A fixture split into its migrations. {@code lintedStart} is where the linted migration starts. */
  record Parsed(Settings settings, List<String> history, String linted, int lintedStart, int lintedFirstLine) {}

  static Parsed parse(String text, Settings defaults) {
    Settings s = defaults;
    int nl = text.indexOf('\n');
    String firstLine = (nl < 0 ? text : text.substring(0, nl)).trim();
    Matcher m = SETTINGS.matcher(firstLine);
    if (m.matches()) {
      s = settings(m.group(1), defaults);
    }
    List<String> parts = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher sep = SEPARATOR.matcher(text);
    int from = 0;
    while (sep.find()) {
      parts.add(text.substring(from, sep.start()));
      starts.add(from);
      from = sep.end();
    }
    parts.add(text.substring(from));
    starts.add(from);
    String linted = parts.remove(parts.size() - 1);
    int start = starts.get(starts.size() - 1);
    return new Parsed(s, parts, linted, start, lineOf(text, start));
  }

  private static Settings settings(String spec, Settings defaults) {
    int pg = defaults.pg();
    MigrationTool tool = defaults.tool();
    Optional<ExecutionModel> model = defaults.model();
    for (String kv : spec.trim().split("\\s+")) {
      if (kv.isEmpty()) {
        continue;
      }
      String[] p = kv.split("=", 2);
      if (p.length != 2) {
        throw new IllegalArgumentException("bad settings entry '" + kv + "'");
      }
      switch (p[0]) {
        case "pg" -> pg = Integer.parseInt(p[1]);
        case "tool" -> tool = MigrationTool.parse(p[1]);
        case "model" -> model = Optional.of(ExecutionModel.fromId(p[1])
            .orElseThrow(() -> new IllegalArgumentException("unknown model " + p[1])));
        default -> throw new IllegalArgumentException("unknown settings key '" + p[0] + "' (pg, tool, model)");
      }
    }
    return new Settings(pg, tool, model);
  }

  /** The result of linting a fixture with one rule enabled. */
  record Run(Parsed parsed, String lintedText, FileResult file, List<Finding> findings) {}

  static Run lint(String fixtureText, Settings defaults, String ruleId, Path tempDir) {
    Parsed p = parse(fixtureText, defaults);
    try {
      Path root = Files.createTempDirectory(tempDir, "project");
      String linted = p.linted();
      if (p.settings().model().isPresent()) {
        linted = linted + (linted.endsWith("\n") || linted.isEmpty() ? "" : "\n") + "-- lockstep:execution "
            + p.settings().model().get().id() + "\n";
      }
      List<String> all = new ArrayList<>();
      for (String h : p.history()) {
        if (!onlyComments(h)) {
          all.add(withMarkers(h, p.settings().tool()));
        }
      }
      all.add(linted);
      Path last = null;
      for (int i = 0; i < all.size(); i++) {
        last = write(root, p.settings().tool(), i + 1, all.get(i));
      }
      RuleMeta meta = REGISTRY.find(ruleId).orElseThrow(() -> new AssertionError("no rule " + ruleId));
      ActiveRules active = new ActiveRules(REGISTRY, Map.of(meta.id(), meta.severity()));
      LintOptions options = new LintOptions(p.settings().pg(), Optional.of(p.settings().tool()),
          Optional.of(Dialect.POSTGRESQL), active, Map.of(), LintOptions.nothingExcluded(), Optional.empty());
      LintResult result = SERVICE.lint(List.of(last), options);
      if (!result.problems().isEmpty()) {
        throw new AssertionError("lint problems: " + result.problems());
      }
      Path target = last.toAbsolutePath().normalize();
      FileResult file = result.files().stream().filter(f -> f.file().toAbsolutePath().normalize().equals(target))
          .findFirst().orElseThrow(() -> new AssertionError("linted file missing from result: " + result.files()));
      List<Finding> findings = file.findings().stream().filter(f -> f.ruleId().equals(meta.id()))
          .sorted(Comparator.comparingInt((Finding f) -> f.span().start())).toList();
      return new Run(p, linted, file, findings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** History parts with nothing but comments (the settings line before a first separator) are not written. */
  private static boolean onlyComments(String text) {
    return text.lines().map(String::trim).allMatch(l -> l.isEmpty() || l.startsWith("--"));
  }

  private static String withMarkers(String text, MigrationTool tool) {
    if (tool == MigrationTool.GOOSE && !text.toLowerCase(Locale.ROOT).contains("+goose up")) {
      return "-- +goose Up\n" + text;
    }
    if (tool == MigrationTool.DBMATE && !text.toLowerCase(Locale.ROOT).contains("migrate:up")) {
      return "-- migrate:up\n" + text;
    }
    return text;
  }

  private static Path write(Path root, MigrationTool tool, int n, String text) throws IOException {
    String name = "m" + n;
    Path file = switch (tool) {
      case PRISMA -> {
        Path dir = root.resolve("prisma/migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        yield dir.resolve(String.format("2024010100%04d_%s/migration.sql", n, name));
      }
      case FLYWAY -> root.resolve("db/migration/V" + n + "__" + name + ".sql");
      case GOLANG_MIGRATE -> root.resolve(String.format("migrations/%06d_%s.up.sql", n, name));
      case POPX -> root.resolve(String.format("migrations/%06d_%s.up.sql", n, name));
      case GOOSE -> root.resolve(String.format("migrations/%05d_%s.sql", n, name));
      case DBMATE -> root.resolve(String.format("db/migrations/2024010100%04d_%s.sql", n, name));
      case DRIZZLE -> root.resolve(String.format("drizzle/%04d_%s.sql", n, name));
      case DIESEL -> root.resolve(String.format("migrations/2024-01-01-00%04d_%s/up.sql", n, name));
      case SQLX -> root.resolve(String.format("migrations/%04d_%s.sql", n, name));
      case SUPABASE -> root.resolve(String.format("supabase/migrations/2024010100%04d_%s.sql", n, name));
      case PLAIN -> root.resolve(String.format("migrations/%03d_%s.sql", n, name));
    };
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  // ---------------------------------------------------------------- expectations

  /** Checks the findings against the {@code -- expect:} lines; returns problems, empty when all match. */
  static List<String> verify(Run run) {
    List<String> errors = new ArrayList<>();
    String text = run.lintedText();
    List<StatementResult> stmts = run.file().statements();
    record Expectation(int statement, String text, int line) {}
    List<Expectation> expected = new ArrayList<>();
    Matcher m = EXPECT.matcher(text);
    while (m.find()) {
      int at = m.start();
      int stmt = -1;
      for (StatementResult s : stmts) {
        if (s.span().start() > at) {
          stmt = s.index();
          break;
        }
      }
      expected.add(new Expectation(stmt, m.group(1), lineOf(text, at) + lineOffset(run)));
    }
    boolean[] met = new boolean[expected.size()];
    for (Finding f : run.findings()) {
      int stmt = statementOf(f, stmts);
      boolean matched = false;
      for (int i = 0; i < expected.size(); i++) {
        if (!met[i] && expected.get(i).statement() == stmt && f.message().contains(expected.get(i).text())) {
          met[i] = true;
          matched = true;
          break;
        }
      }
      if (!matched) {
        errors.add("unexpected finding at line " + (lineOf(text, f.span().start()) + lineOffset(run)) + ": "
            + f.message());
      }
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!met[i]) {
        Expectation e = expected.get(i);
        String got = run.findings().stream().filter(f -> statementOf(f, stmts) == e.statement())
            .map(Finding::message).toList().toString();
        errors.add("expectation on line " + e.line() + " not met: '" + e.text() + "'; findings of that statement: "
            + got);
      }
    }
    return errors;
  }

  private static int lineOffset(Run run) {
    return run.parsed().lintedFirstLine() - 1;
  }

  private static int statementOf(Finding f, List<StatementResult> stmts) {
    if (f.statementIndex() >= 0) {
      return f.statementIndex();
    }
    for (StatementResult s : stmts) {
      if (s.span().start() <= f.span().start() && f.span().start() < Math.max(s.span().end(), s.span().start() + 1)) {
        return s.index();
      }
    }
    return -1;
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  // ---------------------------------------------------------------- fixes

  /** The whole fixture with every fix of the findings applied and the expect lines removed. */
  static String applyFixes(String fixtureText, Run run) {
    List<dev.lockstep.core.rule.TextEdit> edits = new ArrayList<>();
    for (Finding f : run.findings()) {
      f.fix().ifPresent(fix -> edits.addAll(fix.edits()));
    }
    String fixedLinted = new Fix("all", edits).apply(run.parsed().linted());
    String prefix = fixtureText.substring(0, run.parsed().lintedStart());
    return EXPECT_LINE.matcher(prefix + fixedLinted).replaceAll("");
  }
}
