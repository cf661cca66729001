package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.report.SarifReporter;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's example project through every format, and SARIF properties that matter to code scanning. */
class ExampleProjectTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Golden.repoRoot();
  static final String EXAMPLE = "examples/prisma-shop";

  @TempDir
  Path tmp;

  @Test
  void exitCodeFollowsTheFindings() throws IOException {
    Run r = Run.in(ROOT, "lint", "--format", "json", EXAMPLE);
    JsonNode root = JSON.readTree(r.out());
    int errors = 0;
    int warnings = 0;
    for (JsonNode f : root.get("files")) {
      for (JsonNode x : f.get("findings")) {
        errors += x.get("severity").asText().equals("error") ? 1 : 0;
        warnings += x.get("severity").asText().equals("warning") ? 1 : 0;
      }
    }
    assertTrue(errors > 0, "the example has unsafe migrations");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(0, Run.in(ROOT, "lint", "--fail-on", "never", EXAMPLE).exit());
    Run text = Run.in(ROOT, "lint", EXAMPLE);
    assertEquals(1, text.exit());
    String last = text.out().substring(text.out().stripTrailing().lastIndexOf('\n') + 1);
    assertTrue(last.startsWith(errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
        + (warnings == 1 ? "" : "s")), last);
    assertTrue(last.contains(" in 10 files ("), last);
  }

  @Test
  void jsonListsEveryStatementWithPositionsAndEffects() throws IOException {
    Run r = Run.in(ROOT, "lint", "--format", "json", EXAMPLE);
    JsonNode root = JSON.readTree(r.out());
    assertEquals(1, root.get("version").asInt());
    assertEquals(17, root.get("serverVersion").asInt());
    assertTrue(root.get("problems").isArray());
    JsonNode files = root.get("files");
    assertEquals(10, files.size());
    Set<String> fields = Set.of("index", "line", "column", "endLine", "endColumn", "section", "operations",
        "recognized", "inTransaction", "effects");
    for (JsonNode f : files) {
      String path = f.get("path").asText();
      assertTrue(path.startsWith(EXAMPLE + "/prisma/migrations/"), path);
      assertEquals("prisma", f.get("tool").asText());
      assertEquals("postgresql", f.get("dialect").asText());
      assertEquals("implicit-transaction", f.get("executionModel").asText());
      String text = Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
      int split = Splitter.split(text, Dialect.POSTGRESQL).statements().size();
      assertEquals(split, f.get("statements").size(), "every statement of " + path + " is listed");
      int i = 0;
      for (JsonNode s : f.get("statements")) {
        Set<String> names = new HashSet<>();
        s.fieldNames().forEachRemaining(names::add);
        assertEquals(fields, names);
        assertEquals(i++, s.get("index").asInt());
        for (JsonNode e : s.get("effects")) {
          assertTrue(e.get("relation").asText().contains("."), "schema-qualified: " + e);
          assertTrue(e.get("blocks").isArray());
        }
      }
      for (JsonNode x : f.get("findings")) {
        for (String k : List.of("ruleId", "severity", "message", "help", "statementIndex", "line", "column",
            "endLine", "endColumn", "fix", "plan")) {
          assertTrue(x.has(k), k + " in " + x);
        }
        assertTrue(x.get("line").asInt() >= 1 && x.get("column").asInt() >= 1);
      }
    }
  }

  @Test
  void sarifPassesTheValidator() throws Exception {
    Path out = tmp.resolve("prisma-shop.sarif");
    Run r = Run.in(ROOT, "lint", "--format", "sarif", "--output", out.toString(), EXAMPLE);
    assertEquals(1, r.exit(), r.toString());
    JsonNode run = JSON.readTree(out.toFile()).get("runs").get(0);
    assertEquals("utf16CodeUnits", run.get("columnKind").asText());
    for (JsonNode res : run.get("results")) {
      JsonNode loc = res.get("locations").get(0).get("physicalLocation").get("artifactLocation");
      assertTrue(loc.get("uri").asText().startsWith(EXAMPLE + "/"), loc.toString());
      assertEquals(SarifReporter.SRCROOT, loc.get("uriBaseId").asText());
      assertEquals(res.get("ruleId").asText(),
          run.get("tool").get("driver").get("rules").get(res.get("ruleIndex").asInt()).get("id").asText());
    }
    var tool = SarifValidator.tool();
    assumeTrue(tool.isPresent(), "shared/tools/validate-sarif not found: SARIF validation skipped");
    SarifValidator.Outcome o = SarifValidator.validate(tool.get(), out);
    System.out.println("validate-sarif (prisma-shop): " + o.errors() + " errors, " + o.warnings() + " warnings");
    assertEquals(0, o.errors(), o.output());
    assertEquals(0, o.exitCode(), o.output());
  }

  @Test
  void fingerprintsSurviveLinesInsertedAbove() throws IOException {
    Path project = tmp.resolve("shop");
    copy(ROOT.resolve(EXAMPLE), project);
    Path file = project.resolve("prisma/migrations/20240122103045_order_indexes/migration.sql");
    JsonNode before = sarifResults(project, file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, "-- a comment\n-- and another\n\n" + text, StandardCharsets.UTF_8);
    JsonNode after = sarifResults(project, file);
    assertEquals(before.size(), after.size());
    assertTrue(before.size() > 0);
    for (int i = 0; i < before.size(); i++) {
      assertEquals(fingerprint(before.get(i)), fingerprint(after.get(i)));
      assertEquals(line(before.get(i)) + 3, line(after.get(i)));
    }
    List<String> all = new ArrayList<>();
    before.forEach(r -> all.add(fingerprint(r)));
    assertEquals(all.size(), new HashSet<>(all).size(), "fingerprints are distinct: " + all);

    Files.writeString(file, text.replace("\"createdAt\"", "\"updatedAt\""), StandardCharsets.UTF_8);
    JsonNode changed = sarifResults(project, file);
    assertNotEquals(fingerprint(before.get(0)), fingerprint(changed.get(0)), "a changed statement is a new result");
  }

  private JsonNode sarifResults(Path project, Path file) throws IOException {
    Run r = Run.in(tmp, "lint", "--format", "sarif", project.toString());
    JsonNode results = JSON.readTree(r.out()).get("runs").get(0).get("results");
    List<JsonNode> mine = new ArrayList<>();
    String suffix = project.relativize(file).toString();
    results.forEach(x -> {
      if (x.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText()
          .endsWith(suffix)) {
        mine.add(x);
      }
    });
    assertFalse(mine.isEmpty(), r.toString());
    return JSON.valueToTree(mine);
  }

  private static String fingerprint(JsonNode result) {
    return result.get("partialFingerprints").get(SarifReporter.FINGERPRINT).asText();
  }

  private static int line(JsonNode result) {
    return result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt();
  }

  static void copy(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
