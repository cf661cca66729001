package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A view or materialized view.
 *
 * @param reads how its query reads its base tables (empty when the query could not be read)
 */
public record View(ObjectName name, boolean materialized, Origin origin, List<TableRead> reads) {
  public View {
    reads = List.copyOf(reads);
  }

  public View(ObjectName name, boolean materialized, Origin origin) {
    this(name, materialized, origin, List.of());
  }

  public View withName(ObjectName n) {
    return new View(n, materialized, origin, reads);
  }

  /** The relations its query reads (tables, views), resolved, each once. */
  public List<ObjectName> baseRelations() {
    Set<ObjectName> out = new LinkedHashSet<>();
    reads.forEach(r -> out.add(Catalog.resolve(r.table())));
    return List.copyOf(out);
  }

  /** Whether its query uses {@code column} of {@code table} (by name, or through {@code *}). */
  public boolean uses(ObjectName table, String column) {
    ObjectName t = Catalog.resolve(table);
    for (TableRead r : reads) {
      if (Catalog.resolvesTo(r.table(), t) && (r.columns().contains(column) || r.columns().contains("*"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether its query reads {@code relation}, given resolved: {@code baseRelations().contains(relation)}. */
  boolean reads(ObjectName relation) {
    for (TableRead r : reads) {
      if (Catalog.resolvesTo(r.table(), relation)) {
        return true;
      }
    }
    return false;
  }
}
