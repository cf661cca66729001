package dev.lockstep.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The machine-readable report; its format is documented in {@code docs/json-format.md}. */
public final class JsonReporter implements Reporter {
  /** Bumped on incompatible changes to the format. */
  public static final int FORMAT_VERSION = 1;

  /** Writes characters outside the BMP as themselves in UTF-8, as a Writer-based generator does, not as escapes. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** Files formatted in parallel before their texts are written: bounds the memory the texts take. */
  private static final int FORMAT_BATCH = 256;

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    write(result, ctx, (bytes, offset, length) -> out.write(new String(bytes, offset, length, StandardCharsets.UTF_8)));
    out.flush();
  }

  @Override
  public void write(LintResult result, ReportContext ctx, OutputStream out) throws IOException {
    write(result, ctx, out::write);
    out.flush();
  }

  /** Where the report's UTF-8 text goes, a piece at a time. */
  private interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
      write(bytes, 0, bytes.length);
    }
  }

  private static void write(LintResult result, ReportContext ctx, Sink out) throws IOException {
    // Each file's object is formatted on its own, at the depth it has in the report, a batch of
    // files in parallel at a time; the report is those texts in order inside the envelope written here.
    // The writers of one batch are used again for the next.
    java.util.List<FileResult> files = result.files();
    out.write(("{\n  \"version\": " + FORMAT_VERSION + ",\n  \"serverVersion\": " + result.serverVersion()
        + ",\n  \"files\": [").getBytes(StandardCharsets.UTF_8));
    java.nio.file.Path dir = JsonFileText.base(ctx);
    ReportJsonWriter[] parts = new ReportJsonWriter[Math.min(files.size(), FORMAT_BATCH)];
    byte[] comma = {','};
    for (int from = 0; from < files.size(); from += parts.length) {
      int base = from;
      int n = Math.min(parts.length, files.size() - from);
      java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
        ReportJsonWriter w = parts[i];
        if (w == null || w.capacity() > KEEP_WRITER) {
          w = new ReportJsonWriter(16 * 1024);
          parts[i] = w;
        } else {
          w.reset();
        }
        JsonFileText.write(w, dir, files.get(base + i));
      });
      for (int i = 0; i < n; i++) {
        if (base + i > 0) {
          out.write(comma);
        }
        out.write(parts[i].array(), 0, parts[i].size());
      }
    }
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    try (JsonGenerator g = generator(tail)) {
      g.writeStartObject();
      g.flush();
      tail.reset();
      // the end of the files; the problems come second in the object: a comma, then the field as
      // the generator writes a first one (line break, indentation)
      tail.write((files.isEmpty() ? "]" : "\n  ]").getBytes(StandardCharsets.UTF_8));
      tail.write(',');
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
    tail.write('\n');
    out.write(tail.toByteArray());
  }

  private static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    g.setPrettyPrinter(prettyPrinter());
    return g;
  }

  /**
   * One element of {@code files} as the report has it, in UTF-8: a line break, its indentation, the
   * object (the report itself formats its files into writers it uses again, without this copy).
   */
  static byte[] fileText(ReportContext ctx, FileResult f) {
    ReportJsonWriter w = new ReportJsonWriter(8192);
    JsonFileText.write(w, JsonFileText.base(ctx), f);
    return w.toByteArray();
  }

  /** A writer that grew larger than this for a large file is not used again. */
  private static final int KEEP_WRITER = 1024 * 1024;

  public static DefaultPrettyPrinter prettyPrinter() {
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    pp.indentArraysWith(indenter);
    pp.indentObjectsWith(indenter);
    return pp;
  }

  /** Adds fields of its own to the object of one statement (other reports built on this format). */
  public interface StatementExtra {
    void write(StatementResult statement, JsonGenerator g) throws IOException;
  }

  /**
   * One element of {@code files}, with {@code extra} fields in each statement object, through a
   * generator: the form the trace report builds on. The lint report writes the same text with
   * {@link JsonFileText}.
   */
  public static void file(JsonGenerator g, ReportContext ctx, FileResult f, StatementExtra extra) throws IOException {
    LineIndex lines = f.lines();
    g.writeStartObject();
    g.writeStringField("path", ctx.displayPath(f.file()));
    g.writeStringField("tool", f.tool().id());
    g.writeStringField("dialect", f.dialect().id());
    g.writeStringField("executionModel", f.executionModel().id());
    g.writeArrayFieldStart("statements");
    for (StatementResult s : f.statements()) {
      statement(g, lines, s, extra);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("findings");
    for (Finding x : f.findings()) {
      finding(g, lines, x);
    }
    g.writeEndArray();
  }

  private static void statement(JsonGenerator g, LineIndex lines, StatementResult s, StatementExtra extra)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", s.index());
    position(g, lines, s.span());
    g.writeStringField("section", s.section().name().toLowerCase(Locale.ROOT));
    g.writeArrayFieldStart("operations");
    for (String kind : s.operationKinds()) {
      g.writeString(kind);
    }
    g.writeEndArray();
    g.writeBooleanField("recognized", s.recognized());
    g.writeBooleanField("inTransaction", s.inTransaction());
    g.writeArrayFieldStart("effects");
    for (RelationEffect r : s.effects().relations()) {
      g.writeStartObject();
      g.writeStringField("relation", r.relation().display());
      g.writeStringField("lock", r.lock().sql());
      g.writeArrayFieldStart("blocks");
      for (LockMode.Blocked b : r.lock().blocks()) {
        g.writeString(b.id());
      }
      g.writeEndArray();
      g.writeBooleanField("rewrite", r.rewrite());
      g.writeBooleanField("scan", r.scan());
      g.writeStringField("scanKind", r.scanKind().id());
      g.writeEndObject();
    }
    g.writeEndArray();
    extra.write(s, g);
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, LineIndex lines, Finding x) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", x.ruleId());
    g.writeStringField("severity", x.severity().id());
    g.writeStringField("message", x.message());
    g.writeStringField("help", x.help());
    g.writeNumberField("statementIndex", x.statementIndex());
    position(g, lines, x.span());
    g.writeFieldName("fix");
    if (x.fix().isPresent()) {
      Fix fix = x.fix().get();
      g.writeStartObject();
      g.writeStringField("title", fix.title());
      g.writeArrayFieldStart("edits");
      for (TextEdit e : fix.edits()) {
        g.writeStartObject();
        position(g, lines, e.span());
        g.writeStringField("text", e.replacement());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeNull();
    }
    g.writeFieldName("plan");
    if (x.plan().isPresent()) {
      Plan plan = x.plan().get();
      g.writeStartObject();
      g.writeStringField("title", plan.title());
      g.writeArrayFieldStart("steps");
      for (PlanStep step : plan.steps()) {
        g.writeStartObject();
        g.writeStringField("kind", step.kind().id());
        g.writeStringField("title", step.title());
        optional(g, "path", step.path());
        optional(g, "sql", step.sql());
        g.writeStringField("why", step.why());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    } else {
      g.writeNullField(name);
    }
  }

  private static void position(JsonGenerator g, LineIndex lines, Span span) throws IOException {
    Position p = Position.of(lines, span);
    g.writeNumberField("line", p.line());
    g.writeNumberField("column", p.column());
    g.writeNumberField("endLine", p.endLine());
    g.writeNumberField("endColumn", p.endColumn());
  }
}
