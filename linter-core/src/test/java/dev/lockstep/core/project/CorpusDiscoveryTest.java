package dev.lockstep.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.core.source.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs discovery on the real projects of the shared corpus ({@code shared/corpus}, see its
 * MANIFEST.md). Skipped when the corpus is not present.
 */
class CorpusDiscoveryTest {
  /** Projects whose tool is unambiguous; every set found in them must have this tool. */
  private static final Map<String, MigrationTool> EXPECTED =
      Map.ofEntries(
          Map.entry("triggerdotdev__trigger.dev", MigrationTool.PRISMA),
          Map.entry("formbricks__formbricks", MigrationTool.PRISMA),
          Map.entry("documenso__documenso", MigrationTool.PRISMA),
          Map.entry("hoppscotch__hoppscotch", MigrationTool.PRISMA),
          Map.entry("umami-software__umami", MigrationTool.PRISMA),
          Map.entry("langfuse__langfuse", MigrationTool.PRISMA),
          Map.entry("mfts__papermark", MigrationTool.PRISMA),
          Map.entry("elie222__inbox-zero", MigrationTool.PRISMA),
          Map.entry("lukevella__rallly", MigrationTool.PRISMA),
          Map.entry("ghostfolio__ghostfolio", MigrationTool.PRISMA),
          Map.entry("civitai__civitai", MigrationTool.PRISMA),
          Map.entry("linkwarden__linkwarden", MigrationTool.PRISMA),
          Map.entry("Dokploy__dokploy", MigrationTool.DRIZZLE),
          Map.entry("hatchet-dev__hatchet", MigrationTool.GOOSE),
          Map.entry("openfga__openfga", MigrationTool.GOOSE),
          Map.entry("gophish__gophish", MigrationTool.GOOSE),
          Map.entry("goharbor__harbor", MigrationTool.GOLANG_MIGRATE),
          Map.entry("LemmyNet__lemmy", MigrationTool.DIESEL),
          Map.entry("kestra-io__kestra", MigrationTool.FLYWAY),
          Map.entry("conductor-oss__conductor", MigrationTool.FLYWAY),
          Map.entry("openremote__openremote", MigrationTool.FLYWAY),
          Map.entry("eclipse-hawkbit__hawkbit", MigrationTool.FLYWAY),
          Map.entry("mckaywrigley__chatbot-ui", MigrationTool.SUPABASE),
          Map.entry("ory__kratos", MigrationTool.POPX),
          Map.entry("ory__hydra", MigrationTool.POPX));

  private static Path corpus;
  private static final Map<String, DiscoveryResult> RESULTS = new TreeMap<>();

  @BeforeAll
  static void discoverCorpus() throws IOException {
    Optional<Path> found = locateCorpus();
    assumeTrue(found.isPresent(), "shared/corpus not found above the working directory; corpus test skipped");
    corpus = found.get();
    ProjectDiscovery discovery = new ProjectDiscovery();
    try (Stream<Path> projects = Files.list(corpus)) {
      for (Path p : projects.filter(Files::isDirectory).sorted().toList()) {
        RESULTS.put(p.getFileName().toString(), discovery.discover(List.of(p), Optional.empty(), Optional.empty()));
      }
    }
  }

  static Optional<Path> locateCorpus() {
    String explicit = System.getenv("LOCKSTEP_CORPUS");
    if (explicit != null && Files.isDirectory(Path.of(explicit))) {
      return Optional.of(Path.of(explicit));
    }
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("linter-core"))) {
      d = d.getParent();
    }
    for (; d != null; d = d.getParent()) {
      Path c = d.resolve("shared").resolve("corpus");
      if (Files.isRegularFile(c.resolve("MANIFEST.md"))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Test
  void detectsTheToolOfEveryUnambiguousProject() {
    StringBuilder summary = new StringBuilder("corpus discovery:\n");
    List<String> wrong = new ArrayList<>();
    RESULTS.forEach(
        (project, result) -> {
          for (DiscoveryResult.Target t : result.sets()) {
            MigrationSet s = t.set();
            summary.append(
                String.format(
                    "  %-28s %-15s %-10s up=%4d down=%4d %s%n",
                    project,
                    s.tool().id(),
                    s.dialect().id(),
                    s.files().size(),
                    s.downFiles().size(),
                    corpus.resolve(project).relativize(s.root())));
            MigrationTool expected = EXPECTED.get(project);
            if (expected != null && s.tool() != expected) {
              wrong.add(project + " " + s.root() + ": " + s.tool().id() + " instead of " + expected.id());
            }
          }
          result.problems().forEach(p -> summary.append("  problem: ").append(p).append('\n'));
          if (!result.skipped().isEmpty()) {
            summary.append("  ").append(project).append(": skipped ").append(result.skipped().size()).append('\n');
          }
          if (EXPECTED.containsKey(project) && result.sets().isEmpty()) {
            wrong.add(project + ": no set found");
          }
        });
    System.out.print(summary);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void everyPostgresqlFileIsDiscoveredExactlyOnce() throws IOException {
    checkCoverage("postgresql.txt", Dialect.POSTGRESQL);
  }

  @Test
  void everyMysqlFileIsDiscoveredExactlyOnce() throws IOException {
    checkCoverage("mysql.txt", Dialect.MYSQL);
  }

  @Test
  void directivesAndNamesSetTheExecutionModel() throws IOException {
    java.util.regex.Pattern gooseNoTx = java.util.regex.Pattern.compile("(?im)^--\\s*\\+goose\\s+no\\s+transaction\\s*$");
    Map<String, Map<ExecutionModel, Integer>> models = new TreeMap<>();
    int gooseMarked = 0;
    int gooseAutocommit = 0;
    int popxNamed = 0;
    int popxAutocommit = 0;
    for (Map.Entry<String, DiscoveryResult> e : RESULTS.entrySet()) {
      for (DiscoveryResult.Target t : e.getValue().sets()) {
        List<MigrationFile> all = new ArrayList<>(t.set().files());
        all.addAll(t.set().downFiles());
        for (MigrationFile f : all) {
          String text = Files.readString(f.path(), java.nio.charset.StandardCharsets.ISO_8859_1);
          ExecutionModel m =
              ExecutionDirectives.effectiveModel(f, dev.lockstep.core.source.Splitter.split(text, f.dialect()).comments());
          models.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).merge(m, 1, Integer::sum);
          if (f.tool() == MigrationTool.GOOSE) {
            gooseMarked += gooseNoTx.matcher(text).find() ? 1 : 0;
            gooseAutocommit += m == ExecutionModel.AUTOCOMMIT ? 1 : 0;
          }
          if (f.tool() == MigrationTool.POPX) {
            popxNamed += f.path().getFileName().toString().contains(".autocommit.") ? 1 : 0;
            popxAutocommit += m == ExecutionModel.AUTOCOMMIT ? 1 : 0;
          }
        }
      }
    }
    StringBuilder summary = new StringBuilder("execution models:\n");
    models.forEach((project, counts) -> summary.append(String.format("  %-28s %s%n", project, counts)));
    System.out.print(summary);
    assertTrue(gooseMarked > 0, "the corpus has goose NO TRANSACTION files");
    assertEquals(gooseMarked, gooseAutocommit, "goose files marked NO TRANSACTION");
    assertTrue(popxNamed > 0, "the corpus has popx .autocommit. files");
    assertEquals(popxNamed, popxAutocommit, "popx .autocommit. files");
  }

  private void checkCoverage(String list, Dialect dialect) throws IOException {
    Map<String, Integer> seen = new TreeMap<>();
    for (DiscoveryResult result : RESULTS.values()) {
      for (DiscoveryResult.Target t : result.sets()) {
        if (t.set().dialect() != dialect) {
          continue;
        }
        for (MigrationFile f : t.set().files()) {
          seen.merge(corpus.relativize(f.path()).toString().replace('\\', '/'), 1, Integer::sum);
        }
        for (MigrationFile f : t.set().downFiles()) {
          seen.merge(corpus.relativize(f.path()).toString().replace('\\', '/'), 1, Integer::sum);
        }
      }
    }
    List<String> expected = Files.readAllLines(corpus.resolve(list)).stream().filter(l -> !l.isBlank()).toList();
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    for (String path : expected) {
      int n = seen.getOrDefault(path, 0);
      if (n == 0) {
        missing.add(path);
      } else if (n > 1) {
        duplicated.add(path);
      }
    }
    long extra = seen.keySet().stream().filter(p -> !expected.contains(p)).count();
    System.out.printf(
        "%s: %d listed, %d discovered as %s, %d missing, %d duplicated, %d extra%n",
        list, expected.size(), seen.size(), dialect.id(), missing.size(), duplicated.size(), extra);
    seen.keySet().stream().filter(p -> !expected.contains(p)).limit(20).forEach(p -> System.out.println("  extra: " + p));
    assertEquals(List.of(), missing.stream().limit(30).toList(), "missing from " + dialect.id() + " sets");
    assertEquals(List.of(), duplicated.stream().limit(30).toList(), "discovered more than once");
  }
}
