package dev.lockstep.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PgNamesTest {

  @Test
  void shortNamesAreJoined() {
    assertEquals("users_email_key", PgNames.makeObjectName("users", "email", "key"));
    assertEquals("users_pkey", PgNames.makeObjectName("users", "", "pkey"));
  }

  @Test
  void theLongerPartIsClippedFirst() {
    String name = PgNames.makeObjectName("a".repeat(60), "bb", "idx");
    assertEquals(63, name.length());
    assertEquals("a".repeat(56) + "_bb_idx", name);
  }

  @Test
  void clippingNeverSplitsACharacter() {
    String name = PgNames.makeObjectName("é".repeat(40), "col", "idx");
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= PgNames.MAX_IDENTIFIER_BYTES);
    assertTrue(name.startsWith("é"));
    assertTrue(name.endsWith("_col_idx"));
  }

  @Test
  void utf8LengthCountsAsTheEncoderDoes() {
    for (String s : List.of("", "users", "é", "€uro", "\uD83D\uDE00x", "a\uD800b", "\uDC00", "mixed_é€\uD83D\uDE00")) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, PgNames.utf8Length(s), s);
    }
    String emoji = "\uD83D\uDE00".repeat(20);
    assertEquals(4 * 15, PgNames.makeObjectName(emoji, "", "").getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void clashesGetANumberedLabel() {
    Set<String> taken = Set.of("t_a_idx", "t_a_idx1");
    assertEquals("t_a_idx2", PgNames.choose("t", "a", "idx", taken::contains));
  }

  @Test
  void indexElementNames() {
    assertEquals("a_b", PgNames.columnsPart(List.of("a", "b")));
    assertEquals("lower", PgNames.columnsPart(List.of("lower(email)")));
    assertEquals("expr", PgNames.columnsPart(List.of("(a + b)")));
    assertEquals("a_a1", PgNames.columnsPart(List.of("a", "a")));
    assertEquals("CamelCase", PgNames.columnsPart(List.of("\"CamelCase\"")));
  }
}
