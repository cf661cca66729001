package dev.lockstep.cli.report;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Findings for people: a header per finding, the message, a code frame with the finding's span
 * underlined, then what the statement does to the database, why that matters and how to fix it.
 */
public final class TextReporter implements Reporter {
  /** Statements with more lines than this are shown around the finding only. */
  static final int MAX_FRAME_LINES = 10;
  private static final int TAB_WIDTH = 4;

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    Ansi c = new Ansi(ctx.color());
    StringBuilder sb = new StringBuilder();
    for (Problem p : result.problems()) {
      sb.append(c.yellow("problem")).append(": ").append(ctx.problemPath(p.path())).append(": ").append(p.message())
          .append('\n');
    }
    if (!result.problems().isEmpty()) {
      sb.append('\n');
    }
    for (FileResult f : result.files()) {
      if (f.findings().isEmpty()) {
        continue;
      }
      LineIndex lines = f.lines();
      String path = ctx.displayPath(f.file());
      for (Finding x : f.findings()) {
        finding(sb, c, ctx, f, lines, path, x);
        out.write(sb.toString());
        sb.setLength(0);
      }
    }
    sb.append(c.bold(Summary.of(result).line())).append('\n');
    out.write(sb.toString());
    out.flush();
  }

  private void finding(StringBuilder sb, Ansi c, ReportContext ctx, FileResult f, LineIndex lines, String path,
      Finding x) {
    Position pos = Position.of(lines, x.span());
    sb.append(c.bold(path + ":" + pos.line() + ":" + pos.column())).append("  ")
        .append(c.severity(x.severity(), x.severity().id())).append("  ").append(c.dim(x.ruleId())).append('\n');
    sb.append("  ").append(x.message()).append('\n');

    Optional<StatementResult> stmt = f.statements().stream().filter(s -> s.index() == x.statementIndex()).findFirst();
    Span frame = stmt.map(StatementResult::span).orElse(x.span()).union(x.span());
    frame(sb, c, f.text(), lines, frame, x.span(), x.severity());

    if (stmt.isPresent()) {
      Effects e = stmt.get().effects();
      if (!e.known()) {
        sb.append("  ").append(c.blue("= effect:")).append(" unknown — lockstep does not understand all of this statement")
            .append('\n');
      }
      for (RelationEffect r : e.relations()) {
        sb.append("  ").append(c.blue("= effect:")).append(' ').append(EffectText.describe(r)).append('\n');
      }
    }
    Optional<RuleMeta> meta = ctx.rule(x.ruleId());
    String why = meta.map(RuleText::whySummary).orElse("");
    if (!why.isEmpty()) {
      sb.append("  ").append(c.blue("= why:")).append(' ').append(why).append('\n');
    }
    String help = x.help().strip();
    if (!help.isEmpty() || x.fix().isPresent()) {
      sb.append("  ").append(c.blue("= fix:")).append(' ').append(help);
      if (x.fix().isPresent()) {
        sb.append(help.isEmpty() ? "" : " ").append("(automatic fix: ").append(x.fix().get().title()).append(')');
      }
      sb.append('\n');
    }
    if (x.plan().isPresent()) {
      Plan plan = x.plan().get();
      sb.append("  ").append(c.blue("= plan:")).append(' ').append(plan.title()).append('\n');
      int n = 1;
      for (PlanStep step : plan.steps()) {
        sb.append("      ").append(n++).append(". [").append(step.kind().id()).append("] ").append(step.title());
        step.path().ifPresent(p -> sb.append(" (").append(p).append(')'));
        sb.append('\n');
      }
    }
    sb.append('\n');
  }

  /** The lines of {@code frame} with line numbers, {@code mark} underlined. */
  static void frame(StringBuilder sb, Ansi c, String text, LineIndex lines, Span frame, Span mark, Severity sev) {
    int first = lines.line(frame.start());
    int last = lines.line(Math.max(frame.start(), frame.end() - 1));
    int markFirst = lines.line(mark.start());
    int markLast = lines.line(Math.max(mark.start(), mark.end() - 1));
    TreeSet<Integer> shown = new TreeSet<>();
    if (last - first + 1 <= MAX_FRAME_LINES) {
      for (int l = first; l <= last; l++) {
        shown.add(l);
      }
    } else {
      shown.add(first);
      int from = Math.max(first, markFirst - 1);
      int to = Math.min(last, markLast + 1);
      if (to - from + 1 > MAX_FRAME_LINES - 1) {
        for (int l = from; l <= Math.min(to, markFirst + 5); l++) {
          shown.add(l);
        }
        for (int l = Math.max(from, to - 1); l <= to; l++) {
          shown.add(l);
        }
      } else {
        for (int l = from; l <= to; l++) {
          shown.add(l);
        }
      }
    }
    int width = String.valueOf(shown.last() + 1).length();
    String blank = " ".repeat(width);
    int prev = -1;
    for (int l : shown) {
      if (prev >= 0 && l > prev + 1) {
        sb.append("  ").append(c.blue(blank + " ...")).append('\n');
      }
      prev = l;
      int start = lines.lineStart(l);
      int end = l + 1 < lines.lineCount() ? lines.lineStart(l + 1) : text.length();
      String raw = text.substring(start, end).replaceAll("[\r\n]+$", "");
      String num = String.valueOf(l + 1);
      sb.append("  ").append(c.blue(" ".repeat(width - num.length()) + num + " |")).append(' ')
          .append(expandTabs(raw)).append('\n');
      int from = Math.max(mark.start(), start) - start;
      int to = Math.min(mark.end(), start + raw.length()) - start;
      boolean markHere = mark.length() == 0 ? l == markFirst : l >= markFirst && l <= markLast && to > from;
      if (markHere) {
        if (l > markFirst) {
          while (from < to && Character.isWhitespace(raw.charAt(from))) {
            from++;
          }
        }
        int col = width(raw, from);
        int len = Math.max(1, width(raw, Math.max(from, to)) - col);
        sb.append("  ").append(c.blue(blank + " |")).append(' ').append(" ".repeat(col))
            .append(c.severity(sev, "^".repeat(len))).append('\n');
      }
    }
    if (prev < last) {
      sb.append("  ").append(c.blue(blank + " ...")).append('\n');
    }
  }

  private static String expandTabs(String s) {
    if (s.indexOf('\t') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\t') {
        int pad = TAB_WIDTH - out.length() % TAB_WIDTH;
        out.append(" ".repeat(pad));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** Display width of the first {@code upTo} chars of {@code s} with tabs expanded. */
  private static int width(String s, int upTo) {
    int w = 0;
    for (int i = 0; i < Math.min(upTo, s.length()); i++) {
      w = s.charAt(i) == '\t' ? w + TAB_WIDTH - w % TAB_WIDTH : w + 1;
    }
    return w;
  }

  /** ANSI styling that turns into plain text when colors are off. */
  static final class Ansi {
    private final boolean on;

    Ansi(boolean on) {
      this.on = on;
    }

    String wrap(String code, String s) {
      return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    String bold(String s) {
      return wrap("1", s);
    }

    String dim(String s) {
      return wrap("2", s);
    }

    String blue(String s) {
      return wrap("34", s);
    }

    String yellow(String s) {
      return wrap("33", s);
    }

    String severity(Severity sev, String s) {
      switch (sev) {
        case ERROR:
          return wrap("1;31", s);
        case WARNING:
          return wrap("1;33", s);
        default:
          return wrap("1;36", s);
      }
    }
  }
}
