package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;
import java.util.List;

/**
 * An index.
 *
 * @param valid false for an index that a failed concurrent build would leave behind (never set by replay today)
 * @param constraint the name of the constraint it backs, or empty
 */
public record Index(ObjectName name, ObjectName table, boolean unique, List<String> columns, boolean valid,
    String constraint, Origin origin) {
  public Index {
    columns = List.copyOf(columns);
  }
}
