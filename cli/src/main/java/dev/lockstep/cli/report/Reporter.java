package dev.lockstep.cli.report;

import dev.lockstep.core.engine.LintResult;
import java.io.IOException;
import java.io.Writer;

/** Writes a lint result in one output format. */
public interface Reporter {
  void write(LintResult result, ReportContext context, Writer out) throws IOException;

  /** The reporter for a {@code --format} value. */
  static Reporter forFormat(Format format) {
    Reporter r = of(format);
    return (result, context, out) -> r.write(PlanPaths.relativeTo(result, context.workDir()), context, out);
  }

  private static Reporter of(Format format) {
    switch (format) {
      case JSON:
        return new JsonReporter();
      case SARIF:
        return new SarifReporter();
      case GITHUB:
        return new GithubReporter();
      case GITLAB:
        return new GitlabReporter();
      case JUNIT:
        return new JunitReporter();
      case MARKDOWN:
        return new MarkdownReporter();
      case TEXT:
      default:
        return new TextReporter();
    }
  }

  /** The output formats of {@code lockstep lint}. */
  enum Format {
    TEXT, JSON, SARIF, GITHUB, GITLAB, JUNIT, MARKDOWN
  }
}
