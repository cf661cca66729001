package dev.lockstep.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/** {@code workspace/*}: settings and watched files. */
final class LockstepWorkspaceService implements WorkspaceService {
  private final Workspace ws;

  LockstepWorkspaceService(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    Object settings = params.getSettings();
    boolean carries = settings instanceof com.google.gson.JsonObject && ((com.google.gson.JsonObject) settings).size() > 0;
    if (carries) {
      ws.settingsChanged(settings);
    } else if (ws.canPullConfiguration()) {
      ws.pullConfiguration();
    }
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    if (params.getChanges() == null || params.getChanges().isEmpty()) {
      return;
    }
    FileEvent first = params.getChanges().get(0);
    ws.everythingChanged(params.getChanges().size() == 1 ? first.getUri() + " " + first.getType()
        : params.getChanges().size() + " files changed");
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    return CompletableFuture.completedFuture(null);
  }
}
