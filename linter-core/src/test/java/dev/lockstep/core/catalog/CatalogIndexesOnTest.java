package dev.lockstep.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.ir.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cached indexes-by-table lists stay what a scan of all indexes gives, through every kind of change. */
class CatalogIndexesOnTest {
  private static final List<ObjectName> TABLES = List.of(ObjectName.of("public", "a"), ObjectName.of("public", "b"),
      ObjectName.of("s", "c"));

  @Test
  void cachedListsFollowEveryChange() {
    Random random = new Random(42);
    Catalog c = new Catalog();
    List<Catalog> copies = new ArrayList<>();
    for (int step = 0; step < 3000; step++) {
      ObjectName table = TABLES.get(random.nextInt(TABLES.size()));
      ObjectName name = ObjectName.of(table.schema(), "i" + random.nextInt(12));
      Index index = new Index(name, table, random.nextBoolean(), List.of("x"), true, "", Origin.BASELINE);
      switch (random.nextInt(6)) {
        case 0, 1 -> c.putIndex(index);
        case 2 -> c.removeIndex(name);
        case 3 -> c.replaceIndex(ObjectName.of(table.schema(), "i" + random.nextInt(12)), index);
        case 4 -> {
          if (random.nextInt(10) == 0) {
            c.removeTable(table);
          }
        }
        default -> {
          if (random.nextInt(20) == 0) {
            copies.add(c);
            c = c.copy();
          }
        }
      }
      if (random.nextInt(3) == 0) {
        assertMatchesScan(c, step);
      }
    }
    assertMatchesScan(c, -1);
    for (Catalog old : copies) {
      assertMatchesScan(old, -1);
    }
  }

  private static void assertMatchesScan(Catalog c, int step) {
    for (ObjectName t : TABLES) {
      List<Index> expected = c.indexes().stream().filter(i -> i.table().equals(t)).toList();
      assertEquals(expected, c.indexesOn(t), "step " + step + " table " + t);
    }
  }
}
