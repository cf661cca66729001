package dev.lockstep.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Observes every applicable case on one server version: one server, a template, two cases at a time. */
final class VersionRun {
  static final int PARALLELISM = 2;

  /** The outcome of one case: its observation, or why the harness could not observe it. */
  record Outcome(VerifyCase verifyCase, Observation observation, String harnessError) {}

  record Result(int major, String serverVersion, Map<String, Outcome> outcomes, long startMillis, long totalMillis) {}

  private VersionRun() {}

  static Result run(int major, List<VerifyCase> cases, Path workDir) throws Exception {
    long t0 = System.nanoTime();
    try (PgServer server = PgServer.start(major, workDir)) {
      server.prepareTemplate(Fixture.schemaSql(), Fixture.dataSql());
      long started = (System.nanoTime() - t0) / 1_000_000;
      ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
        Thread t = new Thread(r, "pg" + major + "-case");
        t.setDaemon(true);
        return t;
      });
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      try (Observer observer = new Observer(server)) {
        List<Future<Outcome>> futures = new ArrayList<>();
        for (VerifyCase c : cases) {
          if (!c.appliesTo(major)) {
            continue;
          }
          futures.add(pool.submit(() -> {
            try {
              return new Outcome(c, observer.observe(c), null);
            } catch (Exception e) {
              return new Outcome(c, null, String.valueOf(e.getMessage()));
            }
          }));
        }
        for (Future<Outcome> f : futures) {
          Outcome o = f.get();
          outcomes.put(o.verifyCase().id(), o);
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
      return new Result(major, server.serverVersion(), outcomes, started, (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
