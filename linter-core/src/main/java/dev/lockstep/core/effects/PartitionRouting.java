package dev.lockstep.core.effects;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.PartitionBound;
import dev.lockstep.core.ir.PartitionKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes constant {@code INSERT ... VALUES} rows of a partitioned table to their partitions with the
 * partition keys and bounds the catalog recorded (range and list partitioning; hash partitioning
 * and expression keys are not routed). Values compare as numbers when both sides are numbers, as
 * dates and timestamps when both are, else as text.
 */
final class PartitionRouting {
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2})?)(\\.\\d+)?)?");

  private PartitionRouting() {}

  /**
   * The leaf partitions the rows go to, in order of first use; empty when one of them cannot be
   * told (a value that is not a constant, a key or bound that was not recorded, hash partitioning,
   * a row no partition accepts).
   */
  static Optional<List<Table>> route(Catalog cat, ObjectName table, List<String> columns,
      List<List<Optional<String>>> rows) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Optional<Table> t = cat.table(table);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = columns.isEmpty() ? t.get().columns().stream().map(c -> c.name()).toList() : columns;
    Set<ObjectName> seen = new LinkedHashSet<>();
    List<Table> out = new ArrayList<>();
    for (List<Optional<String>> row : rows) {
      if (row.size() > order.size()) {
        return Optional.empty();
      }
      Optional<Table> leaf = leaf(cat, t.get(), order, row, 0);
      if (leaf.isEmpty()) {
        return Optional.empty();
      }
      if (seen.add(leaf.get().name())) {
        out.add(leaf.get());
      }
    }
    return Optional.of(out);
  }

  private static Optional<Table> leaf(Catalog cat, Table parent, List<String> order, List<Optional<String>> row,
      int depth) {
    if (!parent.partitioned()) {
      return Optional.of(parent);
    }
    if (depth > 8) {
      return Optional.empty();
    }
    Optional<PartitionKey> key = cat.partitionKey(parent.name());
    if (key.isEmpty() || key.get().columns().isEmpty() || key.get().strategy().equals("hash")) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (String col : key.get().columns()) {
      int at = order.indexOf(col);
      if (at < 0) {
        // a key column not given gets its default: only NULL (no default) is known
        boolean noDefault = parent.column(col).map(c -> c.defaultValue().isEmpty() && !c.identity()).orElse(false);
        if (!noDefault) {
          return Optional.empty();
        }
        values.add("NULL");
      } else if (at >= row.size() || row.get(at).isEmpty()) {
        return Optional.empty();
      } else {
        values.add(row.get(at).get());
      }
    }
    Optional<Table> hit = Optional.empty();
    for (Table p : cat.partitionsOf(parent.name())) {
      if (cat.isDefaultPartition(p.name())) {
        continue;
      }
      Optional<PartitionBound> b = cat.partitionBound(p.name());
      if (b.isEmpty()) {
        return Optional.empty();
      }
      Optional<Boolean> in = accepts(b.get(), key.get().strategy(), values);
      if (in.isEmpty()) {
        return Optional.empty();
      }
      if (in.get()) {
        hit = Optional.of(p);
        break;
      }
    }
    if (hit.isEmpty()) {
      hit = cat.defaultPartitionOf(parent.name());
    }
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    return leaf(cat, hit.get(), order, row, depth + 1);
  }

  /** Whether the bound accepts the key values; empty when a comparison cannot be made. */
  static Optional<Boolean> accepts(PartitionBound b, String strategy, List<String> values) {
    if (!b.strategy().equals(strategy)) {
      return Optional.empty();
    }
    if (strategy.equals("list")) {
      if (values.size() != 1) {
        return Optional.empty();
      }
      for (String v : b.in()) {
        if (v.startsWith("?")) {
          return Optional.empty();
        }
        if (values.get(0).equals("NULL") || v.equals("NULL")) {
          if (values.get(0).equals(v)) {
            return Optional.of(true);
          }
          continue;
        }
        Optional<Integer> c = compare(values.get(0), v);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        if (c.get() == 0) {
          return Optional.of(true);
        }
      }
      return Optional.of(false);
    }
    if (!strategy.equals("range") || b.from().size() != values.size() || b.to().size() != values.size()) {
      return Optional.empty();
    }
    if (values.contains("NULL")) {
      return Optional.of(false); // a NULL range key goes to the default partition
    }
    Optional<Integer> lower = compareTuple(values, b.from());
    Optional<Integer> upper = compareTuple(values, b.to());
    if (lower.isEmpty() || upper.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(lower.get() >= 0 && upper.get() < 0);
  }

  /** Row comparison of the key values with a bound, MINVALUE and MAXVALUE included. */
  private static Optional<Integer> compareTuple(List<String> values, List<String> bound) {
    for (int i = 0; i < values.size(); i++) {
      String b = bound.get(i);
      if (b.equals("MINVALUE")) {
        return Optional.of(1);
      }
      if (b.equals("MAXVALUE")) {
        return Optional.of(-1);
      }
      if (b.startsWith("?")) {
        return Optional.empty();
      }
      Optional<Integer> c = compare(values.get(i), b);
      if (c.isEmpty() || c.get() != 0) {
        return c;
      }
    }
    return Optional.of(0);
  }

  static Optional<Integer> compare(String a, String b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return Optional.of(Integer.signum(x.compareTo(y)));
    }
    String dx = dateTime(a);
    String dy = dateTime(b);
    if (dx != null && dy != null) {
      return Optional.of(Integer.signum(dx.compareTo(dy)));
    }
    if (x != null || y != null || dx != null || dy != null) {
      return Optional.empty();
    }
    return Optional.of(Integer.signum(a.compareTo(b)));
  }

  private static BigDecimal number(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code yyyy-mm-dd hh:mm:ss.ffffff}, or null when {@code s} is no date or timestamp without a zone. */
  private static String dateTime(String s) {
    Matcher m = DATE_TIME.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    String time = m.group(2) == null ? "00:00:00" : m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
    String frac = m.group(3) == null ? "" : m.group(3).substring(1);
    frac = (frac + "000000").substring(0, 6);
    return m.group(1) + " " + time + "." + frac;
  }
}
