package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Golden;
import dev.lockstep.core.config.LockstepConfig;
import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Section;
import dev.lockstep.core.source.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON report's bytes against those Jackson's generator writes for the same result, with the
 * generator set up as the report used to be made: the pretty printer of {@link JsonReporter} and
 * {@link JsonReporter#file(JsonGenerator, ReportContext, FileResult, JsonReporter.StatementExtra)},
 * the Jackson-based form of a file's object that {@code lockstep trace} builds on.
 */
class JsonReportBytesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The whole report as Jackson writes it in one generator, followed by a line break as the report is. */
  static byte[] jacksonReport(LintResult result, ReportContext ctx) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(JsonReporter.prettyPrinter());
      g.writeStartObject();
      g.writeNumberField("version", JsonReporter.FORMAT_VERSION);
      g.writeNumberField("serverVersion", result.serverVersion());
      g.writeArrayFieldStart("files");
      for (FileResult f : result.files()) {
        JsonReporter.file(g, ctx, f, (s, gen) -> {});
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("problems");
      for (Problem p : result.problems()) {
        g.writeStartObject();
        g.writeStringField("path", ctx.problemPath(p.path()));
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** One file's text as Jackson writes it at its place in the report: from the line break before its object. */
  static byte[] jacksonFileText(ReportContext ctx, FileResult f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(JsonReporter.prettyPrinter());
      g.writeStartObject();
      g.writeArrayFieldStart("files");
      g.flush();
      out.reset();
      JsonReporter.file(g, ctx, f, (s, gen) -> {});
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] report(LintResult result, ReportContext ctx) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReporter().write(result, ctx, out);
    return out.toByteArray();
  }

  /** Every file's text and the whole report are the bytes Jackson writes; returns the report's size. */
  static int assertSameBytes(LintResult result, ReportContext ctx) throws IOException {
    for (FileResult f : result.files()) {
      byte[] expected = jacksonFileText(ctx, f);
      byte[] actual = JsonReporter.fileText(ctx, f);
      if (!java.util.Arrays.equals(expected, actual)) {
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
            "text of " + f.path());
        assertArrayEquals(expected, actual, "bytes of " + f.path());
      }
    }
    byte[] expected = jacksonReport(result, ctx);
    byte[] actual = report(result, ctx);
    if (!java.util.Arrays.equals(expected, actual)) {
      assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
      assertArrayEquals(expected, actual);
    }
    return actual.length;
  }

  static LintOptions defaultOptions() {
    RuleRegistry registry = RuleRegistry.load();
    return new OptionsResolver(registry).resolve(LockstepConfig.empty(), OptionsResolver.Overrides.none()).options();
  }

  static LintResult lint(List<Path> files, LintOptions options) {
    return LintService.createDefault().lint(files, options);
  }

  @Test
  void sampleResult() throws IOException {
    assertSameBytes(SampleResult.result(), SampleResult.context(false));
  }

  @Test
  void emptyReportsAndEmptyFiles() throws IOException {
    ReportContext ctx = SampleResult.context(false);
    assertSameBytes(new LintResult(List.of(), List.of(), 16), ctx);
    assertSameBytes(new LintResult(List.of(), List.of(new Problem("x.sql", "gone")), 14), ctx);
    FileResult empty = new FileResult("empty.sql", SampleResult.ROOT.resolve("empty.sql"), "", MigrationTool.PLAIN,
        Dialect.POSTGRESQL, ExecutionModel.IMPLICIT_TRANSACTION, List.of(), List.of());
    assertSameBytes(new LintResult(List.of(empty), List.of(), 16), ctx);
    assertSameBytes(new LintResult(List.of(empty, empty, empty), List.of(), 16), ctx);
  }

  @Test
  void exampleProject() throws IOException {
    Path root = Golden.repoRoot();
    Path example = root.resolve("examples/prisma-shop");
    LintResult result = lint(List.of(example), defaultOptions());
    assertTrue(result.files().size() >= 10, "files of the example: " + result.files().size());
    assertSameBytes(result, new ReportContext(defaultOptions().rules(), root, root, false, "1.2.3"));
  }

  @Test
  void ruleFixtures() throws IOException {
    Path root = Golden.repoRoot();
    Path fixtures = root.resolve("rules/src/test/resources/fixtures");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fixtures)) {
      files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertTrue(files.size() > 100, "fixtures: " + files.size());
    LintResult result = lint(files, defaultOptions());
    assertSameBytes(result, new ReportContext(defaultOptions().rules(), fixtures, fixtures, false, "1.2.3"));
    assertTrue(result.findings().stream().anyMatch(x -> x.fix().isPresent()), "a finding with a fix");
  }

  /** The project of the golden tests, whose migrations get plans. */
  @Test
  void goldenProject() throws IOException {
    Path dir = Golden.DIR.toAbsolutePath();
    LintResult result = lint(List.of(dir.resolve("project")), defaultOptions());
    assertSameBytes(result, new ReportContext(defaultOptions().rules(), dir, dir, false, "1.2.3"));
    assertTrue(result.findings().stream().anyMatch(x -> x.plan().isPresent()), "a finding with a plan");
  }

  /** Strings that need escaping or encoding, in every field that can hold them. */
  @Test
  void unusualStrings() throws IOException {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    List<String> strings = List.of("", controls.toString(), "\"quoted\" and \\back\\slashed\\", "a/b\u007f<>&'",
        "héllo, wörld ☕ € \u0080\u07ff\u0800\uffff\ufeff \u2028\u2029", "emoji 🎉😀 and 𝄞 at the end 🎉",
        "🎉", "x".repeat(998) + "🎉 at the end of the first piece of a long string",
        "y".repeat(999) + "🎉 across the first and second pieces",
        "z".repeat(1000) + "🎉 at the start of the second",
        "\t".repeat(700) + "🎉".repeat(700), "w".repeat(2999) + "🎉" + "\n".repeat(1500) + "🎉");
    ReportContext ctx = SampleResult.context(false);
    List<FileResult> files = new ArrayList<>();
    for (String s : strings) {
      files.add(fileWith(s));
    }
    assertSameBytes(new LintResult(files, List.of(new Problem(strings.get(1), strings.get(4))), 16), ctx);
  }

  /** A file whose findings, fix, plan and relation names hold {@code s}; absent optional parts and a null help too. */
  static FileResult fileWith(String s) {
    String text = "ALTER TABLE t ADD COLUMN c int;\nSELECT 1;\n";
    Span first = new Span(0, 31);
    Span second = new Span(32, 41);
    StatementResult st0 = new StatementResult(0, first, Section.UP, List.of(new Operation.Unrecognized(first, s)),
        TransactionState.Kind.EXPLICIT, new Effects(List.of(
            new RelationEffect(ObjectName.of("public", s), RelationKind.TABLE, LockMode.ACCESS_EXCLUSIVE, true, true),
            new RelationEffect(ObjectName.of(s), RelationKind.INDEX, LockMode.ACCESS_SHARE, false, false)),
            true, Optional.of(s), List.of(), true));
    StatementResult st1 = new StatementResult(1, second, Section.DOWN, List.of(), TransactionState.Kind.NONE,
        Effects.NONE);
    Finding withFix = new Finding(s, Severity.ERROR, s, s, 0, first,
        Optional.of(new Fix(s, List.of(new TextEdit(new Span(0, 0), s), new TextEdit(new Span(13, 13), "")))),
        Optional.empty());
    Finding withPlan = new Finding("rule", Severity.WARNING, s, null, 1, second, Optional.empty(),
        Optional.of(new Plan(s, List.of(new PlanStep(PlanStep.Kind.MIGRATION, s, Optional.of(s), Optional.of(s), s),
            new PlanStep(PlanStep.Kind.WAIT, s, Optional.empty(), Optional.empty(), s)))));
    Finding bare = new Finding("rule", Severity.INFO, null, "", 0, first, Optional.of(new Fix("", List.of())),
        Optional.of(new Plan("", List.of())));
    return new FileResult("f.sql", SampleResult.ROOT.resolve("dir/f.sql"), text, MigrationTool.FLYWAY,
        Dialect.POSTGRESQL, ExecutionModel.AUTOCOMMIT, List.of(st0, st1), List.of(withFix, withPlan, bare));
  }

  static byte[] jacksonString(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] string(String s) {
    ReportJsonWriter w = new ReportJsonWriter(4);
    w.string(s);
    return w.toByteArray();
  }

  /** Random strings of ASCII, controls, escapes, two- and three-byte characters and surrogate pairs, short and long. */
  @Test
  void randomStrings() {
    String[] pieces = {"a", "Z", " ", "0", "\"", "\\", "/", "\u007f", "\u0000", "\u001f", "\n", "\t", "\r", "\b",
        "\f", "\u000b", "é", "\u00ff", "\u0100", "\u07ff", "\u0800", "☕", "\ufffd", "\uffff", "🎉", "\ud800\udc00",
        "\udbff\udfff", "abcdefghij", "?"};
    Random random = new Random(20261121L);
    for (int n = 0; n < 4000; n++) {
      int length = random.nextInt(8) == 0 ? random.nextInt(3500) : random.nextInt(40);
      StringBuilder sb = new StringBuilder();
      while (sb.length() < length) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = sb.toString();
      assertArrayEquals(jacksonString(s), string(s), () -> "string of " + s.length() + " chars: " + s);
      // the same written as two parts around a separator, as a qualified name is
      int cut = random.nextInt(s.length() + 1);
      if (cut > 0 && cut < s.length() && Character.isLowSurrogate(s.charAt(cut))) {
        cut--; // not between the halves of a pair: the generator would join the high half with the separator
      }
      ReportJsonWriter w = new ReportJsonWriter(4);
      w.string(s.substring(0, cut), '.', s.substring(cut));
      assertArrayEquals(jacksonString(s.substring(0, cut) + "." + s.substring(cut)), w.toByteArray(), s);
    }
    // mostly printable ASCII (written by one bulk copy), with now and then one character that is not
    String[] rare = {"?", "\"", "\\", "\n", "\u007f", "é", "\u00ff", "\u0100", "\u013f", "\u0141", "☕", "🎉"}; // lone surrogates: see loneSurrogates
    for (int n = 0; n < 4000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(8) == 0 ? random.nextInt(3000) : random.nextInt(60);
      while (sb.length() < length) {
        sb.append((char) (0x20 + random.nextInt(0x5f)));
      }
      if (random.nextBoolean()) {
        sb.insert(random.nextInt(sb.length() + 1), rare[random.nextInt(rare.length)]);
      }
      String s = sb.toString();
      assertArrayEquals(jacksonString(s), string(s), () -> "string of " + s.length() + " chars: " + s);
    }
    // every position of a pair around the first three pieces' boundaries, after ASCII and after other characters
    for (String filler : List.of("a", "é", "\n")) {
      for (int before = 990; before < 3010; before++) {
        if (before % 1000 > 10 && before % 1000 < 990) {
          continue;
        }
        String s = filler.repeat(before) + "🎉x";
        assertArrayEquals(jacksonString(s), string(s), "pair after " + before + " of " + filler);
      }
    }
  }

  /** A surrogate without its other half: escaped, so the text is valid JSON and reads back as the same string. */
  @Test
  void loneSurrogates() throws IOException {
    assertEquals("\"\\uD83C\"", new String(string("\ud83c"), StandardCharsets.UTF_8));
    assertEquals("\"x\\uDF89y\"", new String(string("x\udf89y"), StandardCharsets.UTF_8));
    assertEquals("\"x\\uD83Cy\"", new String(string("x\ud83cy"), StandardCharsets.UTF_8));
    assertEquals("\"\\uDF89\\uD83C\"", new String(string("\udf89\ud83c"), StandardCharsets.UTF_8));
    assertEquals("\"\\uD83C\uD83C\uDF89\"", new String(string("\ud83c\ud83c\udf89"), StandardCharsets.UTF_8));
    // where the generator writes a lone surrogate correctly (at the end, a low one), the bytes are its own
    for (String s : List.of("\ud83c", "ab\ud83c", "\udf89", "x\udf89y", "\udf89\ud83c", "🎉\udf89", "é\udbff")) {
      assertArrayEquals(jacksonString(s), string(s), s);
    }
    List<String> strings = List.of("\ud83c", "x\ud83cy", "\udf89", "x\udf89y", "\udf89\ud83c", "\ud83c\ud83c\udf89",
        "\ud83c\n", "a\ud83c\"", "🎉\udf89🎉", "\ud800".repeat(5), "\udfff".repeat(1500) + "\ud800");
    for (String s : strings) {
      byte[] text = string(s);
      assertEquals(s, JSON.readValue(text, String.class), "read back");
      // the bytes are valid UTF-8 (no surrogate encoded as three bytes)
      assertTrue(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(text)).length() > 0);
    }
    // in a whole report, which a JSON parser reads back
    List<FileResult> files = new ArrayList<>();
    for (String s : strings) {
      files.add(fileWith(s));
    }
    byte[] report = report(new LintResult(files, List.of(), 16), SampleResult.context(false));
    com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(report);
    for (int i = 0; i < strings.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode finding = root.get("files").get(i).get("findings").get(0);
      assertEquals(strings.get(i), finding.get("message").asText());
      assertEquals(strings.get(i), finding.get("fix").get("edits").get(0).get("text").asText());
    }
  }

  @Test
  void numbers() {
    for (int v : new int[] {0, 1, 9, 10, 99, 100, 12345, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, -1, -10,
        -2_147_483_647, Integer.MIN_VALUE}) {
      ReportJsonWriter w = new ReportJsonWriter(1);
      w.number(v);
      assertEquals(Integer.toString(v), new String(w.toByteArray(), StandardCharsets.US_ASCII));
    }
  }

  /** The PostgreSQL corpus ({@code shared/corpus/postgresql.txt}), when it is there. */
  @Test
  void postgresqlCorpus() throws IOException {
    Optional<Path> list = Golden.shared("corpus/postgresql.txt");
    assumeTrue(list.isPresent(), "shared/corpus/postgresql.txt not found: corpus comparison skipped");
    Path corpus = list.get().getParent();
    List<Path> files = Files.readAllLines(list.get(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
        .map(l -> corpus.resolve(l.strip())).toList();
    LintOptions options = defaultOptions();
    LintResult result = lint(files, options);
    int size = assertSameBytes(result, new ReportContext(options.rules(), corpus, corpus, false, "1.2.3"));
    System.out.printf("corpus: %d files, %d report bytes the same as the generator's%n", result.files().size(), size);
  }
}
