package dev.lockstep.lsp;

import com.google.gson.JsonObject;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** Conversions between lockstep's core types and LSP types. Positions are UTF-16, as both use. */
public final class Converters {
  public static final String SOURCE = "lockstep";
  /** The code of the diagnostic that reports an invalid configuration or setting. */
  public static final String CONFIG_ERROR = "invalid-configuration";
  /** The code of the note on a document too large to lint while editing. */
  public static final String TOO_LARGE = "file-too-large";

  private Converters() {}

  public static Position position(LineIndex lines, int offset) {
    return new Position(lines.line(offset), lines.column(offset));
  }

  public static Range range(LineIndex lines, Span span) {
    return new Range(position(lines, span.start()), position(lines, span.end()));
  }

  public static int offset(LineIndex lines, Position p) {
    return lines.offset(p.getLine(), p.getCharacter());
  }

  public static Span span(LineIndex lines, Range r) {
    int a = offset(lines, r.getStart());
    int b = offset(lines, r.getEnd());
    return new Span(Math.min(a, b), Math.max(a, b));
  }

  public static DiagnosticSeverity severity(Severity s) {
    switch (s) {
      case ERROR:
        return DiagnosticSeverity.Error;
      case WARNING:
        return DiagnosticSeverity.Warning;
      default:
        return DiagnosticSeverity.Information;
    }
  }

  public static TextEdit textEdit(LineIndex lines, dev.lockstep.core.rule.TextEdit e) {
    return new TextEdit(range(lines, e.span()), e.replacement());
  }

  /** One finding as a diagnostic: code = rule id, a link to the rule's doc, the statement in {@code data}. */
  public static Diagnostic diagnostic(LineIndex lines, Finding f, Function<String, Optional<String>> docUri) {
    Diagnostic d = new Diagnostic(range(lines, f.span()), f.message(), severity(f.severity()), SOURCE, f.ruleId());
    docUri.apply(f.ruleId()).ifPresent(u -> d.setCodeDescription(new DiagnosticCodeDescription(u)));
    if (f.ruleId().equals(RuleRegistry.UNUSED_SUPPRESSION)) {
      d.setTags(List.of(DiagnosticTag.Unnecessary));
    }
    JsonObject data = new JsonObject();
    data.addProperty("rule", f.ruleId());
    data.addProperty("statement", f.statementIndex());
    d.setData(data);
    return d;
  }

  /** The diagnostics of an analysis: its findings, or the configuration error that kept it from linting. */
  public static List<Diagnostic> diagnostics(Analysis a, Function<String, Optional<String>> docUri) {
    List<Diagnostic> out = new ArrayList<>();
    if (a.error().isPresent()) {
      Diagnostic d = new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)),
          "lockstep cannot lint this file: " + a.error().get(), DiagnosticSeverity.Error, SOURCE, CONFIG_ERROR);
      out.add(d);
      return out;
    }
    if (a.skipped().isPresent()) {
      out.add(new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)), a.skipped().get(),
          DiagnosticSeverity.Information, SOURCE, TOO_LARGE));
      return out;
    }
    for (Finding f : a.findings()) {
      out.add(diagnostic(a.lines(), f, docUri));
    }
    return out;
  }
}
