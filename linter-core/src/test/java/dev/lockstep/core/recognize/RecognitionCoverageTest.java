package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Splits and recognizes every statement of the PostgreSQL corpus ({@code ../shared/corpus}):
 * no exception anywhere, at least 99% recognized (statements with template placeholders are not
 * counted), and the time it takes.
 */
class RecognitionCoverageTest {

  private static final double REQUIRED_PERCENT = 99.0;

  /** The folder holding {@code linter-core}, walking up from the working directory. */
  static Path corpusDir() {
    String override = System.getProperty("lockstep.corpus");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("linter-core"))) {
        Path preferred = p.resolve("../shared/corpus").normalize();
        if (Files.isDirectory(preferred)) {
          return preferred;
        }
        for (Path q = p; q != null; q = q.getParent()) {
          if (Files.isDirectory(q.resolve("shared/corpus"))) {
            return q.resolve("shared/corpus");
          }
        }
        return preferred;
      }
    }
    return dir.resolve("../shared/corpus").normalize();
  }

  private record Corpus(List<String> names, List<String> texts) {}

  private static Corpus load() throws IOException {
    Path corpus = corpusDir();
    Path list = corpus.resolve("postgresql.txt");
    Assumptions.assumeTrue(Files.isRegularFile(list), "corpus not found at " + list + "; skipping");
    List<String> names = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        names.add(line.strip());
        texts.add(Files.readString(corpus.resolve(line.strip()), StandardCharsets.UTF_8));
      }
    }
    return new Corpus(names, texts);
  }

  private static boolean hasTemplate(SqlStatement s) {
    for (Token t : s.tokens()) {
      if (t.kind() == TokenKind.TEMPLATE) {
        return true;
      }
    }
    return false;
  }

  @Test
  void postgresqlCorpus() throws IOException {
    Corpus corpus = load();
    Recognizer recognizer = new Recognizer();

    int total = 0;
    int recognized = 0;
    int templates = 0;
    int templatesRecognized = 0;
    int operations = 0;
    Map<String, Integer> unrecognized = new HashMap<>();
    Map<String, String> examples = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int f = 0; f < corpus.texts().size(); f++) {
      String text = corpus.texts().get(f);
      List<SqlStatement> statements;
      try {
        statements = Splitter.split(text, Dialect.POSTGRESQL).statements();
      } catch (RuntimeException e) {
        problems.add(corpus.names().get(f) + ": split threw " + e);
        continue;
      }
      for (SqlStatement s : statements) {
        List<Operation> ops;
        try {
          ops = recognizer.recognize(s, text, Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
          problems.add(corpus.names().get(f) + ": recognize threw " + e);
          continue;
        }
        if (ops.isEmpty()) {
          problems.add(corpus.names().get(f) + ": no operation for statement " + s.index());
          continue;
        }
        operations += ops.size();
        for (Operation op : ops) {
          if (op.span().end() > text.length()) {
            problems.add(corpus.names().get(f) + ": span out of file " + op);
          }
          if (op instanceof Operation.Unrecognized u && u.reason().startsWith("internal error")) {
            problems.add(corpus.names().get(f) + ": " + u.reason());
          }
        }
        if (hasTemplate(s)) {
          templates++;
          if (!(ops.get(0) instanceof Operation.Unrecognized)) {
            templatesRecognized++;
          }
          continue;
        }
        total++;
        if (ops.get(0) instanceof Operation.Unrecognized u) {
          String key = firstWords(s, 3);
          unrecognized.merge(key, 1, Integer::sum);
          examples.putIfAbsent(key, corpus.names().get(f) + ": " + u.reason() + " :: "
              + abbreviate(s.text(text)));
        } else {
          recognized++;
        }
      }
    }

    double percent = total == 0 ? 0 : 100.0 * recognized / total;
    System.out.printf(Locale.ROOT,
        "recognition coverage (postgresql): %d/%d = %.2f%% recognized, %d operations, "
            + "%d template statements excluded (%d of them recognized: a placeholder qualifying a name)%n",
        recognized, total, percent, operations, templates, templatesRecognized);
    unrecognized.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(30)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %-40s %s%n", e.getValue(), e.getKey(),
            examples.get(e.getKey())));

    long[] cpu = new long[2];
    long[] wall = new long[2];
    for (int round = 0; round < 2; round++) {
      for (int warm = 0; warm < 3; warm++) {
        runAll(recognizer, corpus);
      }
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      runAll(recognizer, corpus);
      cpu[round] = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
      wall[round] = (System.nanoTime() - w0) / 1_000_000;
    }
    System.out.printf(Locale.ROOT,
        "split+recognize of %d files: run 1 %d ms cpu (%d ms wall), run 2 %d ms cpu (%d ms wall)%n",
        corpus.texts().size(), cpu[0], wall[0], cpu[1], wall[1]);

    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s), first: " + String.join("\n", problems.subList(0, Math.min(10,
          problems.size()))));
    }
    assertFalse(total == 0);
    assertTrue(percent >= REQUIRED_PERCENT,
        String.format(Locale.ROOT, "coverage %.2f%% below %.1f%%", percent, REQUIRED_PERCENT));
  }

  private static int runAll(Recognizer recognizer, Corpus corpus) {
    int n = 0;
    for (String text : corpus.texts()) {
      for (SqlStatement s : Splitter.split(text, Dialect.POSTGRESQL).statements()) {
        n += recognizer.recognize(s, text, Dialect.POSTGRESQL).size();
      }
    }
    return n;
  }

  private static String firstWords(SqlStatement s, int n) {
    StringBuilder sb = new StringBuilder();
    List<Token> body = s.body();
    for (int i = 0; i < Math.min(n, body.size()); i++) {
      Token t = body.get(i);
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(t.kind() == TokenKind.WORD ? t.upper() : t.kind() == TokenKind.QUOTED_IDENT ? "<ident>"
          : t.kind().name().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 160 ? one.substring(0, 160) + "..." : one;
  }
}
