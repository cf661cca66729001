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
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Section;
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
        file(w, ctx, files.get(base + i));
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
   * object (the report itself formats its files into writers it uses again).
   */
  static byte[] fileText(ReportContext ctx, FileResult f) {
    ReportJsonWriter w = new ReportJsonWriter(8192);
    file(w, ctx, f);
    return w.toByteArray();
  }

  /** A writer that grew larger than this for a large file is not used again. */
  private static final int KEEP_WRITER = 1024 * 1024;

  // The fixed parts of a file's text, by the level of indentation of what follows them: the file's
  // fields are at level 3 (the report's object, its array of files and the file's object before them).
  private static final byte[] FILE_BREAK = ReportJsonWriter.lineBreak(2);
  private static final byte[] EMPTY_ARRAY = {'[', ']'};
  private static final byte[] FILE_PATH = ReportJsonWriter.firstField(3, "path");
  private static final byte[] FILE_TOOL = ReportJsonWriter.field(3, "tool");
  private static final byte[] FILE_DIALECT = ReportJsonWriter.field(3, "dialect");
  private static final byte[] FILE_EXECUTION_MODEL = ReportJsonWriter.field(3, "executionModel");
  private static final byte[] FILE_STATEMENTS = ReportJsonWriter.field(3, "statements");
  private static final byte[] FILE_FINDINGS = ReportJsonWriter.field(3, "findings");
  private static final byte[] FILE_END = ReportJsonWriter.close(3, '}');
  // statements and findings: the elements of the file's arrays
  private static final byte[] ITEM_FIRST = ReportJsonWriter.firstElement(4);
  private static final byte[] ITEM_NEXT = ReportJsonWriter.element(4);
  private static final byte[] ITEMS_END = ReportJsonWriter.close(4, ']');
  private static final byte[] STATEMENT_INDEX = ReportJsonWriter.firstField(5, "index");
  private static final byte[] LINE = ReportJsonWriter.field(5, "line");
  private static final byte[] COLUMN = ReportJsonWriter.field(5, "column");
  private static final byte[] END_LINE = ReportJsonWriter.field(5, "endLine");
  private static final byte[] END_COLUMN = ReportJsonWriter.field(5, "endColumn");
  private static final byte[] STATEMENT_SECTION = ReportJsonWriter.field(5, "section");
  private static final byte[] STATEMENT_OPERATIONS = ReportJsonWriter.field(5, "operations");
  private static final byte[] STATEMENT_RECOGNIZED = ReportJsonWriter.field(5, "recognized");
  private static final byte[] STATEMENT_IN_TRANSACTION = ReportJsonWriter.field(5, "inTransaction");
  private static final byte[] STATEMENT_EFFECTS = ReportJsonWriter.field(5, "effects");
  /** Per section, its name as a JSON string. */
  private static final byte[][] SECTIONS = new byte[Section.values().length][];

  static {
    for (Section section : Section.values()) {
      ReportJsonWriter w = new ReportJsonWriter(16);
      w.string(section.name().toLowerCase(Locale.ROOT));
      SECTIONS[section.ordinal()] = w.toByteArray();
    }
  }

  private static final byte[] ITEM_END = ReportJsonWriter.close(5, '}');
  // operations and effects: the elements of a statement's arrays
  private static final byte[] PART_FIRST = ReportJsonWriter.firstElement(6);
  private static final byte[] PART_NEXT = ReportJsonWriter.element(6);
  private static final byte[] PARTS_END = ReportJsonWriter.close(6, ']');
  private static final byte[] EFFECT_RELATION = ReportJsonWriter.firstField(7, "relation");
  private static final byte[] EFFECT_REWRITE = ReportJsonWriter.field(7, "rewrite");
  private static final byte[] EFFECT_SCAN = ReportJsonWriter.field(7, "scan");
  private static final byte[] EFFECT_SCAN_KIND = ReportJsonWriter.field(7, "scanKind");
  private static final byte[] EFFECT_END = ReportJsonWriter.close(7, '}');
  /** Per lock mode, its fields {@code lock} and {@code blocks}, which depend on the mode alone. */
  private static final byte[][] LOCKS = new byte[LockMode.values().length][];

  static {
    byte[] blockFirst = ReportJsonWriter.firstElement(8);
    byte[] blockNext = ReportJsonWriter.element(8);
    byte[] blocksEnd = ReportJsonWriter.close(8, ']');
    for (LockMode mode : LockMode.values()) {
      ReportJsonWriter w = new ReportJsonWriter(128);
      w.raw(ReportJsonWriter.field(7, "lock"));
      w.string(mode.sql());
      w.raw(ReportJsonWriter.field(7, "blocks"));
      int i = 0;
      for (LockMode.Blocked b : mode.blocks()) {
        w.raw(i++ == 0 ? blockFirst : blockNext);
        w.string(b.id());
      }
      w.raw(i == 0 ? EMPTY_ARRAY : blocksEnd);
      LOCKS[mode.ordinal()] = w.toByteArray();
    }
  }

  private static final byte[] FINDING_RULE_ID = ReportJsonWriter.firstField(5, "ruleId");
  private static final byte[] FINDING_SEVERITY = ReportJsonWriter.field(5, "severity");
  private static final byte[] FINDING_MESSAGE = ReportJsonWriter.field(5, "message");
  private static final byte[] FINDING_HELP = ReportJsonWriter.field(5, "help");
  private static final byte[] FINDING_STATEMENT_INDEX = ReportJsonWriter.field(5, "statementIndex");
  private static final byte[] FINDING_FIX = ReportJsonWriter.field(5, "fix");
  private static final byte[] FINDING_PLAN = ReportJsonWriter.field(5, "plan");
  // a finding's fix and plan, their edits and steps
  private static final byte[] TITLE = ReportJsonWriter.firstField(6, "title");
  private static final byte[] FIX_EDITS = ReportJsonWriter.field(6, "edits");
  private static final byte[] PLAN_STEPS = ReportJsonWriter.field(6, "steps");
  private static final byte[] DETAIL_END = ReportJsonWriter.close(6, '}');
  private static final byte[] STEP_FIRST = ReportJsonWriter.firstElement(7);
  private static final byte[] STEP_NEXT = ReportJsonWriter.element(7);
  private static final byte[] STEPS_END = ReportJsonWriter.close(7, ']');
  private static final byte[] EDIT_LINE = ReportJsonWriter.firstField(8, "line");
  private static final byte[] EDIT_COLUMN = ReportJsonWriter.field(8, "column");
  private static final byte[] EDIT_END_LINE = ReportJsonWriter.field(8, "endLine");
  private static final byte[] EDIT_END_COLUMN = ReportJsonWriter.field(8, "endColumn");
  private static final byte[] EDIT_TEXT = ReportJsonWriter.field(8, "text");
  private static final byte[] STEP_KIND = ReportJsonWriter.firstField(8, "kind");
  private static final byte[] STEP_TITLE = ReportJsonWriter.field(8, "title");
  private static final byte[] STEP_PATH = ReportJsonWriter.field(8, "path");
  private static final byte[] STEP_SQL = ReportJsonWriter.field(8, "sql");
  private static final byte[] STEP_WHY = ReportJsonWriter.field(8, "why");
  private static final byte[] STEP_END = ReportJsonWriter.close(8, '}');

  /** The text {@link #fileText} returns, the same as {@link #file(JsonGenerator, ReportContext, FileResult, StatementExtra)} writes. */
  private static void file(ReportJsonWriter w, ReportContext ctx, FileResult f) {
    LineIndex lines = f.lines();
    w.raw(FILE_BREAK);
    w.raw(FILE_PATH);
    w.string(ctx.displayPath(f.file()));
    w.raw(FILE_TOOL);
    w.string(f.tool().id());
    w.raw(FILE_DIALECT);
    w.string(f.dialect().id());
    w.raw(FILE_EXECUTION_MODEL);
    w.string(f.executionModel().id());
    w.raw(FILE_STATEMENTS);
    java.util.List<StatementResult> statements = f.statements();
    if (statements.isEmpty()) {
      w.raw(EMPTY_ARRAY);
    } else {
      for (int i = 0; i < statements.size(); i++) {
        w.raw(i == 0 ? ITEM_FIRST : ITEM_NEXT);
        statement(w, lines, statements.get(i));
      }
      w.raw(ITEMS_END);
    }
    w.raw(FILE_FINDINGS);
    java.util.List<Finding> findings = f.findings();
    if (findings.isEmpty()) {
      w.raw(EMPTY_ARRAY);
    } else {
      for (int i = 0; i < findings.size(); i++) {
        w.raw(i == 0 ? ITEM_FIRST : ITEM_NEXT);
        finding(w, lines, findings.get(i));
      }
      w.raw(ITEMS_END);
    }
    w.raw(FILE_END);
  }

  private static void statement(ReportJsonWriter w, LineIndex lines, StatementResult s) {
    w.raw(STATEMENT_INDEX);
    w.number(s.index());
    Position p = Position.of(lines, s.span());
    w.raw(LINE);
    w.number(p.line());
    w.raw(COLUMN);
    w.number(p.column());
    w.raw(END_LINE);
    w.number(p.endLine());
    w.raw(END_COLUMN);
    w.number(p.endColumn());
    w.raw(STATEMENT_SECTION);
    w.raw(SECTIONS[s.section().ordinal()]);
    w.raw(STATEMENT_OPERATIONS);
    java.util.List<Operation> operations = s.operations();
    if (operations.isEmpty()) {
      w.raw(EMPTY_ARRAY);
    } else {
      for (int i = 0; i < operations.size(); i++) {
        w.raw(i == 0 ? PART_FIRST : PART_NEXT);
        w.string(operations.get(i).kind());
      }
      w.raw(PARTS_END);
    }
    w.raw(STATEMENT_RECOGNIZED);
    w.bool(s.recognized());
    w.raw(STATEMENT_IN_TRANSACTION);
    w.bool(s.inTransaction());
    w.raw(STATEMENT_EFFECTS);
    java.util.List<RelationEffect> effects = s.effects().relations();
    if (effects.isEmpty()) {
      w.raw(EMPTY_ARRAY);
    } else {
      for (int i = 0; i < effects.size(); i++) {
        w.raw(i == 0 ? PART_FIRST : PART_NEXT);
        effect(w, effects.get(i));
      }
      w.raw(PARTS_END);
    }
    w.raw(ITEM_END);
  }

  private static void effect(ReportJsonWriter w, RelationEffect r) {
    w.raw(EFFECT_RELATION);
    ObjectName relation = r.relation();
    // its display(), without making that string
    if (relation.qualified()) {
      w.string(relation.schema(), '.', relation.name());
    } else {
      w.string(relation.name());
    }
    w.raw(LOCKS[r.lock().ordinal()]);
    w.raw(EFFECT_REWRITE);
    w.bool(r.rewrite());
    w.raw(EFFECT_SCAN);
    w.bool(r.scan());
    w.raw(EFFECT_SCAN_KIND);
    w.string(r.scanKind().id());
    w.raw(EFFECT_END);
  }

  private static void finding(ReportJsonWriter w, LineIndex lines, Finding x) {
    w.raw(FINDING_RULE_ID);
    w.string(x.ruleId());
    w.raw(FINDING_SEVERITY);
    w.string(x.severity().id());
    w.raw(FINDING_MESSAGE);
    w.string(x.message());
    w.raw(FINDING_HELP);
    w.string(x.help());
    w.raw(FINDING_STATEMENT_INDEX);
    w.number(x.statementIndex());
    Position p = Position.of(lines, x.span());
    w.raw(LINE);
    w.number(p.line());
    w.raw(COLUMN);
    w.number(p.column());
    w.raw(END_LINE);
    w.number(p.endLine());
    w.raw(END_COLUMN);
    w.number(p.endColumn());
    w.raw(FINDING_FIX);
    if (x.fix().isPresent()) {
      Fix fix = x.fix().get();
      w.raw(TITLE);
      w.string(fix.title());
      w.raw(FIX_EDITS);
      java.util.List<TextEdit> edits = fix.edits();
      if (edits.isEmpty()) {
        w.raw(EMPTY_ARRAY);
      } else {
        for (int i = 0; i < edits.size(); i++) {
          TextEdit e = edits.get(i);
          w.raw(i == 0 ? STEP_FIRST : STEP_NEXT);
          Position q = Position.of(lines, e.span());
          w.raw(EDIT_LINE);
          w.number(q.line());
          w.raw(EDIT_COLUMN);
          w.number(q.column());
          w.raw(EDIT_END_LINE);
          w.number(q.endLine());
          w.raw(EDIT_END_COLUMN);
          w.number(q.endColumn());
          w.raw(EDIT_TEXT);
          w.string(e.replacement());
          w.raw(STEP_END);
        }
        w.raw(STEPS_END);
      }
      w.raw(DETAIL_END);
    } else {
      w.nul();
    }
    w.raw(FINDING_PLAN);
    if (x.plan().isPresent()) {
      Plan plan = x.plan().get();
      w.raw(TITLE);
      w.string(plan.title());
      w.raw(PLAN_STEPS);
      java.util.List<PlanStep> steps = plan.steps();
      if (steps.isEmpty()) {
        w.raw(EMPTY_ARRAY);
      } else {
        for (int i = 0; i < steps.size(); i++) {
          PlanStep step = steps.get(i);
          w.raw(i == 0 ? STEP_FIRST : STEP_NEXT);
          w.raw(STEP_KIND);
          w.string(step.kind().id());
          w.raw(STEP_TITLE);
          w.string(step.title());
          w.raw(STEP_PATH);
          w.string(step.path().orElse(null));
          w.raw(STEP_SQL);
          w.string(step.sql().orElse(null));
          w.raw(STEP_WHY);
          w.string(step.why());
          w.raw(STEP_END);
        }
        w.raw(STEPS_END);
      }
      w.raw(DETAIL_END);
    } else {
      w.nul();
    }
    w.raw(ITEM_END);
  }

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

  /** One element of {@code files}, with {@code extra} fields in each statement object. */
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
