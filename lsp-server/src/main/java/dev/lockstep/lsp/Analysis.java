package dev.lockstep.lsp;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * What the lint service said about one version of a document.
 *
 * @param document the version that was linted
 * @param generation the workspace generation it was linted in (see {@link Analyzer})
 * @param file the result, empty when the document is not a migration lockstep lints (excluded, not
 *     a file, configuration error)
 * @param options the options it was linted with, empty on a configuration error
 * @param error a configuration or settings error that kept the document from being linted
 * @param notes problems the service reported for the inputs (unreadable files, ...)
 * @param skipped why the document was not linted although it could be (too large to lint while typing)
 */
public record Analysis(Document document, long generation, Optional<FileResult> file, Optional<LintOptions> options,
    Optional<String> error, List<String> notes, LineIndex lines, Optional<String> skipped) {

  public Analysis {
    notes = List.copyOf(notes);
  }

  public List<Finding> findings() {
    return file.map(FileResult::findings).orElse(List.of());
  }

  public List<StatementResult> statements() {
    return file.map(FileResult::statements).orElse(List.of());
  }

  /** The statement whose text holds {@code offset}, else the last one that ends on the same line before it. */
  public Optional<StatementResult> statementAt(int offset) {
    StatementResult best = null;
    for (StatementResult s : statements()) {
      Span sp = s.span();
      if (offset >= sp.start() && offset <= sp.end()) {
        return Optional.of(s);
      }
      if (sp.end() <= offset && lines.line(sp.end()) == lines.line(offset)) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  public Optional<StatementResult> statement(int index) {
    return statements().stream().filter(s -> s.index() == index).findFirst();
  }

  public int serverVersion() {
    return options.map(LintOptions::serverVersion).orElse(0);
  }
}
