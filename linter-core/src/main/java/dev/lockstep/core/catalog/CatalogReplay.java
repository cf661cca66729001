package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.Operation;
import java.util.ArrayList;
import java.util.List;

/** How each operation changes the catalog. */
final class CatalogReplay {
  private CatalogReplay() {}

  static void apply(Catalog c, Operation op, Origin origin) {
    if (op instanceof Operation.CreateTable ct) {
      List<Column> cols = new ArrayList<>();
      for (ColumnDef d : ct.columns()) {
        cols.add(column(d, origin));
      }
      c.putTable(new Table(Catalog.resolve(ct.relation()), cols, List.of(), ct.partitioned(), ct.partitionOf(),
          ct.temporary(), ct.unlogged(), origin));
    } else if (op instanceof Operation.DropTable dt) {
      dt.tables().forEach(c::removeTable);
    } else if (op instanceof Operation.AddColumn ac) {
      c.table(ac.relation()).ifPresent(t -> {
        List<Column> cols = new ArrayList<>(t.columns());
        cols.add(column(ac.column(), origin));
        c.putTable(t.withColumns(cols));
      });
    }
  }

  static Column column(ColumnDef d, Origin origin) {
    return new Column(d.name(), d.type(), d.effectivelyNotNull(), d.defaultValue(),
        d.generated() != ColumnDef.Generated.NONE, d.identity() != ColumnDef.Identity.NONE, origin);
  }
}
