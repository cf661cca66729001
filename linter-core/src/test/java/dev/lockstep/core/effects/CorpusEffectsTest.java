package dev.lockstep.core.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Splitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays every project of the shared PostgreSQL migration corpus (files in listed order, one
 * catalog per project) and asks the effects model about every operation on the oldest, default and
 * newest version: neither replay nor the model may throw.
 */
class CorpusEffectsTest {

  private static Path corpusDir() {
    String override = System.getProperty("lockstep.corpus");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate : List.of(p.resolve("shared/corpus"), p.resolve("../shared/corpus"))) {
        if (Files.isDirectory(candidate)) {
          return candidate.normalize();
        }
      }
    }
    return Path.of("shared/corpus");
  }

  @Test
  void replayAndEffectsNeverThrowOnTheCorpus() throws IOException {
    Path corpus = corpusDir();
    Path list = corpus.resolve("postgresql.txt");
    Assumptions.assumeTrue(Files.isRegularFile(list), "corpus not found at " + list);
    Map<String, List<String>> projects = new LinkedHashMap<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        String name = line.strip();
        int slash = name.indexOf('/');
        projects.computeIfAbsent(slash < 0 ? name : name.substring(0, slash), k -> new ArrayList<>()).add(name);
      }
    }
    Recognizer recognizer = new Recognizer();
    PgEffectsModel model = new PgEffectsModel();
    List<String> failures = new ArrayList<>();
    Map<PgEffectKey, Integer> counts = new EnumMap<>(PgEffectKey.class);
    int operations = 0;
    for (List<String> files : projects.values()) {
      Catalog catalog = new Catalog();
      for (int f = 0; f < files.size(); f++) {
        String text = Files.readString(corpus.resolve(files.get(f)), StandardCharsets.UTF_8);
        List<SqlStatement> statements;
        try {
          statements = Splitter.split(text, Dialect.POSTGRESQL).statements();
        } catch (RuntimeException e) {
          continue;
        }
        for (int s = 0; s < statements.size(); s++) {
          List<Operation> ops;
          try {
            ops = recognizer.recognize(statements.get(s), text, Dialect.POSTGRESQL);
          } catch (RuntimeException e) {
            continue;
          }
          for (Operation op : ops) {
            operations++;
            try {
              for (int v : List.of(ServerVersions.MIN, ServerVersions.DEFAULT, ServerVersions.MAX)) {
                PgEffectsModel.Explanation e = model.explain(op, catalog, v);
                if (v == ServerVersions.DEFAULT) {
                  e.keys().forEach(k -> counts.merge(k, 1, Integer::sum));
                  if (e.keys().stream().anyMatch(k -> k.name().equals(System.getProperty("lockstep.corpus.dump")))) {
                    System.out.println("dump " + files.get(f) + ": " + statements.get(s).span().of(text)
                        .replaceAll("\\s+", " ") + " -> " + e.keys() + " " + e.effects().notes());
                  }
                }
              }
              catalog.apply(op, new Origin(files.get(f), f, s, -1));
            } catch (RuntimeException e) {
              if (failures.size() < 20) {
                failures.add(files.get(f) + " #" + s + " " + op.kind() + ": " + e);
              }
            }
          }
        }
      }
    }
    if (System.getProperty("lockstep.corpus.dump") != null) {
      System.out.println("corpus effects: " + operations + " operations in " + projects.size() + " projects; "
          + counts);
    }
    assertEquals(List.of(), failures);
  }
}
