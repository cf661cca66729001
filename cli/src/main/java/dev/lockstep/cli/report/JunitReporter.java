package dev.lockstep.cli.report;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * JUnit XML, as CI servers (GitLab, Jenkins, Azure Pipelines, CircleCI) show test results: one
 * {@code <testsuite>} per linted file, one failed {@code <testcase>} per error or warning (info
 * findings pass, with their message as output), and one passing test case for a file without
 * findings. Input problems are test cases with an {@code <error>}. Paths are relative to the
 * repository root.
 */
public final class JunitReporter implements Reporter {

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    StringBuilder body = new StringBuilder();
    int tests = 0;
    int failures = 0;
    int errors = 0;
    for (FileResult f : result.files()) {
      String path = Paths.relative(ctx.sourceRoot(), f.file());
      List<Finding> findings = f.findings();
      int fileFailures = (int) findings.stream().filter(JunitReporter::fails).count();
      int fileTests = Math.max(1, findings.size());
      body.append("  <testsuite name=\"").append(attr(path)).append("\" tests=\"").append(fileTests)
          .append("\" failures=\"").append(fileFailures).append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
      if (findings.isEmpty()) {
        body.append("    <testcase classname=\"").append(attr(className(path))).append("\" name=\"")
            .append(attr("no findings")).append("\" file=\"").append(attr(path)).append("\" time=\"0\"/>\n");
      }
      for (Finding x : findings) {
        Position pos = Position.of(f.lines(), x.span());
        body.append("    <testcase classname=\"").append(attr(className(path))).append("\" name=\"")
            .append(attr(x.ruleId() + " at line " + pos.line() + ", column " + pos.column()))
            .append("\" file=\"").append(attr(path)).append("\" line=\"").append(pos.line())
            .append("\" time=\"0\">\n");
        String details = details(path, pos, f, x);
        if (fails(x)) {
          body.append("      <failure type=\"").append(attr(x.ruleId())).append("\" message=\"")
              .append(attr(x.severity().id() + ": " + x.message())).append("\">").append(text(details))
              .append("</failure>\n");
        } else {
          body.append("      <system-out>").append(text(details)).append("</system-out>\n");
        }
        body.append("    </testcase>\n");
      }
      body.append("  </testsuite>\n");
      tests += fileTests;
      failures += fileFailures;
    }
    if (!result.problems().isEmpty()) {
      body.append("  <testsuite name=\"lockstep input problems\" tests=\"").append(result.problems().size())
          .append("\" failures=\"0\" errors=\"").append(result.problems().size())
          .append("\" skipped=\"0\" time=\"0\">\n");
      for (Problem p : result.problems()) {
        String path = GitlabReporter.problemPath(ctx, p.path());
        body.append("    <testcase classname=\"lockstep\" name=\"").append(attr(path)).append("\" file=\"")
            .append(attr(path)).append("\" time=\"0\">\n");
        body.append("      <error type=\"input-problem\" message=\"").append(attr(p.message())).append("\"/>\n");
        body.append("    </testcase>\n");
      }
      body.append("  </testsuite>\n");
      tests += result.problems().size();
      errors += result.problems().size();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"lockstep\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" errors=\"").append(errors).append("\" time=\"0\">\n");
    sb.append(body);
    sb.append("</testsuites>\n");
    out.write(sb.toString());
    out.flush();
  }

  private static boolean fails(Finding x) {
    return x.severity().atLeast(Severity.WARNING);
  }

  /** {@code prisma/migrations/2024_init/migration.sql} as a dotted class name CI servers group by. */
  static String className(String path) {
    String p = path.endsWith(".sql") ? path.substring(0, path.length() - 4) : path;
    return p.replace('/', '.');
  }

  private static String details(String path, Position pos, FileResult f, Finding x) {
    StringBuilder sb = new StringBuilder();
    sb.append(path).append(':').append(pos.line()).append(':').append(pos.column()).append("  ")
        .append(x.severity().id()).append("  ").append(x.ruleId()).append('\n');
    sb.append(x.message()).append('\n');
    Optional<StatementResult> stmt = f.statements().stream().filter(s -> s.index() == x.statementIndex()).findFirst();
    if (stmt.isPresent()) {
      for (RelationEffect r : stmt.get().effects().relations()) {
        sb.append("effect: ").append(EffectText.describe(r)).append('\n');
      }
    }
    if (!x.help().isBlank()) {
      sb.append("fix: ").append(x.help().strip()).append('\n');
    }
    x.plan().ifPresent(plan -> {
      sb.append("plan: ").append(plan.title()).append('\n');
      int n = 1;
      for (var step : plan.steps()) {
        sb.append("  ").append(n++).append(". [").append(step.kind().id()).append("] ").append(step.title());
        step.path().ifPresent(p -> sb.append(" (").append(p).append(')'));
        sb.append('\n');
      }
    });
    return sb.toString();
  }

  static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
  }

  static String text(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        default:
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }
}
