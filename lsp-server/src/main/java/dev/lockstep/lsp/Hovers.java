package dev.lockstep.lsp;

import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/** {@code textDocument/hover}: what the statement does on PostgreSQL, and the rule doc of a finding under the cursor. */
final class Hovers {
  private Hovers() {}

  static Optional<Hover> hover(Analysis a, Position position, Analyzer analyzer) {
    int offset = Converters.offset(a.lines(), position);
    Optional<StatementResult> stmt = a.statementAt(offset);
    List<Finding> here = new ArrayList<>();
    for (Finding f : a.findings()) {
      if (offset >= f.span().start() && offset <= f.span().end()) {
        here.add(f);
      }
    }
    if (stmt.isEmpty() && here.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder md = new StringBuilder();
    stmt.ifPresent(s -> md.append(EffectsText.hover(s, a.serverVersion())));
    for (Finding f : here) {
      md.append("\n---\n\n");
      md.append("**").append(f.ruleId()).append("** (").append(f.severity().id()).append("): ")
          .append(f.message()).append("\n\n");
      if (!f.help().isBlank()) {
        md.append(f.help()).append("\n\n");
      }
      Optional<RuleMeta> meta = analyzer.registry().find(f.ruleId());
      if (meta.isPresent()) {
        String why = meta.get().docSection("Why");
        String fix = meta.get().docSection("Fix");
        if (!why.isBlank()) {
          md.append("#### Why\n\n").append(why).append("\n\n");
        }
        if (!fix.isBlank()) {
          md.append("#### Fix\n\n").append(fix).append("\n\n");
        }
        analyzer.docUri(f.ruleId()).ifPresent(u -> md.append("[Rule documentation](").append(u).append(")\n"));
      }
    }
    Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString().trim()));
    stmt.ifPresent(s -> h.setRange(Converters.range(a.lines(), s.span())));
    return Optional.of(h);
  }
}
