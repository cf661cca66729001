package dev.lockstep.core.ir;

import java.util.List;

/**
 * The bound of a partition ({@code FOR VALUES ...}), with constants as text: a string literal
 * without its quotes, a number as written; {@code MINVALUE} / {@code MAXVALUE} in upper case.
 *
 * @param strategy {@code range}, {@code list} or {@code hash}
 * @param from for a range, the lower bound (inclusive), one value per key column
 * @param to for a range, the upper bound (exclusive)
 * @param in for a list, the values; a {@code NULL} value is {@code NULL}
 */
public record PartitionBound(String strategy, List<String> from, List<String> to, List<String> in) {
  public PartitionBound {
    from = List.copyOf(from);
    to = List.copyOf(to);
    in = List.copyOf(in);
  }
}
