package dev.lockstep.cli.report;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.ScanKind;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Section;
import dev.lockstep.core.source.Span;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One element of the JSON report's {@code files} as {@link JsonReporter} writes it: a line break,
 * its indentation and the file's object, with a {@link ReportJsonWriter}. The text is the one
 * {@link JsonReporter#file(com.fasterxml.jackson.core.JsonGenerator, ReportContext, FileResult,
 * JsonReporter.StatementExtra)} writes (with no extra fields), which {@code lockstep trace} builds on.
 */
final class JsonFileText {
  private JsonFileText() {}

  // The fixed parts, by the level of indentation of what follows them: the file's fields are at
  // level 3 (the report's object, its array of files and the file's object come before them).
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
  private static final byte[] ITEM_END = ReportJsonWriter.close(5, '}');
  private static final byte[][] ITEM_POSITION = position(5, false);
  private static final byte[] STATEMENT_INDEX = ReportJsonWriter.firstField(5, "index");
  private static final byte[] STATEMENT_SECTION = ReportJsonWriter.field(5, "section");
  private static final byte[] STATEMENT_OPERATIONS = ReportJsonWriter.field(5, "operations");
  private static final byte[] STATEMENT_RECOGNIZED = ReportJsonWriter.field(5, "recognized");
  private static final byte[] STATEMENT_IN_TRANSACTION = ReportJsonWriter.field(5, "inTransaction");
  private static final byte[] STATEMENT_EFFECTS = ReportJsonWriter.field(5, "effects");
  private static final byte[][] SECTIONS = quoted(Section.values(), s -> s.name().toLowerCase(Locale.ROOT));
  // operations and effects: the elements of a statement's arrays
  private static final byte[] PART_FIRST = ReportJsonWriter.firstElement(6);
  private static final byte[] PART_NEXT = ReportJsonWriter.element(6);
  private static final byte[] PARTS_END = ReportJsonWriter.close(6, ']');
  private static final byte[] EFFECT_RELATION = ReportJsonWriter.firstField(7, "relation");
  /** Per lock mode, an effect's fields {@code lock} and {@code blocks}, which depend on the mode alone. */
  private static final byte[][] LOCKS = locks();
  /**
   * Per {@code rewrite}, {@code scan} and scan kind, the rest of an effect: those fields and the end
   * of its object.
   */
  private static final byte[][][][] EFFECT_ENDS = effectEnds();
  private static final byte[] FINDING_RULE_ID = ReportJsonWriter.firstField(5, "ruleId");
  private static final byte[] FINDING_SEVERITY = ReportJsonWriter.field(5, "severity");
  private static final byte[] FINDING_MESSAGE = ReportJsonWriter.field(5, "message");
  private static final byte[] FINDING_HELP = ReportJsonWriter.field(5, "help");
  private static final byte[] FINDING_STATEMENT_INDEX = ReportJsonWriter.field(5, "statementIndex");
  private static final byte[] FINDING_FIX = ReportJsonWriter.field(5, "fix");
  private static final byte[] FINDING_PLAN = ReportJsonWriter.field(5, "plan");
  private static final byte[][] SEVERITIES = quoted(Severity.values(), Severity::id);
  // a finding's fix and plan, their edits and steps
  private static final byte[] TITLE = ReportJsonWriter.firstField(6, "title");
  private static final byte[] FIX_EDITS = ReportJsonWriter.field(6, "edits");
  private static final byte[] PLAN_STEPS = ReportJsonWriter.field(6, "steps");
  private static final byte[] DETAIL_END = ReportJsonWriter.close(6, '}');
  private static final byte[] STEP_FIRST = ReportJsonWriter.firstElement(7);
  private static final byte[] STEP_NEXT = ReportJsonWriter.element(7);
  private static final byte[] STEPS_END = ReportJsonWriter.close(7, ']');
  private static final byte[][] EDIT_POSITION = position(8, true);
  private static final byte[] EDIT_TEXT = ReportJsonWriter.field(8, "text");
  private static final byte[] STEP_KIND = ReportJsonWriter.firstField(8, "kind");
  private static final byte[][] STEP_KINDS = quoted(PlanStep.Kind.values(), PlanStep.Kind::id);
  private static final byte[] STEP_TITLE = ReportJsonWriter.field(8, "title");
  private static final byte[] STEP_PATH = ReportJsonWriter.field(8, "path");
  private static final byte[] STEP_SQL = ReportJsonWriter.field(8, "sql");
  private static final byte[] STEP_WHY = ReportJsonWriter.field(8, "why");
  private static final byte[] STEP_END = ReportJsonWriter.close(8, '}');

  /** The names of a position's fields at {@code level}; {@code line} opens the object when it comes first. */
  private static byte[][] position(int level, boolean first) {
    return new byte[][] {first ? ReportJsonWriter.firstField(level, "line") : ReportJsonWriter.field(level, "line"),
        ReportJsonWriter.field(level, "column"), ReportJsonWriter.field(level, "endLine"),
        ReportJsonWriter.field(level, "endColumn")};
  }

  /** Per constant, its id as a JSON string. */
  private static <E extends Enum<E>> byte[][] quoted(E[] values, Function<E, String> id) {
    byte[][] texts = new byte[values.length][];
    for (E e : values) {
      ReportJsonWriter w = new ReportJsonWriter(32);
      w.string(id.apply(e));
      texts[e.ordinal()] = w.toByteArray();
    }
    return texts;
  }

  private static byte[][] locks() {
    byte[][] texts = new byte[LockMode.values().length][];
    for (LockMode mode : LockMode.values()) {
      ReportJsonWriter w = new ReportJsonWriter(128);
      w.raw(ReportJsonWriter.field(7, "lock"));
      w.string(mode.sql());
      w.raw(ReportJsonWriter.field(7, "blocks"));
      int i = 0;
      for (LockMode.Blocked b : mode.blocks()) {
        w.raw(i++ == 0 ? ReportJsonWriter.firstElement(8) : ReportJsonWriter.element(8));
        w.string(b.id());
      }
      w.raw(i == 0 ? EMPTY_ARRAY : ReportJsonWriter.close(8, ']'));
      texts[mode.ordinal()] = w.toByteArray();
    }
    return texts;
  }

  private static byte[][][][] effectEnds() {
    byte[][][][] texts = new byte[2][2][ScanKind.values().length][];
    for (int rewrite = 0; rewrite < 2; rewrite++) {
      for (int scan = 0; scan < 2; scan++) {
        for (ScanKind kind : ScanKind.values()) {
          ReportJsonWriter w = new ReportJsonWriter(128);
          w.raw(ReportJsonWriter.field(7, "rewrite"));
          w.bool(rewrite == 1);
          w.raw(ReportJsonWriter.field(7, "scan"));
          w.bool(scan == 1);
          w.raw(ReportJsonWriter.field(7, "scanKind"));
          w.string(kind.id());
          w.raw(ReportJsonWriter.close(7, '}'));
          texts[rewrite][scan][kind.ordinal()] = w.toByteArray();
        }
      }
    }
    return texts;
  }

  /** The directory of {@link ReportContext#displayPath}, as {@link #write} takes it. */
  static Path base(ReportContext ctx) {
    return ctx.workDir().toAbsolutePath().normalize();
  }

  /** Writes the text of {@code f}, its path relative to {@code base} (made by {@link #base} once for all files). */
  static void write(ReportJsonWriter w, Path base, FileResult f) {
    LineIndex lines = f.lines();
    w.raw(FILE_BREAK);
    w.raw(FILE_PATH);
    w.string(Paths.relativeToNormalized(base, f.file()));
    w.raw(FILE_TOOL);
    w.string(f.tool().id());
    w.raw(FILE_DIALECT);
    w.string(f.dialect().id());
    w.raw(FILE_EXECUTION_MODEL);
    w.string(f.executionModel().id());
    w.raw(FILE_STATEMENTS);
    List<StatementResult> statements = f.statements();
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
    List<Finding> findings = f.findings();
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

  /** A span's fields as every report has them ({@link Position#of}). */
  private static void position(ReportJsonWriter w, LineIndex lines, Span span, byte[][] names) {
    Position p = Position.of(lines, span);
    w.raw(names[0]);
    w.number(p.line());
    w.raw(names[1]);
    w.number(p.column());
    w.raw(names[2]);
    w.number(p.endLine());
    w.raw(names[3]);
    w.number(p.endColumn());
  }

  private static void statement(ReportJsonWriter w, LineIndex lines, StatementResult s) {
    w.raw(STATEMENT_INDEX);
    w.number(s.index());
    position(w, lines, s.span(), ITEM_POSITION);
    w.raw(STATEMENT_SECTION);
    w.raw(SECTIONS[s.section().ordinal()]);
    w.raw(STATEMENT_OPERATIONS);
    List<Operation> operations = s.operations();
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
    List<RelationEffect> effects = s.effects().relations();
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
    w.raw(EFFECT_ENDS[r.rewrite() ? 1 : 0][r.scan() ? 1 : 0][r.scanKind().ordinal()]);
  }

  private static void finding(ReportJsonWriter w, LineIndex lines, Finding x) {
    w.raw(FINDING_RULE_ID);
    w.string(x.ruleId());
    w.raw(FINDING_SEVERITY);
    w.raw(SEVERITIES[x.severity().ordinal()]);
    w.raw(FINDING_MESSAGE);
    w.string(x.message());
    w.raw(FINDING_HELP);
    w.string(x.help());
    w.raw(FINDING_STATEMENT_INDEX);
    w.number(x.statementIndex());
    position(w, lines, x.span(), ITEM_POSITION);
    w.raw(FINDING_FIX);
    if (x.fix().isPresent()) {
      Fix fix = x.fix().get();
      w.raw(TITLE);
      w.string(fix.title());
      w.raw(FIX_EDITS);
      List<TextEdit> edits = fix.edits();
      if (edits.isEmpty()) {
        w.raw(EMPTY_ARRAY);
      } else {
        for (int i = 0; i < edits.size(); i++) {
          TextEdit e = edits.get(i);
          w.raw(i == 0 ? STEP_FIRST : STEP_NEXT);
          position(w, lines, e.span(), EDIT_POSITION);
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
      List<PlanStep> steps = plan.steps();
      if (steps.isEmpty()) {
        w.raw(EMPTY_ARRAY);
      } else {
        for (int i = 0; i < steps.size(); i++) {
          PlanStep step = steps.get(i);
          w.raw(i == 0 ? STEP_FIRST : STEP_NEXT);
          w.raw(STEP_KIND);
          w.raw(STEP_KINDS[step.kind().ordinal()]);
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
}
