package dev.lockstep.cli.report;

import dev.lockstep.core.engine.LintResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes a lint result in one output format. */
public interface Reporter {
  void write(LintResult result, ReportContext context, Writer out) throws IOException;

  /** Writes the report as UTF-8 bytes (flushed, not closed). */
  default void write(LintResult result, ReportContext context, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    write(result, context, w);
    w.flush();
  }

  /** The reporter for a {@code --format} value. */
  static Reporter forFormat(Format format) {
    Reporter r = of(format);
    return new Reporter() {
      @Override
      public void write(LintResult result, ReportContext context, Writer out) throws IOException {
        r.write(PlanPaths.relativeTo(result, context.workDir()), context, out);
      }

      @Override
      public void write(LintResult result, ReportContext context, OutputStream out) throws IOException {
        r.write(PlanPaths.relativeTo(result, context.workDir()), context, out);
      }
    };
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
