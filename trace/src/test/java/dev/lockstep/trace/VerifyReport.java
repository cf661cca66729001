package dev.lockstep.trace;

import dev.lockstep.core.effects.RelationEffect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes {@code target/pg-verify-report.md} (every mismatch, grouped over versions) and {@code
 * target/pg-verify-observations.md} (what each server did for each case, next to the prediction).
 */
final class VerifyReport {
  record Entry(VerifyCase verifyCase, int version, Predictor.Prediction prediction, Observation observation,
      String harnessError, Comparison.Result result, List<String> failures) {}

  private final Map<Integer, VersionRun.Result> runs = new TreeMap<>();
  private final List<Entry> entries = new ArrayList<>();

  synchronized void addVersion(VersionRun.Result run, List<Entry> versionEntries) {
    runs.put(run.major(), run);
    entries.addAll(versionEntries);
  }

  synchronized void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pg-verify-report.md"), report());
      Files.writeString(dir.resolve("pg-verify-observations.md"), observations());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String report() {
    StringBuilder sb = new StringBuilder("# lockstep effects model vs PostgreSQL\n\n");
    sb.append("| server | cases | mismatching cases | mismatches | time |\n|---|---|---|---|---|\n");
    for (VersionRun.Result r : runs.values()) {
      List<Entry> es = entries.stream().filter(e -> e.version() == r.major()).toList();
      long failing = es.stream().filter(e -> !e.failures().isEmpty()).count();
      long mm = es.stream().mapToLong(e -> e.failures().size()).sum();
      sb.append("| ").append(r.serverVersion()).append(" | ").append(es.size()).append(" | ").append(failing)
          .append(" | ").append(mm).append(" | ").append(String.format("%.1f s", r.totalMillis() / 1000.0))
          .append(" |\n");
    }
    // group identical mismatches over versions
    Map<String, List<Integer>> grouped = new LinkedHashMap<>();
    Map<String, Comparison.Mismatch> sample = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (Entry e : entries) {
      if (e.result() == null) {
        e.failures().forEach(f -> other.add(f));
        continue;
      }
      for (Comparison.Mismatch m : e.result().mismatches()) {
        String key = m.caseId() + "\u0000" + m.relation() + "\u0000" + m.aspect() + "\u0000" + m.predicted() + "\u0000"
            + m.observed().replaceAll("seq_tup_read \\d+", "seq_tup_read n");
        grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(m.version());
        sample.putIfAbsent(key, m);
      }
    }
    sb.append("\n## Mismatches (").append(grouped.size()).append(" distinct)\n\n");
    sb.append("| case | versions | relation | aspect | predicted | observed |\n|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Integer>> g : grouped.entrySet()) {
      Comparison.Mismatch m = sample.get(g.getKey());
      sb.append("| ").append(m.caseId()).append(" | ").append(versions(g.getValue())).append(" | ")
          .append(cell(m.relation())).append(" | ").append(m.aspect()).append(" | ").append(cell(m.predicted()))
          .append(" | ").append(cell(m.observed())).append(" |\n");
    }
    if (!other.isEmpty()) {
      sb.append("\n## Not compared\n\n");
      other.forEach(o -> sb.append("- ").append(o).append('\n'));
    }
    List<String> notes = new ArrayList<>();
    for (Entry e : entries) {
      if (e.result() != null) {
        e.result().notes().forEach(n -> notes.add(e.verifyCase().id() + " (" + e.version() + "): " + n));
      }
    }
    if (!notes.isEmpty()) {
      sb.append("\n## Notes\n\n");
      notes.stream().distinct().forEach(n -> sb.append("- ").append(n).append('\n'));
    }
    return sb.toString();
  }

  private String observations() {
    StringBuilder sb = new StringBuilder("# What each server did, next to lockstep's prediction\n\n");
    sb.append("Locks are the strongest mode per relation after the filter described in Observer; "
        + "`+rewrite` = new relfilenode, `+scan` = seq_scan grew.\n");
    Map<String, List<Entry>> byCase = entries.stream()
        .collect(Collectors.groupingBy(e -> e.verifyCase().id(), LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<Entry>> c : byCase.entrySet()) {
      VerifyCase vc = c.getValue().get(0).verifyCase();
      sb.append("\n## ").append(vc.id()).append("\n\n");
      if (!vc.note().isEmpty()) {
        sb.append(vc.note()).append("\n\n");
      }
      if (!vc.setup().isEmpty()) {
        sb.append("setup:\n```sql\n").append(vc.setup()).append("\n```\n");
      }
      sb.append("```sql\n").append(vc.sql()).append("\n```\n");
      Map<String, List<Integer>> obs = new LinkedHashMap<>();
      Map<String, List<Integer>> pred = new LinkedHashMap<>();
      for (Entry e : c.getValue()) {
        obs.computeIfAbsent(describe(e.observation(), e.harnessError()), k -> new ArrayList<>()).add(e.version());
        pred.computeIfAbsent(describe(e.prediction()), k -> new ArrayList<>()).add(e.version());
      }
      pred.forEach((d, v) -> sb.append("- predicted (").append(versions(v)).append("): ").append(d).append('\n'));
      obs.forEach((d, v) -> sb.append("- observed (").append(versions(v)).append("): ").append(d).append('\n'));
    }
    return sb.toString();
  }

  private static String describe(Observation o, String harnessError) {
    if (o == null) {
      return "not observed: " + harnessError;
    }
    StringBuilder sb = new StringBuilder();
    if (o.nonTransactional()) {
      sb.append("refused in a transaction block (25001); ");
    }
    o.error().ifPresent(e -> sb.append("error ").append(e).append("; "));
    if (!o.observed()) {
      sb.append("locks not observable");
      return sb.toString();
    }
    sb.append('[').append(o.method()).append("] ");
    if (o.relations().isEmpty()) {
      sb.append("no user relation locked");
    }
    sb.append(o.relations().values().stream().map(r -> r.name().display() + " " + r.lock().map(l -> l.sql())
        .orElse("(no lock)") + (r.rewrite() ? " +rewrite" : "") + (r.scan() ? " +scan" : ""))
        .collect(Collectors.joining(", ")));
    List<String> created = o.ignored().stream().filter(i -> !i.startsWith("oid ")).toList();
    if (!created.isEmpty()) {
      sb.append(" (not compared: ").append(String.join(", ", created)).append(')');
    }
    return sb.toString();
  }

  private static String describe(Predictor.Prediction p) {
    if (p == null) {
      return "no prediction";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(" ", p.operations())).append(": ");
    if (!p.effects().known()) {
      sb.append("unknown; ");
    }
    if (!p.effects().transactional()) {
      sb.append("not transactional; ");
    }
    p.effects().failsOnExistingRows().ifPresent(f -> sb.append("fails on existing rows; "));
    if (p.relations().isEmpty()) {
      sb.append("no relation locked");
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<dev.lockstep.core.ir.ObjectName, RelationEffect> r : p.relations().entrySet()) {
      parts.add(r.getKey().display() + " " + r.getValue().lock().sql() + (r.getValue().rewrite() ? " +rewrite" : "")
          + (r.getValue().scan() ? " +scan" : ""));
    }
    sb.append(String.join(", ", parts));
    return sb.toString();
  }

  static String versions(List<Integer> vs) {
    return vs.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
