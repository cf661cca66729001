package dev.lockstep.lsp;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The open documents and the scheduling around the analyzer: which documents to lint when, and
 * where results go. Pushed diagnostics are debounced per document and only the latest version is
 * published; a change to any document (or to files on disk, or to the settings) re-lints the
 * other open documents a little later, since they may have it in their history.
 */
public final class Workspace {
  /** How long after a change to one document the other open documents are re-linted. */
  static final long OTHERS_DELAY_MS = 150;

  private final Analyzer analyzer;
  private final ScheduledExecutorService lint;
  private final ExecutorService requests;
  private final Supplier<LanguageClient> client;
  private final BiConsumer<MessageType, String> log;
  private final Map<String, Document> open = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
  private volatile ScheduledFuture<?> refresh;
  private volatile ClientCapabilities caps = new ClientCapabilities();
  private volatile List<WorkspaceFolder> folders = List.of();

  Workspace(Analyzer analyzer, ScheduledExecutorService lint, ExecutorService requests,
      Supplier<LanguageClient> client, BiConsumer<MessageType, String> log) {
    this.analyzer = analyzer;
    this.lint = lint;
    this.requests = requests;
    this.client = client;
    this.log = log;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  void initialize(ClientCapabilities c, List<WorkspaceFolder> f) {
    caps = c;
    folders = List.copyOf(f);
    // Buffers never saved are linted as files of the first workspace folder (its lockstep.yaml applies).
    for (WorkspaceFolder w : folders) {
      Optional<Path> dir = Document.pathOf(w.getUri());
      if (dir.isPresent()) {
        analyzer.untitledBase(dir.get());
        break;
      }
    }
  }

  String describe() {
    ServerSettings s = analyzer.settings();
    return "diagnostics " + (pushes() ? "pushed" : "pulled") + ", " + folders.size() + " workspace folder(s)"
        + s.pgVersion().map(v -> ", pg-version " + v).orElse("") + s.tool().map(t -> ", tool " + t).orElse("");
  }

  // ------------------------------------------------------------------ client capabilities

  boolean clientHasInlayHints() {
    return caps.getTextDocument() != null && caps.getTextDocument().getInlayHint() != null;
  }

  boolean clientPullsDiagnostics() {
    return caps.getTextDocument() != null && caps.getTextDocument().getDiagnostic() != null;
  }

  boolean canRegisterWatchers() {
    return caps.getWorkspace() != null && caps.getWorkspace().getDidChangeWatchedFiles() != null
        && Boolean.TRUE.equals(caps.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());
  }

  boolean canPullConfiguration() {
    return caps.getWorkspace() != null && Boolean.TRUE.equals(caps.getWorkspace().getConfiguration());
  }

  boolean canRefreshDiagnostics() {
    return caps.getWorkspace() != null && caps.getWorkspace().getDiagnostics() != null
        && Boolean.TRUE.equals(caps.getWorkspace().getDiagnostics().getRefreshSupport());
  }

  boolean canCreateFiles() {
    var ws = caps.getWorkspace();
    return ws != null && ws.getWorkspaceEdit() != null && Boolean.TRUE.equals(ws.getWorkspaceEdit().getDocumentChanges())
        && ws.getWorkspaceEdit().getResourceOperations() != null
        && ws.getWorkspaceEdit().getResourceOperations().contains("create");
  }

  /** Whether diagnostics are pushed: always, unless the client pulls them (or the settings say pull). */
  boolean pushes() {
    String mode = analyzer.settings().diagnostics();
    if (mode.equals("push")) {
      return true;
    }
    if (mode.equals("pull")) {
      return false;
    }
    return !clientPullsDiagnostics();
  }

  // ------------------------------------------------------------------ document events

  void opened(String uri, int version, String text) {
    open.put(uri, new Document(uri, Document.pathOf(uri), version, text));
    analyzer.invalidate();
    schedule(uri, 0);
    others(uri);
  }

  void changed(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
    Document d = open.get(uri);
    if (d == null) {
      log.accept(MessageType.Warning, "change to a document that is not open: " + uri);
      return;
    }
    Document next;
    try {
      next = d.apply(version, changes);
    } catch (RuntimeException e) {
      log.accept(MessageType.Error, "cannot apply the change to " + uri + " (version " + version + "): " + e);
      return;
    }
    open.put(uri, next);
    analyzer.invalidate();
    schedule(uri, debounce(uri));
    others(uri);
  }

  /**
   * Leading-edge debounce: the first change after a quiet spell is linted at once; changes that
   * follow each other closely wait {@code debounceMs}, and a lint already waiting is replaced by the
   * newer version (edits that arrive while a lint runs are linted together after it).
   */
  private long debounce(String uri) {
    long now = System.nanoTime();
    Long last = lastChange.put(uri, now);
    long wait = analyzer.settings().debounceMs();
    boolean quiet = last == null || now - last > TimeUnit.MILLISECONDS.toNanos(Math.max(50, 4 * wait));
    return quiet ? 0 : wait;
  }

  void saved(String uri, Optional<String> text) {
    Document d = open.get(uri);
    if (d != null && text.isPresent() && !text.get().equals(d.text())) {
      open.put(uri, new Document(uri, d.path(), d.version(), text.get()));
    }
    analyzer.invalidate();
    if (d != null) {
      schedule(uri, 0);
    }
    others(uri);
  }

  void closed(String uri) {
    open.remove(uri);
    lastChange.remove(uri);
    ScheduledFuture<?> p = pending.remove(uri);
    if (p != null) {
      p.cancel(false);
    }
    analyzer.forget(uri);
    analyzer.invalidate();
    if (pushes()) {
      LanguageClient c = client.get();
      if (c != null) {
        c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
      }
    }
    others(uri);
  }

  /** Configuration or files on disk changed: re-lint everything open. */
  void everythingChanged(String why) {
    analyzer.invalidate();
    log.accept(MessageType.Log, "re-linting open documents: " + why);
    for (String uri : open.keySet()) {
      schedule(uri, 20);
    }
    refreshLater();
  }

  void settingsChanged(Object json) {
    ServerSettings next = analyzer.settings().merge(json);
    if (!next.equals(analyzer.settings())) {
      analyzer.settings(next);
      everythingChanged("settings changed");
    }
  }

  void pullConfiguration() {
    LanguageClient c = client.get();
    if (c == null) {
      return;
    }
    ConfigurationItem item = new ConfigurationItem();
    item.setSection("lockstep");
    c.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
      if (values != null && !values.isEmpty() && values.get(0) != null) {
        settingsChanged(values.get(0));
      }
    }).exceptionally(e -> {
      log.accept(MessageType.Log, "workspace/configuration failed: " + e.getMessage());
      return null;
    });
  }

  private void others(String uri) {
    for (String other : open.keySet()) {
      if (!other.equals(uri)) {
        schedule(other, OTHERS_DELAY_MS);
      }
    }
    refreshLater();
  }

  private void refreshLater() {
    if (pushes() || !canRefreshDiagnostics()) {
      return;
    }
    ScheduledFuture<?> old = refresh;
    if (old != null) {
      old.cancel(false);
    }
    refresh = lint.schedule(() -> {
      LanguageClient c = client.get();
      if (c != null) {
        c.refreshDiagnostics();
      }
    }, OTHERS_DELAY_MS * 2, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------ pushing diagnostics

  private void schedule(String uri, long delayMs) {
    if (!pushes() || lint.isShutdown()) {
      return;
    }
    pending.compute(uri, (k, old) -> {
      if (old != null) {
        old.cancel(false);
      }
      return lint.schedule(() -> publish(uri), delayMs, TimeUnit.MILLISECONDS);
    });
  }

  private void publish(String uri) {
    Document d = open.get(uri);
    if (d == null) {
      return;
    }
    try {
      Analysis a = analyzer.analyze(d, overlays(), true);
      Document now = open.get(uri);
      if (now == null || now.version() != d.version() || !now.text().equals(d.text())) {
        return;
      }
      report(a);
      LanguageClient c = client.get();
      if (c != null) {
        c.publishDiagnostics(new PublishDiagnosticsParams(uri, Converters.diagnostics(a, analyzer::docUri),
            d.version()));
      }
    } catch (RuntimeException | StackOverflowError e) {
      log.accept(MessageType.Error, "lockstep failed to lint " + uri + ": " + trace(e));
    }
  }

  private void report(Analysis a) {
    a.error().ifPresent(e -> log.accept(MessageType.Warning, a.document().uri() + ": " + e));
    for (String n : a.notes()) {
      log.accept(MessageType.Info, n);
    }
  }

  // ------------------------------------------------------------------ requests

  /**
   * Runs {@code f} on the current analysis of {@code uri}, off the message thread and cancellable.
   * A document that is not open is read from disk; one that does not exist gives {@code fallback}.
   */
  <T> CompletableFuture<T> request(String uri, Function<Analysis, T> f, T fallback) {
    return CompletableFutures.computeAsync(requests, cancel -> {
      Optional<Document> d = document(uri);
      if (d.isEmpty()) {
        return fallback;
      }
      cancel.checkCanceled();
      Analysis a = analyzer.analyze(d.get(), overlays(), open.containsKey(uri));
      cancel.checkCanceled();
      return f.apply(a);
    });
  }

  /** The open document, else the file on disk as version -1. */
  Optional<Document> document(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    Document d = open.get(uri);
    if (d != null) {
      return Optional.of(d);
    }
    Optional<Path> path = Document.pathOf(uri);
    if (path.isEmpty() || !Files.isRegularFile(path.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Document(uri, path, -1, Files.readString(path.get(), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The text of every open document that is a file, by path. */
  Map<Path, String> overlays() {
    Map<Path, String> out = new HashMap<>();
    for (Document d : open.values()) {
      d.path().ifPresent(p -> out.put(p, d.text()));
    }
    return out;
  }

  Optional<String> openText(Path path) {
    for (Document d : open.values()) {
      if (d.path().isPresent() && d.path().get().equals(path)) {
        return Optional.of(d.text());
      }
    }
    return Optional.empty();
  }

  String uriOf(Path path) {
    for (Document d : open.values()) {
      if (d.path().isPresent() && d.path().get().equals(path)) {
        return d.uri();
      }
    }
    return path.toUri().toString();
  }

  void shutdown() {
    pending.values().forEach(p -> p.cancel(false));
    pending.clear();
    lint.shutdownNow();
    requests.shutdownNow();
  }

  static String trace(Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
