package dev.lockstep.cli.report;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.source.LineIndex;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands ({@code ::error file=...::message}), which the Actions runner
 * turns into annotations on the pull request. File paths are relative to the repository root
 * ({@link ReportContext#sourceRoot()}), as annotations require, wherever lockstep runs from.
 */
public final class GithubReporter implements Reporter {

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Problem p : result.problems()) {
      sb.append("::warning file=").append(property(repoPath(ctx, p.path()))).append(",title=")
          .append(property("lockstep: input problem")).append("::").append(data(p.message())).append('\n');
    }
    for (FileResult f : result.files()) {
      LineIndex lines = f.lines();
      String path = Paths.relative(ctx.sourceRoot(), f.file());
      for (Finding x : f.findings()) {
        Position pos = Position.of(lines, x.span());
        sb.append("::").append(command(x)).append(" file=").append(property(path))
            .append(",line=").append(pos.line()).append(",col=").append(pos.column())
            .append(",endLine=").append(pos.endLine()).append(",endColumn=").append(pos.endColumn())
            .append(",title=").append(property(x.ruleId())).append("::");
        String text = x.message();
        if (!x.help().isBlank()) {
          text = text + "\n" + x.help().strip();
        }
        sb.append(data(text)).append('\n');
        out.write(sb.toString());
        sb.setLength(0);
      }
    }
    sb.append(Summary.of(result).line()).append('\n');
    out.write(sb.toString());
    out.flush();
  }

  private static String repoPath(ReportContext ctx, String problemPath) {
    try {
      return Paths.relative(ctx.sourceRoot(), ctx.workDir().resolve(problemPath));
    } catch (RuntimeException e) {
      return problemPath;
    }
  }

  private static String command(Finding x) {
    switch (x.severity()) {
      case ERROR:
        return "error";
      case WARNING:
        return "warning";
      default:
        return "notice";
    }
  }

  /** Escapes a command's message. */
  public static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property value. */
  public static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
