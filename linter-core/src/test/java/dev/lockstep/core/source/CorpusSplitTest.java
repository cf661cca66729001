package dev.lockstep.core.source;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Lexes and splits every file of the shared migration corpus and checks the invariants. */
class CorpusSplitTest {

  /**
   * {@code ../shared/corpus} next to the repository root (the directory holding
   * {@code linter-core}); for a checkout that lives elsewhere (a git worktree) the nearest
   * ancestor holding {@code shared/corpus} is used. The system property {@code lockstep.corpus}
   * overrides both.
   */
  static Path corpusDir() {
    String override = System.getProperty("lockstep.corpus");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    Path root = null;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("linter-core"))) {
        root = p;
        break;
      }
    }
    Path preferred = (root != null ? root : dir).resolve("../shared/corpus").normalize();
    if (Files.isDirectory(preferred)) {
      return preferred;
    }
    for (Path p = root != null ? root : dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return preferred;
  }

  static List<String> readList(Path corpus, String name) throws IOException {
    Path list = corpus.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(list), "corpus not found at " + list);
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        files.add(line.strip());
      }
    }
    return files;
  }

  static List<String> load(Path corpus, List<String> names) throws IOException {
    List<String> texts = new ArrayList<>(names.size());
    for (String name : names) {
      texts.add(Files.readString(corpus.resolve(name), StandardCharsets.UTF_8));
    }
    return texts;
  }

  @Test
  void postgresqlCorpus() throws IOException {
    run("postgresql.txt", Dialect.POSTGRESQL);
  }

  @Test
  void mysqlCorpus() throws IOException {
    run("mysql.txt", Dialect.MYSQL);
  }

  private void run(String listName, Dialect dialect) throws IOException {
    Path corpus = corpusDir();
    List<String> names = readList(corpus, listName);
    List<String> texts = load(corpus, names);

    // Warm-up so that the timings below reflect steady-state speed.
    for (int round = 0; round < 3; round++) {
      for (String text : texts) {
        try {
          Splitter.split(Lexer.lex(text, dialect), dialect);
        } catch (RuntimeException e) {
          break;
        }
      }
    }

    long bytes = 0;
    long statements = 0;
    long tokens = 0;
    long problems = 0;
    List<String> failures = new ArrayList<>();
    List<List<Token>> lexed = new ArrayList<>(texts.size());
    List<SplitResult> splits = new ArrayList<>(texts.size());
    long lexMs = Long.MAX_VALUE;
    long splitMs = Long.MAX_VALUE;
    // Best of two timed passes: the machine is shared, single passes are noisy.
    for (int pass = 0; pass < 2; pass++) {
      lexed.clear();
      splits.clear();
      failures.clear();
      long t0 = System.nanoTime();
      for (int i = 0; i < texts.size(); i++) {
        try {
          lexed.add(Lexer.lex(texts.get(i), dialect));
        } catch (RuntimeException e) {
          failures.add(names.get(i) + ": lexer threw " + e);
          lexed.add(List.of());
        }
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < texts.size(); i++) {
        try {
          splits.add(Splitter.split(lexed.get(i), dialect));
        } catch (RuntimeException e) {
          failures.add(names.get(i) + ": splitter threw " + e);
          splits.add(new SplitResult(List.of(), List.of(), List.of()));
        }
      }
      long t2 = System.nanoTime();
      lexMs = Math.min(lexMs, (t1 - t0) / 1_000_000);
      splitMs = Math.min(splitMs, (t2 - t1) / 1_000_000);
    }

    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      bytes += text.length();
      tokens += lexed.get(i).size();
      statements += splits.get(i).statements().size();
      problems += splits.get(i).problems().size();
      String violation = Invariants.check(text, lexed.get(i), splits.get(i));
      if (violation != null) {
        failures.add(names.get(i) + ": " + violation);
      }
    }
    System.out.printf(
        "corpus %s: %d files, %d chars, %d statements, %d tokens, %d lex problems, %d ms"
            + " (lex %d ms, split %d ms)%n",
        dialect.id(), texts.size(), bytes, statements, tokens, problems, lexMs + splitMs, lexMs, splitMs);
    if (!failures.isEmpty()) {
      fail(failures.size() + " file(s) violate invariants, first: "
          + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
    assertTrue(statements > 0);
  }
}
