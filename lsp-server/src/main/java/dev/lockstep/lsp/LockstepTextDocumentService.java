package dev.lockstep.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** {@code textDocument/*}: each handler converts and delegates. */
final class LockstepTextDocumentService implements TextDocumentService {
  private final Workspace ws;

  LockstepTextDocumentService(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    TextDocumentItem d = params.getTextDocument();
    if (d == null || d.getUri() == null) {
      return;
    }
    ws.opened(d.getUri(), d.getVersion(), d.getText() == null ? "" : d.getText());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    if (params.getTextDocument() == null || params.getContentChanges() == null) {
      return;
    }
    Integer v = params.getTextDocument().getVersion();
    ws.changed(params.getTextDocument().getUri(), v == null ? 0 : v, params.getContentChanges());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    if (params.getTextDocument() != null) {
      ws.closed(params.getTextDocument().getUri());
    }
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    if (params.getTextDocument() != null) {
      ws.saved(params.getTextDocument().getUri(), Optional.ofNullable(params.getText()));
    }
  }

  @Override
  public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
    String uri = params.getTextDocument() == null ? null : params.getTextDocument().getUri();
    return ws.request(uri, a -> report(a), new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(
        List.of())));
  }

  private DocumentDiagnosticReport report(Analysis a) {
    RelatedFullDocumentDiagnosticReport r = new RelatedFullDocumentDiagnosticReport(
        Converters.diagnostics(a, ws.analyzer()::docUri));
    return new DocumentDiagnosticReport(r);
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return ws.request(params.getTextDocument().getUri(),
        a -> Hovers.hover(a, params.getPosition(), ws.analyzer()).orElse(null), null);
  }

  @Override
  public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
    return ws.request(params.getTextDocument().getUri(), a -> Hints.inlayHints(a, params.getRange()), List.of());
  }

  @Override
  public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
    return ws.request(params.getTextDocument().getUri(), a -> Hints.codeLenses(a), List.of());
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return ws.request(params.getTextDocument().getUri(), a -> {
      List<Either<Command, CodeAction>> out = new ArrayList<>();
      for (CodeAction ca : Actions.actions(a, params.getRange(), ws.analyzer(), ws.canCreateFiles())) {
        if (params.getContext() != null && params.getContext().getOnly() != null
            && !params.getContext().getOnly().isEmpty()
            && params.getContext().getOnly().stream().noneMatch(k -> ca.getKind().startsWith(k))) {
          continue;
        }
        out.add(Either.forRight(ca));
      }
      return out;
    }, List.of());
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return ws.request(params.getTextDocument().getUri(), a -> {
      List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
      Symbols.symbols(a).forEach(s -> out.add(Either.forRight(s)));
      return out;
    }, List.of());
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
      DefinitionParams params) {
    return ws.request(params.getTextDocument().getUri(), a -> {
      int offset = Converters.offset(a.lines(), params.getPosition());
      Optional<Location> loc = Definitions.definition(a, offset, ws.analyzer(), ws::openText, ws::uriOf);
      List<Location> out = loc.map(List::of).orElse(List.of());
      return Either.<List<? extends Location>, List<? extends LocationLink>>forLeft(out);
    }, Either.forLeft(List.of()));
  }
}
