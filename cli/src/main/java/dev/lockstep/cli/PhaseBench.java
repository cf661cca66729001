package dev.lockstep.cli;

import dev.lockstep.cli.report.ReportContext;
import dev.lockstep.cli.report.Reporter;
import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lints the same inputs several times in one process and prints the wall time of each phase
 * (discover, replay, report) per run, so the cost of start-up (first runs) and of the
 * steady state (last runs) can be told apart. Not part of the command line; see {@code
 * bench/phases.sh}.
 *
 * <pre>
 * java -cp lockstep.jar dev.lockstep.cli.PhaseBench [--runs N] [--format F] [--list FILE] [PATH...]
 * </pre>
 *
 * {@code --list} reads one path per line. Paths are relative to the working directory. The
 * report is formatted into a stream that discards it.
 */
public final class PhaseBench {
  private PhaseBench() {}

  public static void main(String[] args) throws IOException, ConfigException {
    int runs = 5;
    String format = "json";
    List<Path> inputs = new ArrayList<>();
    Path workDir = Path.of("").toAbsolutePath();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--format" -> format = args[++i];
        case "--list" -> {
          for (String line : Files.readAllLines(Path.of(args[++i]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
              inputs.add(workDir.resolve(line.strip()));
            }
          }
        }
        default -> inputs.add(workDir.resolve(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      inputs.add(workDir);
    }
    RuleRegistry registry = RuleRegistry.load(PhaseBench.class.getClassLoader());
    OptionsResolver.Resolved resolved = new OptionsResolver(registry).resolve(Optional.empty(), inputs.get(0),
        OptionsResolver.Overrides.none());
    LintService service = Services.lintService();
    Reporter reporter = Reporter.forFormat(Reporter.Format.valueOf(format.toUpperCase(Locale.ROOT)));
    ReportContext ctx = new ReportContext(resolved.options().rules(), workDir, workDir, false, Project.version());
    System.out.printf(Locale.ROOT, "%d input(s), %s report, %d run(s), %d worker thread(s) in the common pool%n",
        inputs.size(), format, runs, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
    System.out.println("Each cell: wall ms / CPU ms of the whole process (all threads: workers, JIT, GC);");
    System.out.println("allocated: MB allocated on the Java heap by the threads alive at the end of the run.");
    System.out.println();
    System.out.println("| run | discover | replay | report | total | allocated MB | report bytes |");
    System.out.println("|----:|---------:|-------:|-------:|------:|-------------:|-------------:|");
    for (int run = 1; run <= runs; run++) {
      Map<String, String> phases = new LinkedHashMap<>();
      long allocatedStart = allocated();
      long[] cpu = {processCpu()};
      long start = System.nanoTime();
      long cpuStart = cpu[0];
      LintResult result = service.lint(inputs, resolved.options(), (phase, nanos) -> {
        long now = processCpu();
        phases.put(phase, cell(nanos, now - cpu[0]));
        cpu[0] = now;
      });
      long reportStart = System.nanoTime();
      CountingStream out = new CountingStream();
      reporter.write(result, ctx, out);
      long end = System.nanoTime();
      long cpuEnd = processCpu();
      System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %.0f | %d |%n", run, phases.get("discover"),
          phases.get("replay"), cell(end - reportStart, cpuEnd - cpu[0]),
          cell(end - start, cpuEnd - cpuStart), (allocated() - allocatedStart) / 1e6, out.bytes);
    }
  }

  private static String cell(long wallNanos, long cpuNanos) {
    return String.format(Locale.ROOT, "%.0f / %.0f", wallNanos / 1e6, cpuNanos / 1e6);
  }

  /** CPU time of the whole process so far, in nanoseconds. */
  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /**
   * Bytes allocated so far by the threads alive now (the worker pool's threads live on between
   * runs); 0 when the JVM cannot tell.
   */
  private static long allocated() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    if (!(threads instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemoryEnabled()) {
      return 0;
    }
    long sum = 0;
    for (long bytes : sun.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(bytes, 0);
    }
    return sum;
  }

  /** Counts the bytes written and drops them. */
  private static final class CountingStream extends java.io.OutputStream {
    long bytes;

    @Override
    public void write(byte[] buf, int off, int len) {
      bytes += len;
    }

    @Override
    public void write(int b) {
      bytes++;
    }
  }
}
