package dev.lockstep.lsp;

import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Inlay hints after each statement with the strongest lock and the big risks; the same text as
 * code lenses for clients without inlay hints.
 */
final class Hints {
  /** The command code lenses carry; it does nothing but is needed to show a title. */
  static final String SHOW_EFFECTS = "lockstep.showEffects";

  private Hints() {}

  static List<InlayHint> inlayHints(Analysis a, Range range) {
    List<InlayHint> out = new ArrayList<>();
    Span within = range == null ? new Span(0, a.document().text().length()) : Converters.span(a.lines(), range);
    for (StatementResult s : a.statements()) {
      if (s.span().end() < within.start() || s.span().end() > within.end()) {
        continue;
      }
      Optional<String> label = EffectsText.summary(s);
      if (label.isEmpty()) {
        continue;
      }
      InlayHint h = new InlayHint(Converters.position(a.lines(), s.span().end()),
          org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(label.get()));
      h.setPaddingLeft(true);
      out.add(h);
    }
    return out;
  }

  static List<CodeLens> codeLenses(Analysis a) {
    List<CodeLens> out = new ArrayList<>();
    for (StatementResult s : a.statements()) {
      Optional<String> label = EffectsText.summary(s);
      if (label.isEmpty()) {
        continue;
      }
      Position start = Converters.position(a.lines(), s.span().start());
      Command c = new Command(label.get(), SHOW_EFFECTS, List.of(a.document().uri(), s.index()));
      out.add(new CodeLens(new Range(start, start), c, null));
    }
    return out;
  }
}
