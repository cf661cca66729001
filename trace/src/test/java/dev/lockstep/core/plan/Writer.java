package dev.lockstep.core.plan;

import dev.lockstep.trace.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second session that keeps writing while a plan runs, as the application would: first with the
 * old code's statements, after the plan's deploy step with the new code's. Each statement commits
 * on its own; every failure is recorded.
 */
final class Writer implements AutoCloseable {
  private static final long STEP_TIMEOUT_MS = 20_000;

  private final TestServers.Server server;
  private final String db;
  private final List<String> before;
  private final List<String> after;
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger inserted = new AtomicInteger();
  private volatile boolean deployed;
  private volatile boolean running = true;
  private Thread thread;

  Writer(TestServers.Server server, String db, List<String> before, List<String> after) {
    this.server = server;
    this.db = db;
    this.before = before;
    this.after = after.isEmpty() ? before : after;
  }

  void start() {
    thread = new Thread(this::loop, "plan-proof-writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    int i = 0;
    try (Connection c = server.connect(db); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '30s'");
      while (running) {
        List<String> statements = deployed ? after : before;
        if (statements.isEmpty()) {
          done.incrementAndGet();
          Thread.sleep(5);
          continue;
        }
        String sql = statements.get(i % statements.size());
        int fresh = 1_000_000 + i;
        int old = 1 + (int) ((i * 7919L) % PlanProofTest.ROWS);
        try {
          s.execute(sql.replace("{new}", Integer.toString(fresh)).replace("{old}", Integer.toString(old)));
          if (sql.startsWith("INSERT")) {
            inserted.incrementAndGet();
          }
        } catch (SQLException e) {
          errors.add((deployed ? "after deploy: " : "before deploy: ") + e.getMessage());
        }
        i++;
        done.incrementAndGet();
        Thread.sleep(1);
      }
    } catch (SQLException e) {
      errors.add("connection: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the writer has written a few more times (so it writes during every phase). */
  void awaitProgress() throws InterruptedException {
    int target = done.get() + 5;
    long end = System.currentTimeMillis() + STEP_TIMEOUT_MS;
    while (done.get() < target && System.currentTimeMillis() < end && thread.isAlive()) {
      Thread.sleep(2);
    }
  }

  void deploy() {
    deployed = true;
  }

  boolean deployed() {
    return deployed;
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(STEP_TIMEOUT_MS);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  int inserted() {
    return inserted.get();
  }

  @Override
  public void close() throws InterruptedException {
    if (thread != null && thread.isAlive()) {
      stop();
    }
  }
}
