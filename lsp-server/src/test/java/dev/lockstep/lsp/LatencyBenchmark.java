package dev.lockstep.lsp;

import static dev.lockstep.lsp.JsonRpcClient.str;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit-to-diagnostics latency and memory of the language server, driven over JSON-RPC like an
 * editor: a Prisma project with a history of ten migrations and a 2,000-line migration open;
 * single-character edits are sent as incremental {@code didChange} notifications and the time to
 * the {@code publishDiagnostics} of that version is recorded.
 *
 * <p>Runs only when asked: {@code ./mvnw -pl lsp-server -am test -Dtest=LatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlockstep.bench=true} (see the README's section on the
 * language server; {@code -Dlockstep.bench.edits=N} and {@code -Dlockstep.bench.memoryEdits=N} size
 * the runs).
 */
class LatencyBenchmark {
  @TempDir
  Path dir;

  static String bigMigration(int lines) {
    StringBuilder sb = new StringBuilder("-- A large generated migration\nSET lock_timeout = '5s';\n");
    int i = 0;
    while (sb.toString().split("\n", -1).length < lines) {
      sb.append("-- step ").append(i).append('\n');
      sb.append("ALTER TABLE \"User\" ADD COLUMN \"c").append(i).append("\" TEXT;\n");
      sb.append("CREATE INDEX \"Order_c").append(i).append("_idx\" ON \"Order\"(\"createdAt\");\n");
      sb.append("UPDATE \"Order\" SET \"status\" = 'PAID' WHERE \"id\" = ").append(i).append(";\n\n");
      i++;
    }
    return sb.toString();
  }

  static Path project(Path dir) throws IOException {
    List<String> pairs = new ArrayList<>(List.of(
        "20240101000000_init", "CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT NOT NULL);\n"
            + "CREATE TABLE \"Order\" (\"id\" SERIAL PRIMARY KEY, \"userId\" INTEGER NOT NULL, \"status\" TEXT NOT"
            + " NULL, \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
            + "CREATE TABLE \"Product\" (\"id\" SERIAL PRIMARY KEY, \"name\" TEXT NOT NULL);\n"));
    for (int m = 1; m < 10; m++) {
      pairs.add(String.format(Locale.ROOT, "202401%02d000000_step%d", m + 1, m));
      pairs.add("ALTER TABLE \"Product\" ADD COLUMN \"p" + m + "\" INTEGER;\nCREATE INDEX \"Product_p" + m
          + "_idx\" ON \"Product\"(\"p" + m + "\");\nALTER TABLE \"Order\" ADD CONSTRAINT \"Order_userId_fkey" + m
          + "\" FOREIGN KEY (\"userId\") REFERENCES \"User\"(\"id\");\n");
    }
    pairs.add("20240201000000_big");
    pairs.add(bigMigration(2000));
    return Fixtures.prisma(dir, pairs.toArray(String[]::new));
  }

  static long percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void latencyAndMemory() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("lockstep.bench"), "benchmark: run with -Dlockstep.bench=true");
    int edits = Integer.getInteger("lockstep.bench.edits", 400);
    int memoryEdits = Integer.getInteger("lockstep.bench.memoryEdits", 10_000);
    Path p = project(dir);
    Path big = Fixtures.migration(p, "20240201000000_big");
    String text = Files.readString(big, StandardCharsets.UTF_8);
    int lineCount = text.split("\n", -1).length;
    String uri = Fixtures.uri(big);

    LockstepLsp.Running[] running = new LockstepLsp.Running[1];
    try (JsonRpcClient c = JsonRpcClient.inProcess(running)) {
      c.call("initialize", "{\"processId\":null,\"rootUri\":" + str(Fixtures.uri(p)) + ",\"capabilities\":{}}");
      c.notify("initialized", "{}");
      c.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":" + str(uri)
          + ",\"languageId\":\"sql\",\"version\":1,\"text\":" + str(text) + "}}");
      int firstCount = c.diagnostics(uri, 1, 120_000).message().getAsJsonObject("params")
          .getAsJsonArray("diagnostics").size();
      int version = 1;

      // Warm-up, then measured edits: one keystroke every 100 ms at a spread of lines, each
      // waiting for its own diagnostics.
      long[] lat = new long[edits];
      long[] cpu = new long[edits];
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long lintThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("lockstep-lint"))
          .mapToLong(Thread::getId).findFirst().orElse(-1);
      int warmup = 150;
      for (int k = -warmup; k < edits; k++) {
        version++;
        int line = 2 + Math.floorMod(k * 37, lineCount - 4);
        long cpuBefore = threads.getThreadCpuTime(lintThread);
        long sent = System.nanoTime();
        c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":" + str(uri) + ",\"version\":" + version
            + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":" + line + ",\"character\":0},\"end\":{\"line\":"
            + line + ",\"character\":0}},\"text\":\" \"}]}");
        long got = c.diagnostics(uri, version, 60_000).nanos();
        if (k >= 0) {
          lat[k] = got - sent;
          cpu[k] = threads.getThreadCpuTime(lintThread) - cpuBefore;
        }
        c.drain();
        Thread.sleep(Math.max(0, 100 - (System.nanoTime() - sent) / 1_000_000));
      }
      long[] sorted = lat.clone();
      Arrays.sort(sorted);
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      System.out.printf(Locale.ROOT, "BENCH file: %d lines, %d chars, %d diagnostics, history of 10 migrations%n",
          lineCount, text.length(), firstCount);
      System.out.printf(Locale.ROOT, "BENCH edit -> publishDiagnostics over %d edits: p50 %.1f ms, p95 %.1f ms,"
          + " p99 %.1f ms, max %.1f ms (load average %.2f on %d cpus)%n", edits, percentile(sorted, 50) / 1e6,
          percentile(sorted, 95) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6, load,
          Runtime.getRuntime().availableProcessors());

      long[] cpuSorted = cpu.clone();
      Arrays.sort(cpuSorted);
      System.out.printf(Locale.ROOT, "BENCH CPU time of the lint thread per edit: p50 %.1f ms, p95 %.1f ms%n",
          percentile(cpuSorted, 50) / 1e6, percentile(cpuSorted, 95) / 1e6);

      // Bursts of 50 edits a second: latency from the last edit of a burst to its diagnostics.
      long[] burst = new long[10];
      for (int b = 0; b < burst.length; b++) {
        long sent = 0;
        for (int k = 0; k < 50; k++) {
          version++;
          sent = System.nanoTime();
          c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":" + str(uri) + ",\"version\":" + version
              + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":5,\"character\":0},\"end\":{\"line\":5,"
              + "\"character\":0}},\"text\":\"x\"}]}");
          Thread.sleep(20);
        }
        burst[b] = c.diagnostics(uri, version, 60_000).nanos() - sent;
        c.drain();
      }
      Arrays.sort(burst);
      System.out.printf(Locale.ROOT, "BENCH 50 edits/s bursts: last edit -> its diagnostics p50 %.1f ms, max %.1f ms%n",
          percentile(burst, 50) / 1e6, burst[burst.length - 1] / 1e6);

      // Memory over many edits: heap after full GC at checkpoints.
      List<String> heap = new ArrayList<>();
      long start = usedAfterGc();
      heap.add("0: " + start / (1024 * 1024) + " MB");
      for (int k = 1; k <= memoryEdits; k++) {
        version++;
        int line = 2 + Math.floorMod(k * 53, lineCount - 4);
        c.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":" + str(uri) + ",\"version\":" + version
            + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":" + line + ",\"character\":0},\"end\":{\"line\":"
            + line + ",\"character\":0}},\"text\":\"" + (k % 2 == 0 ? "-" : " ") + "\"}]}");
        if (k % 25 == 0) {
          c.diagnostics(uri, version, 60_000);
          c.drain();
        }
        if (k % (memoryEdits / 4) == 0) {
          heap.add(k + ": " + usedAfterGc() / (1024 * 1024) + " MB");
        }
      }
      System.out.println("BENCH heap after full GC over " + memoryEdits + " edits: " + String.join(", ", heap));
      running[0].server().workspace().shutdown();
    }
  }
}
