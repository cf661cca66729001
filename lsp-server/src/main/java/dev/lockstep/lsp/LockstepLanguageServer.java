package dev.lockstep.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The lockstep language server: protocol glue over {@link Analyzer}. Diagnostics are pushed after
 * each change (debounced; the latest version wins) unless the client pulls them.
 */
public final class LockstepLanguageServer implements LanguageServer, LanguageClientAware {
  private final Analyzer analyzer;
  private final String version;
  private final Workspace workspace;
  private final LockstepTextDocumentService documents;
  private final LockstepWorkspaceService workspaceService;
  private volatile LanguageClient client;
  private volatile ClientCapabilities capabilities = new ClientCapabilities();
  private volatile boolean shutdown;
  private final Runnable onExit;

  /**
   * @param onExit what {@code exit} does (ends the process in the CLI; tests pass their own)
   */
  public LockstepLanguageServer(Analyzer analyzer, String version, Runnable onExit) {
    this.analyzer = analyzer;
    this.version = version;
    this.onExit = onExit;
    ScheduledExecutorService lint = Executors.newSingleThreadScheduledExecutor(daemon("lockstep-lint"));
    ExecutorService requests = Executors.newFixedThreadPool(2, daemon("lockstep-request"));
    this.workspace = new Workspace(analyzer, lint, requests, this::client, this::log);
    this.documents = new LockstepTextDocumentService(workspace);
    this.workspaceService = new LockstepWorkspaceService(workspace);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void connect(LanguageClient c) {
    this.client = c;
  }

  LanguageClient client() {
    return client;
  }

  /** Sends a message to the client's log ({@code window/logMessage}); never to standard output. */
  void log(MessageType type, String message) {
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(type, message));
    }
  }

  public Workspace workspace() {
    return workspace;
  }

  @Override
  @SuppressWarnings("deprecation") // rootUri: for clients that send no workspace folders
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ClientCapabilities caps = params.getCapabilities() == null ? new ClientCapabilities() : params.getCapabilities();
    this.capabilities = caps;
    ServerSettings settings = ServerSettings.defaults().merge(params.getInitializationOptions());
    analyzer.settings(settings);
    List<WorkspaceFolder> folders = new ArrayList<>();
    if (params.getWorkspaceFolders() != null) {
      folders.addAll(params.getWorkspaceFolders());
    } else if (params.getRootUri() != null) {
      folders.add(new WorkspaceFolder(params.getRootUri(), "root"));
    }
    workspace.initialize(caps, folders);

    ServerCapabilities sc = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    sc.setTextDocumentSync(sync);
    sc.setHoverProvider(true);
    sc.setDefinitionProvider(true);
    sc.setDocumentSymbolProvider(true);
    CodeActionOptions ca = new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite));
    sc.setCodeActionProvider(ca);
    sc.setInlayHintProvider(true);
    if (!workspace.clientHasInlayHints()) {
      sc.setCodeLensProvider(new CodeLensOptions(false));
    }
    sc.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(Hints.SHOW_EFFECTS)));
    DiagnosticRegistrationOptions diag = new DiagnosticRegistrationOptions();
    diag.setIdentifier("lockstep");
    diag.setInterFileDependencies(true);
    diag.setWorkspaceDiagnostics(false);
    sc.setDiagnosticProvider(diag);
    InitializeResult result = new InitializeResult(sc, new ServerInfo("lockstep", version));
    return CompletableFuture.completedFuture(result);
  }

  @Override
  public void initialized(InitializedParams params) {
    log(MessageType.Info, "lockstep " + version + " language server ready (" + workspace.describe() + ")");
    if (workspace.canRegisterWatchers() && client != null) {
      List<FileSystemWatcher> watchers = new ArrayList<>();
      for (String glob : List.of("**/lockstep.yaml", "**/.lockstep.yaml", "**/*.sql", "**/migration_lock.toml")) {
        watchers.add(new FileSystemWatcher(Either.forLeft(glob)));
      }
      Registration reg = new Registration("lockstep-watch", "workspace/didChangeWatchedFiles",
          new DidChangeWatchedFilesRegistrationOptions(watchers));
      client.registerCapability(new RegistrationParams(List.of(reg))).exceptionally(e -> {
        log(MessageType.Warning, "could not watch lockstep.yaml and migrations: " + e.getMessage());
        return null;
      });
    }
    if (workspace.canPullConfiguration()) {
      workspace.pullConfiguration();
    }
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    workspace.shutdown();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    workspace.shutdown();
    onExit.run();
  }

  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }
}
