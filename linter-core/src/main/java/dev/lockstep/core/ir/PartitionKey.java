package dev.lockstep.core.ir;

import java.util.List;

/**
 * {@code PARTITION BY strategy (columns)}.
 *
 * @param strategy {@code range}, {@code list} or {@code hash}
 * @param columns the key columns; an expression key makes the list empty
 */
public record PartitionKey(String strategy, List<String> columns) {
  public PartitionKey {
    columns = List.copyOf(columns);
  }
}
