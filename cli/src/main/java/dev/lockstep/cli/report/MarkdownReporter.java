package dev.lockstep.cli.report;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull/merge request comment body (GitHub-flavored Markdown, also rendered by GitLab): a
 * heading with the counts, a table with one row per file that has findings (errors, warnings,
 * the strongest lock its statements take), then each finding with its statement, what the
 * statement does to the database, the fix and the plan with each step's SQL. Paths are relative
 * to the repository root.
 */
public final class MarkdownReporter implements Reporter {
  /** A hidden marker a CI job can search for to update its earlier comment instead of adding one. */
  public static final String MARKER = "<!-- lockstep-report -->";
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    Summary s = Summary.of(result);
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append('\n');
    sb.append("## lockstep: ").append(s.line()).append("\n\n");

    boolean any = result.files().stream().anyMatch(f -> !f.findings().isEmpty());
    if (!any && result.problems().isEmpty()) {
      sb.append("No findings: every statement is safe to run on a live database as far as lockstep can tell.\n");
    }
    if (any) {
      sb.append("| File | Errors | Warnings | Strongest lock |\n");
      sb.append("|---|---:|---:|---|\n");
      for (FileResult f : result.files()) {
        if (f.findings().isEmpty()) {
          continue;
        }
        long errors = f.findings().stream().filter(x -> x.severity() == Severity.ERROR).count();
        long warnings = f.findings().stream().filter(x -> x.severity() == Severity.WARNING).count();
        Optional<LockMode> worst = f.statements().stream().map(st -> st.effects().strongestLock())
            .flatMap(Optional::stream).reduce(LockMode::max);
        sb.append("| ").append(code(Paths.relative(ctx.sourceRoot(), f.file()))).append(" | ").append(errors)
            .append(" | ").append(warnings).append(" | ").append(worst.map(LockMode::sql).orElse("none"))
            .append(" |\n");
      }
      sb.append('\n');
    }
    if (!result.problems().isEmpty()) {
      sb.append("**Input problems** (these files were not linted completely):\n\n");
      for (Problem p : result.problems()) {
        sb.append("- ").append(code(GitlabReporter.problemPath(ctx, p.path()))).append(": ")
            .append(escape(p.message())).append('\n');
      }
      sb.append('\n');
    }
    out.write(sb.toString());
    sb.setLength(0);

    for (FileResult f : result.files()) {
      String path = Paths.relative(ctx.sourceRoot(), f.file());
      for (Finding x : f.findings()) {
        finding(sb, f, path, x);
        out.write(sb.toString());
        sb.setLength(0);
      }
    }
    out.flush();
  }

  private static void finding(StringBuilder sb, FileResult f, String path, Finding x) {
    Position pos = Position.of(f.lines(), x.span());
    sb.append("### ").append(icon(x.severity())).append(' ').append(x.severity().id()).append(": ")
        .append(code(x.ruleId())).append(" in ").append(code(path + ":" + pos.line() + ":" + pos.column()))
        .append("\n\n");
    sb.append(escape(x.message())).append("\n\n");
    Optional<StatementResult> stmt = f.statements().stream().filter(st -> st.index() == x.statementIndex()).findFirst();
    String sql = stmt.map(st -> st.span().of(f.text())).orElse(x.span().of(f.text())).strip();
    fence(sb, "sql", sql);
    if (stmt.isPresent()) {
      for (RelationEffect r : stmt.get().effects().relations()) {
        sb.append("- **Effect:** ").append(escape(EffectText.describe(r))).append('\n');
      }
    }
    if (!x.help().isBlank()) {
      sb.append("- **Fix:** ").append(escape(x.help().strip()));
      x.fix().ifPresent(fx -> sb.append(" (automatic fix: ").append(escape(fx.title())).append(')'));
      sb.append('\n');
    }
    sb.append('\n');
    if (x.plan().isPresent()) {
      Plan plan = x.plan().get();
      sb.append("<details><summary>Plan: ").append(html(plan.title())).append("</summary>\n\n");
      int n = 1;
      for (PlanStep step : plan.steps()) {
        sb.append(n++).append(". **").append(step.kind().id()).append("**: ").append(escape(step.title()));
        step.path().ifPresent(p -> sb.append(" (").append(code(p)).append(')'));
        sb.append('\n');
        if (!step.why().isBlank()) {
          sb.append("   ").append(escape(step.why().strip().replace("\n", " "))).append('\n');
        }
        if (step.sql().isPresent()) {
          sb.append('\n');
          StringBuilder block = new StringBuilder();
          fence(block, "sql", step.sql().get().strip());
          for (String line : block.toString().strip().split("\n", -1)) {
            if (!line.isEmpty()) {
              sb.append("   ").append(line);
            }
            sb.append('\n');
          }
        }
        sb.append('\n');
      }
      sb.append("</details>\n\n");
    }
  }

  private static String icon(Severity s) {
    switch (s) {
      case ERROR:
        return ":x:";
      case WARNING:
        return ":warning:";
      default:
        return ":information_source:";
    }
  }

  /** A fenced code block whose fence is longer than any backtick run in the text. */
  static void fence(StringBuilder sb, String lang, String text) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.end() - m.start());
    }
    String f = "`".repeat(Math.max(3, longest + 1));
    sb.append(f).append(lang).append('\n').append(text).append('\n').append(f).append("\n\n");
  }

  /** Inline code that survives backticks and pipes (table cells) in the text. */
  static String code(String text) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.end() - m.start());
    }
    String f = "`".repeat(longest + 1);
    String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return f + pad + text.replace("|", "\\|") + pad + f;
  }

  /** Plain text with the characters Markdown or HTML would interpret escaped. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_[]<>|#".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
