package dev.lockstep.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CatalogReplay#mentionsMasked} finds a column exactly where its pattern ({@link CatalogReplay#identifier}) does. */
class MentionsTest {
  @Test
  void examples() {
    assertTrue(CatalogReplay.mentionsMasked("price > 0", "price"));
    assertTrue(CatalogReplay.mentionsMasked("PRICE > 0", "price"));
    assertTrue(CatalogReplay.mentionsMasked("\"Price\" > 0", "Price"));
    assertFalse(CatalogReplay.mentionsMasked("Price > 0", "Price"));
    assertFalse(CatalogReplay.mentionsMasked("t.price > 0", "price"));
    assertFalse(CatalogReplay.mentionsMasked("price_x > 0", "price"));
    assertFalse(CatalogReplay.mentionsMasked("price(1)", "price"));
    assertFalse(CatalogReplay.mentionsMasked("\u017Fku > 0", "sku"));
  }

  @Test
  void sameAsThePattern() {
    Random random = new Random(5);
    String[] columns = {"a", "id", "price", "user_id", "x$1", "_x", "Price", "My Col", "a\"b", "", "ab", "sku"};
    String[] pieces = {"a", "A", "b", "id", "ID", "price", "PRICE", "Price", "user_id", "x$1", "_x", "\"", "\"\"",
        "'", ".", "(", ")", " ", "$", "1", "My Col", "\"My Col\"", "\"a\"\"b\"", "ſku", "sku", "SKU", "é", "😀", ","};
    int hits = 0;
    for (int t = 0; t < 100_000; t++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(8);
      for (int k = 0; k < n; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      String column = columns[random.nextInt(columns.length)];
      boolean expected = CatalogReplay.identifier(column).matcher(text).find();
      hits += expected ? 1 : 0;
      assertEquals(expected, CatalogReplay.mentionsMasked(text, column), () -> column + " in " + text);
    }
    assertTrue(hits > 5_000, "too few texts mention their column: " + hits);
  }
}
