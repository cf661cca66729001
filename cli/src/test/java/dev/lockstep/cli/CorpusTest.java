package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.report.JsonReporter;
import dev.lockstep.cli.report.ReportContext;
import dev.lockstep.cli.report.SarifReporter;
import dev.lockstep.core.config.LockstepConfig;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.OptionsResolver;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole PostgreSQL corpus ({@code shared/corpus/postgresql.txt}) in one run: no internal
 * error, every statement accounted for, and SARIF that the validator accepts.
 */
class CorpusTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path corpus;
  static List<Path> files;
  static LintResult result;
  static ReportContext context;

  @BeforeAll
  static void lintCorpus() throws IOException {
    Optional<Path> list = Golden.shared("corpus/postgresql.txt");
    if (list.isEmpty()) {
      return;
    }
    corpus = list.get().getParent();
    files = Files.readAllLines(list.get(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
        .map(l -> corpus.resolve(l.strip())).toList();
    RuleRegistry registry = RuleRegistry.load();
    LintOptions options = new OptionsResolver(registry).resolve(LockstepConfig.empty(),
        OptionsResolver.Overrides.none()).options();
    long t0 = System.nanoTime();
    try {
      result = Services.lintService().lint(files, options);
    } catch (RuntimeException e) {
      fail("internal error linting the corpus", e);
    }
    System.out.printf("corpus: linted %d files in %.1f s%n", files.size(), (System.nanoTime() - t0) / 1e9);
    context = new ReportContext(options.rules(), corpus, corpus, false, Project.version());
  }

  @Test
  void everyStatementIsAccountedFor() throws IOException {
    assumeTrue(result != null, "shared/corpus/postgresql.txt not found: corpus test skipped");
    StringWriter w = new StringWriter();
    new JsonReporter().write(result, context, w);
    JsonNode root = JSON.readTree(w.toString());

    Set<String> listed = new HashSet<>();
    files.forEach(f -> listed.add(corpus.relativize(f).toString()));
    Set<String> linted = new HashSet<>();
    int statements = 0;
    int recognized = 0;
    int findings = 0;
    Map<String, Integer> perRule = new TreeMap<>();
    for (JsonNode f : root.get("files")) {
      String path = f.get("path").asText();
      linted.add(path);
      String text = read(corpus.resolve(path));
      int split = Splitter.split(text, Dialect.valueOf(f.get("dialect").asText().toUpperCase(java.util.Locale.ROOT))).statements().size();
      assertEquals(split, f.get("statements").size(), "statements of " + path);
      for (JsonNode s : f.get("statements")) {
        statements++;
        recognized += s.get("recognized").asBoolean() ? 1 : 0;
      }
      for (JsonNode x : f.get("findings")) {
        findings++;
        perRule.merge(x.get("ruleId").asText(), 1, Integer::sum);
      }
    }
    Set<String> problems = new HashSet<>();
    root.get("problems").forEach(p -> problems.add(p.get("path").asText()));
    for (String l : listed) {
      assertTrue(linted.contains(l) || problems.contains(l), l + " is neither linted nor reported as a problem");
    }

    System.out.printf("corpus: %d files listed, %d linted, %d problems%n", listed.size(), linted.size(),
        root.get("problems").size());
    System.out.printf("corpus: %d statements, %.1f%% recognized, %d findings, %.3f findings per statement%n",
        statements, 100.0 * recognized / Math.max(1, statements), findings, (double) findings / Math.max(1, statements));
    perRule.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> System.out.printf("corpus:   %6d  %s%n", e.getValue(), e.getKey()));
  }

  @Test
  void sarifOfTheWholeCorpusPassesTheValidator() throws Exception {
    assumeTrue(result != null, "shared/corpus/postgresql.txt not found: corpus test skipped");
    Path out = Path.of("target/corpus-postgresql.sarif");
    Files.createDirectories(out.getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      new SarifReporter().write(result, context, w);
    }
    JsonNode run = JSON.readTree(out.toFile()).get("runs").get(0);
    assertEquals(result.findings().size(), run.get("results").size());
    Optional<Path> tool = SarifValidator.tool();
    assumeTrue(tool.isPresent(), "shared/tools/validate-sarif not found: SARIF validation skipped");
    SarifValidator.Outcome o = SarifValidator.validate(tool.get(), out);
    System.out.println("validate-sarif (corpus, " + run.get("results").size() + " results): " + o.errors()
        + " errors, " + o.warnings() + " warnings");
    assertEquals(0, o.errors(), o.output());
    assertEquals(0, o.exitCode(), o.output());
  }

  static String read(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
