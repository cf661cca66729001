package dev.lockstep.lsp;

import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintService;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the language server on a pair of streams (standard input and output for {@code lockstep lsp}). */
public final class LockstepLsp {
  private LockstepLsp() {}

  /** A running server. */
  public record Running(LockstepLanguageServer server, LanguageClient client, Future<Void> listening) {}

  /**
   * Starts serving; the returned future completes when the input ends.
   *
   * @param service the lint service (the CLI's, made {@link LintService#cachingPreparedFiles() caching})
   * @param registry the rules the CLI loads
   * @param docUri where each rule's documentation is published
   * @param version lockstep's version, reported in {@code serverInfo}
   * @param onExit what the {@code exit} notification does
   */
  public static Running start(InputStream in, OutputStream out, LintService service, RuleRegistry registry,
      Function<RuleMeta, String> docUri, String version, Runnable onExit) {
    Analyzer analyzer = new Analyzer(service.cachingPreparedFiles(), registry, docUri);
    LockstepLanguageServer server = new LockstepLanguageServer(analyzer, version, onExit);
    ExecutorService messages = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lockstep-jsonrpc");
      t.setDaemon(true);
      return t;
    });
    Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
        .setLocalService(server)
        .setRemoteInterface(LanguageClient.class)
        .setInput(in)
        .setOutput(out)
        .setExecutorService(messages)
        .create();
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    return new Running(server, launcher.getRemoteProxy(), listening);
  }

  /** LSP4J's own warnings (malformed messages, ...) go to the client's log instead of standard error. */
  private static void forwardLibraryLogs(LockstepLanguageServer server) {
    java.util.logging.Logger lsp4j = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");
    lsp4j.setUseParentHandlers(false);
    lsp4j.addHandler(new java.util.logging.Handler() {
      private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (inside.get() || record.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
          return;
        }
        inside.set(true);
        try {
          String msg = record.getMessage();
          if (record.getThrown() != null) {
            msg = (msg == null ? "" : msg + ": ") + record.getThrown();
          }
          server.log(org.eclipse.lsp4j.MessageType.Warning, "jsonrpc: " + msg);
        } catch (RuntimeException e) {
          // the client is gone; nothing to tell
        } finally {
          inside.set(false);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  /**
   * Serves until the input ends or the client sends {@code exit}. Returns the exit code the
   * protocol asks for: 0 after {@code shutdown}, else 1.
   */
  public static int serve(InputStream in, OutputStream out, LintService service, RuleRegistry registry,
      Function<RuleMeta, String> docUri, String version) {
    java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
    LockstepLanguageServer[] holder = new LockstepLanguageServer[1];
    Running r = start(in, out, service, registry, docUri, version,
        () -> exit.complete(holder[0] != null && holder[0].isShutdown() ? 0 : 1));
    holder[0] = r.server();
    forwardLibraryLogs(r.server());
    Thread waiter = new Thread(() -> {
      try {
        r.listening().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // the input broke: treat as its end
      }
      exit.complete(r.server().isShutdown() ? 0 : 1);
    }, "lockstep-lsp-input");
    waiter.setDaemon(true);
    waiter.start();
    try {
      return exit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      return 1;
    } finally {
      r.server().workspace().shutdown();
    }
  }
}
