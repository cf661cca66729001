package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --changed-since REF} in a real git repository. */
class ChangedSinceTest {
  static final String INIT = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL,"
      + " CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";
  /** Unsafe only because "User" exists already: needs the history as context. */
  static final String INDEX = "CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");\n";
  static final String OLD_UNSAFE = "CREATE INDEX \"User_id_email_idx\" ON \"User\"(\"id\", \"email\");\n";

  @TempDir
  Path repo;

  @BeforeEach
  void history() throws Exception {
    git("init", "-q", "-b", "main");
    Projects.prisma(repo, "20240101000000_init", INIT, "20240102000000_old_index", OLD_UNSAFE);
    git("add", "-A");
    git("commit", "-q", "-m", "init");
    git("checkout", "-q", "-b", "feature");
  }

  void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + out);
  }

  JsonNode files(Run r) throws IOException {
    return new ObjectMapper().readTree(r.out()).path("files");
  }

  @Test
  void lintsOnlyChangedMigrationsWithTheWholeHistory() throws Exception {
    Projects.prisma(repo, "20240201000000_email_index", INDEX);
    git("add", "-A");
    git("commit", "-q", "-m", "index");
    Run r = Run.in(repo, "lint", "--format", "json", "--changed-since", "main", ".");
    assertEquals(1, r.exit(), r.toString());
    JsonNode files = files(r);
    assertEquals(1, files.size(), r.out());
    assertTrue(files.get(0).path("path").asText().contains("20240201000000_email_index"), r.out());
    assertTrue(r.out().contains("require-concurrent-index-creation"), r.out());
  }

  @Test
  void uncommittedAndUntrackedChangesCount() throws Exception {
    Projects.prisma(repo, "20240201000000_email_index", INDEX);
    Run r = Run.in(repo, "lint", "--format", "json", "--changed-since", "main", "prisma/migrations");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, files(r).size(), r.out());
  }

  @Test
  void nothingChangedIsClean() throws Exception {
    Run r = Run.in(repo, "lint", "--changed-since", "main");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("in 0 files"), r.out());
    Run all = Run.in(repo, "lint");
    assertEquals(1, all.exit(), "without --changed-since the old unsafe migration is reported: " + all);
  }

  @Test
  void sarifOfChangedFilesPassesTheValidator() throws Exception {
    Projects.prisma(repo, "20240201000000_email_index", INDEX);
    Path sarif = repo.resolve("out.sarif");
    Run r = Run.in(repo, "lint", "--format", "sarif", "-o", "out.sarif", "--changed-since", "main");
    assertEquals(1, r.exit(), r.toString());
    String text = Files.readString(sarif);
    assertTrue(text.contains("prisma/migrations/20240201000000_email_index/migration.sql"), text);
    assertFalse(text.contains("20240102000000_old_index/migration.sql\""), text);
    Optional<Path> tool = SarifValidator.tool();
    if (tool.isPresent()) {
      SarifValidator.Outcome o = SarifValidator.validate(tool.get(), sarif);
      assertEquals(0, o.errors(), o.output());
    }
  }

  @Test
  void unknownRefIsAUsageError() {
    Run r = Run.in(repo, "lint", "--changed-since", "no-such-branch");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("unknown git ref 'no-such-branch'"), r.err());
  }

  @Test
  void outsideGitIsAUsageError(@TempDir Path plain) throws IOException {
    Projects.prisma(plain, "20240101000000_init", INIT);
    Run r = Run.in(plain, "lint", "--changed-since", "main");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("needs a git repository"), r.err());
  }
}
