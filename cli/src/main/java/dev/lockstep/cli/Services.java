package dev.lockstep.cli;

import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintService;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The rule registry and lint service the commands use. The executable starts building them on
 * another thread ({@link #preload}) while the command line is parsed: both take tens of
 * milliseconds in a new process, a good part of a one-file lint.
 */
final class Services {
  /** Commands that lint, and so need both; the other commands build what they need themselves. */
  private static final Set<String> LINTING = Set.of("lint", "plan", "rollback", "trace");

  private static volatile CompletableFuture<RuleRegistry> registry;
  private static volatile CompletableFuture<LintService> service;

  private Services() {}

  /** Starts building the registry and the service when {@code args} name a command that lints. */
  static void preload(String[] args) {
    if (args.length > 0 && LINTING.contains(args[0])) {
      registry = CompletableFuture.supplyAsync(() -> RuleRegistry.load(Services.class.getClassLoader()));
      service = CompletableFuture.supplyAsync(LintService::createDefault);
    }
  }

  static LintService lintService() {
    return take(service, LintService::createDefault);
  }

  static RuleRegistry ruleRegistry() {
    return take(registry, () -> RuleRegistry.load(Services.class.getClassLoader()));
  }

  /** The preloaded value, else a new one; a failure while preloading surfaces as if it happened here. */
  private static <T> T take(CompletableFuture<T> preloaded, Supplier<T> create) {
    if (preloaded == null) {
      return create.get();
    }
    try {
      return preloaded.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
