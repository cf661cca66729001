package dev.lockstep.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.source.Span;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A GitLab Code Quality report: a JSON array of issues, each with {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity} (info, minor, major, critical,
 * blocker) and {@code location.path} / {@code location.lines.begin}. Paths are relative to the
 * repository root, as GitLab matches them against the merge request's diff. Fingerprints are the
 * SARIF ones (rule, path, statement text, occurrence), so they survive edits above a finding.
 * Optional fields follow the Code Climate issue spec GitLab's format is a subset of: {@code type}
 * is {@code issue}, {@code categories} come from its fixed list, {@code content.body} is markdown.
 */
public final class GitlabReporter implements Reporter {

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setPrettyPrinter(JsonReporter.prettyPrinter());
      g.writeStartArray();
      for (FileResult f : result.files()) {
        String path = Paths.relative(ctx.sourceRoot(), f.file());
        Map<String, Integer> occurrences = new HashMap<>();
        for (Finding x : f.findings()) {
          Position pos = Position.of(f.lines(), x.span());
          String stmt = statementText(f, x);
          int occurrence = occurrences.merge(x.ruleId() + "\u0000" + stmt, 1, Integer::sum) - 1;
          g.writeStartObject();
          g.writeStringField("type", "issue");
          g.writeStringField("check_name", x.ruleId());
          g.writeStringField("description", x.message());
          if (!x.help().isBlank()) {
            g.writeObjectFieldStart("content");
            g.writeStringField("body", x.help().strip());
            g.writeEndObject();
          }
          g.writeArrayFieldStart("categories");
          g.writeString("Bug Risk");
          g.writeEndArray();
          g.writeStringField("fingerprint", SarifReporter.fingerprint(x.ruleId(), path, stmt, occurrence));
          g.writeStringField("severity", severity(x));
          location(g, path, pos.line(), pos.endLine());
          g.writeEndObject();
        }
      }
      for (Problem p : result.problems()) {
        String path = problemPath(ctx, p.path());
        g.writeStartObject();
        g.writeStringField("type", "issue");
        g.writeStringField("check_name", "lockstep-input-problem");
        g.writeStringField("description", p.message());
        g.writeArrayFieldStart("categories");
        g.writeString("Bug Risk");
        g.writeEndArray();
        g.writeStringField("fingerprint",
            SarifReporter.fingerprint("lockstep-input-problem", path, p.message(), 0));
        g.writeStringField("severity", "major");
        location(g, path, 1, 1);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    out.write('\n');
    out.flush();
  }

  private static void location(JsonGenerator g, String path, int begin, int end) throws IOException {
    g.writeObjectFieldStart("location");
    g.writeStringField("path", path);
    g.writeObjectFieldStart("lines");
    g.writeNumberField("begin", begin);
    g.writeNumberField("end", Math.max(begin, end));
    g.writeEndObject();
    g.writeEndObject();
  }

  /** lockstep's error is a likely outage (critical); a warning is major; info is info. */
  static String severity(Finding x) {
    switch (x.severity()) {
      case ERROR:
        return "critical";
      case WARNING:
        return "major";
      default:
        return "info";
    }
  }

  static String statementText(FileResult f, Finding x) {
    Optional<StatementResult> s = f.statements().stream().filter(st -> st.index() == x.statementIndex()).findFirst();
    Span span = s.map(StatementResult::span).orElse(x.span());
    return SarifReporter.normalize(span.of(f.text()));
  }

  static String problemPath(ReportContext ctx, String problemPath) {
    try {
      return Paths.relative(ctx.sourceRoot(), ctx.workDir().resolve(problemPath));
    } catch (RuntimeException e) {
      return problemPath;
    }
  }
}
