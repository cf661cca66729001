package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.daemon.DaemonClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep lint --stdin}: SQL from standard input, alone or as a file of a history. */
class StdinTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INIT = "CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT);\n";
  private static final String INDEX_ON_USER = "CREATE INDEX \"User_email_idx\" ON \"User\" (\"email\");\n";

  @TempDir
  Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ruleIds(JsonNode file) {
    List<String> ids = new ArrayList<>();
    file.get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
    return ids;
  }

  @Test
  void textAloneIsShownAsStdinAndLinted() throws IOException {
    Run r = Run.withInput(dir, utf8(INDEX_ON_USER + "ALTER TABLE \"User\" ADD COLUMN \"age\" INT NOT NULL;\n"),
        "lint", "--stdin", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode files = JSON.readTree(r.out()).get("files");
    assertEquals(1, files.size(), r.out());
    JsonNode f = files.get(0);
    assertEquals("<stdin>", f.get("path").asText());
    assertEquals("plain", f.get("tool").asText());
    assertEquals("postgresql", f.get("dialect").asText());
    assertEquals(2, f.get("statements").size());
    // nothing is known about "User": it is taken to exist, as for any file linted alone
    assertTrue(ruleIds(f).contains("require-concurrent-index-creation"), r.out());
    assertTrue(ruleIds(f).contains("adding-required-column"), r.out());
  }

  @Test
  void aTableCreatedEarlierInTheSameTextIsNew() throws IOException {
    Run r = Run.withInput(dir, utf8(INIT + INDEX_ON_USER), "lint", "--stdin", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    assertFalse(ruleIds(JSON.readTree(r.out()).get("files").get(0)).contains("require-concurrent-index-creation"));
  }

  @Test
  void anExistingFileIsLintedWithinItsHistoryWithTheTextFromStdin() throws IOException {
    Projects.prisma(dir, "20240101000000_init", INIT, "20240102000000_second", "SELECT 1;\n");
    Path second = dir.resolve("prisma/migrations/20240102000000_second/migration.sql");
    Run r = Run.withInput(dir, utf8(INDEX_ON_USER), "lint", "--stdin", "--stdin-filename",
        "prisma/migrations/20240102000000_second/migration.sql", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode f = JSON.readTree(r.out()).get("files").get(0);
    assertEquals("prisma/migrations/20240102000000_second/migration.sql", f.get("path").asText());
    assertEquals("prisma", f.get("tool").asText());
    assertTrue(ruleIds(f).contains("require-concurrent-index-creation"), r.out());
    // the file on disk is left as it was
    assertEquals("SELECT 1;\n", Files.readString(second));

    // "User" exists because the first migration created it: an index on a table created in the same
    // transaction is fine, so the same statement after its CREATE TABLE in the text is not reported
    Run same = Run.withInput(dir, utf8("CREATE TABLE \"Post\" (\"id\" INT);\nCREATE INDEX \"p\" ON \"Post\" (\"id\");\n"),
        "lint", "--stdin", "--stdin-filename", "prisma/migrations/20240102000000_second/migration.sql",
        "--format", "json");
    assertEquals(0, same.exit(), same.toString());
  }

  @Test
  void aMigrationNotCreatedYetTakesItsPlaceInTheHistory() throws IOException {
    Projects.prisma(dir, "20240101000000_init", "CREATE TABLE \"User\" (\"id\" INT PRIMARY KEY, \"name\" VARCHAR(100));\n");
    // widening a varchar is safe only when lockstep knows the column's type from the history
    byte[] widen = utf8("ALTER TABLE \"User\" ALTER COLUMN \"name\" TYPE VARCHAR(200);\n");
    Run r = Run.withInput(dir, widen, "lint", "--stdin", "--stdin-filename",
        "prisma/migrations/20990101000000_next/migration.sql", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode f = JSON.readTree(r.out()).get("files").get(0);
    assertEquals("prisma/migrations/20990101000000_next/migration.sql", f.get("path").asText());
    assertEquals("prisma", f.get("tool").asText());
    assertEquals("implicit-transaction", f.get("executionModel").asText());
    assertFalse(ruleIds(f).contains("column-type-change-rewrites-table"), r.out());
    assertEquals(0, JSON.readTree(r.out()).get("problems").size(), r.out());
    assertFalse(Files.exists(dir.resolve("prisma/migrations/20990101000000_next")), "nothing is written");

    Run alone = Run.withInput(dir, widen, "lint", "--stdin", "--format", "json");
    assertTrue(ruleIds(JSON.readTree(alone.out()).get("files").get(0)).contains("column-type-change-rewrites-table"),
        alone.out());

    // a folder that does not exist: the file is linted alone under its name, without an input problem
    Run nowhere = Run.withInput(dir, widen, "lint", "--stdin", "--stdin-filename", "not/there/x.sql",
        "--format", "json");
    JsonNode n = JSON.readTree(nowhere.out());
    assertEquals("not/there/x.sql", n.get("files").get(0).get("path").asText());
    assertEquals(0, n.get("problems").size(), nowhere.out());
  }

  @Test
  void theNearestConfigurationOfTheNamedFileApplies() throws IOException {
    Projects.write(dir.resolve("sub/lockstep.yaml"), "rules:\n  require-concurrent-index-creation: off\n");
    Run r = Run.withInput(dir, utf8(INDEX_ON_USER), "lint", "--stdin", "--stdin-filename", "sub/new.sql",
        "--format", "json");
    assertFalse(ruleIds(JSON.readTree(r.out()).get("files").get(0)).contains("require-concurrent-index-creation"),
        r.out());
    Run elsewhere = Run.withInput(dir, utf8(INDEX_ON_USER), "lint", "--stdin", "--format", "json");
    assertTrue(ruleIds(JSON.readTree(elsewhere.out()).get("files").get(0))
        .contains("require-concurrent-index-creation"));
  }

  @Test
  void mysqlTextIsRecognisedAsMysql() throws IOException {
    Run r = Run.withInput(dir, utf8("CREATE TABLE `t` (`id` INT) ENGINE=InnoDB;\n"), "lint", "--stdin",
        "--format", "json");
    assertEquals("mysql", JSON.readTree(r.out()).get("files").get(0).get("dialect").asText(), r.out());
  }

  @Test
  void textThatIsNotUtf8IsReadAsLatin1AndReported() throws IOException {
    byte[] latin1 = "-- caf\u00e9\nSELECT 1;\n".getBytes(StandardCharsets.ISO_8859_1);
    Run r = Run.withInput(dir, latin1, "lint", "--stdin", "--format", "json");
    assertEquals(0, r.exit(), r.toString()); // as for a file: a note, not an input error
    assertTrue(r.err().contains("<stdin>: not valid UTF-8; read as ISO-8859-1"), r.err());
    assertEquals(1, JSON.readTree(r.out()).get("files").get(0).get("statements").size());
  }

  @Test
  void emptyInputIsAFileWithoutStatements() throws IOException {
    Run r = Run.withInput(dir, new byte[0], "lint", "--stdin", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(0, JSON.readTree(r.out()).get("files").get(0).get("statements").size());
  }

  @Test
  void usageErrors() {
    Run noStdin = Run.withInput(dir, new byte[0], "lint", "--stdin-filename", "x.sql");
    assertEquals(2, noStdin.exit(), noStdin.toString());
    assertTrue(noStdin.err().contains("--stdin-filename needs --stdin"), noStdin.err());
    Run withPath = Run.withInput(dir, new byte[0], "lint", "--stdin", ".");
    assertEquals(2, withPath.exit(), withPath.toString());
    assertTrue(withPath.err().contains("--stdin cannot be used with PATH arguments"), withPath.err());
    Run directory = Run.withInput(dir, new byte[0], "lint", "--stdin", "--stdin-filename", ".");
    assertEquals(2, directory.exit(), directory.toString());
    assertTrue(directory.err().contains("is a directory"), directory.err());
    Run withFix = Run.withInput(dir, new byte[0], "lint", "--stdin", "--fix");
    assertEquals(2, withFix.exit());
    assertTrue(withFix.err().contains("--stdin cannot be used with --fix"), withFix.err());
  }

  @Test
  void sarifForStdinPassesTheValidator() throws Exception {
    Optional<Path> tool = SarifValidator.tool();
    Run r = Run.withInput(dir, utf8(INDEX_ON_USER), "lint", "--stdin", "--format", "sarif", "--output", "out.sarif");
    assertEquals(1, r.exit(), r.toString());
    if (tool.isEmpty()) {
      System.err.println("SARIF validator not found: only the report was checked");
      assertTrue(Files.readString(dir.resolve("out.sarif")).contains("%3Cstdin%3E"));
      return;
    }
    SarifValidator.Outcome o = SarifValidator.validate(tool.get(), dir.resolve("out.sarif"));
    assertEquals(0, o.errors(), o.toString());
  }

  @Test
  void onlyLintWithStdinReadsStandardInput() {
    assertTrue(DaemonClient.readsStandardInput(new String[] {"lint", "--stdin", "--format", "json"}));
    assertFalse(DaemonClient.readsStandardInput(new String[] {"lint", "--", "--stdin"}));
    assertFalse(DaemonClient.readsStandardInput(new String[] {"lint", "migrations"}));
    assertFalse(DaemonClient.readsStandardInput(new String[] {"plan", "--stdin"}));
  }

  /** The real executable, its standard input a pipe. */
  @Test
  void theExecutableReadsItsStandardInput() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "lint", "--stdin", "--format", "json")
        .directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("LOCKSTEP_DAEMON", "0");
    Process p = pb.start();
    p.getOutputStream().write(utf8(INDEX_ON_USER));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), out);
    JsonNode f = JSON.readTree(out).get("files").get(0);
    assertEquals("<stdin>", f.get("path").asText());
    assertTrue(ruleIds(f).contains("require-concurrent-index-creation"), out);
  }
}
