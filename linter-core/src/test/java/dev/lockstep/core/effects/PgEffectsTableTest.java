package dev.lockstep.core.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.TableAction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgEffectsTableTest {
  private final PgEffectsTable table = PgEffectsTable.get();

  @Test
  void everyKeyHasExactlyOneRowPerSupportedVersion() {
    for (PgEffectKey key : PgEffectKey.values()) {
      for (int v = ServerVersions.MIN; v <= ServerVersions.MAX; v++) {
        int version = v;
        long rows = table.rows(key).stream().filter(s -> s.versions().contains(version)).count();
        assertEquals(1, rows, key + " on " + v);
      }
    }
  }

  @Test
  void everyRowNamesItsSourceAndSupportedRowsSayWhatTheyDo() {
    for (PgEffectSpec s : table.rows()) {
      assertTrue(s.source().startsWith("https://www.postgresql.org/docs/"), s.key() + " source");
      if (!s.supported()) {
        assertTrue(s.roles().isEmpty(), s.key() + " unsupported rows lock nothing");
        assertFalse(s.note().isEmpty(), s.key() + " unsupported rows say why");
      }
      // ADD UNIQUE on 12-17 builds the partitions' indexes under SHARE only (observed)
      boolean observedException = s.key() == PgEffectKey.ADD_UNIQUE && s.versions().to() <= 17;
      if (s.role(PgRole.PARTITIONS).isPresent() && s.role(PgRole.TARGET).isPresent() && !observedException) {
        assertEquals(s.role(PgRole.TARGET).get().lock(), s.role(PgRole.PARTITIONS).get().lock(),
            s.key() + " recursion takes the target's lock");
      }
    }
  }

  @Test
  void everyTableActionHasAKey() {
    for (TableAction a : TableAction.values()) {
      assertEquals(a.name(), PgEffectKey.forAction(a).name());
      assertFalse(table.rows(PgEffectKey.forAction(a)).isEmpty(), a.name());
    }
  }

  @Test
  void versionBoundaries() {
    assertEquals(Optional.of(14), table.supportedSince(PgEffectKey.DETACH_PARTITION_CONCURRENTLY));
    assertEquals(Optional.of(12), table.supportedSince(PgEffectKey.REINDEX_CONCURRENTLY));
    assertEquals(Optional.of(18), table.supportedSince(PgEffectKey.ADD_NOT_NULL_NOT_VALID));
    assertEquals(Optional.of(18), table.supportedSince(PgEffectKey.ADD_COLUMN_VIRTUAL_GENERATED));
    assertEquals(Optional.of(15), table.supportedSince(PgEffectKey.CLUSTER_PARTITIONED));
    assertEquals(Optional.of(14), table.supportedSince(PgEffectKey.REINDEX_PARTITIONED));
    assertEquals(Optional.of(17), table.supportedSince(PgEffectKey.COLUMN_SET_EXPRESSION));
    assertEquals(Optional.empty(), table.supportedSince(PgEffectKey.CREATE_INDEX_CONCURRENTLY_PARTITIONED));
    assertFalse(table.spec(PgEffectKey.DETACH_PARTITION_CONCURRENTLY, 13).supported());
    assertTrue(table.spec(PgEffectKey.DETACH_PARTITION_CONCURRENTLY, 14).supported());
  }

  @Test
  void headlineFacts() {
    PgEffectSpec fk = table.spec(PgEffectKey.ADD_FK, 16);
    assertEquals(Optional.of(LockMode.SHARE_ROW_EXCLUSIVE), fk.targetLock());
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, fk.role(PgRole.REFERENCED_TABLES).orElseThrow().lock());
    assertTrue(fk.scans());
    PgEffectSpec validate = table.spec(PgEffectKey.VALIDATE_FK, 16);
    assertEquals(Optional.of(LockMode.SHARE_UPDATE_EXCLUSIVE), validate.targetLock());
    assertEquals(LockMode.ROW_SHARE, validate.role(PgRole.REFERENCED_TABLES).orElseThrow().lock());
    PgEffectSpec cic = table.spec(PgEffectKey.CREATE_INDEX_CONCURRENTLY, 16);
    assertFalse(cic.transactional());
    assertEquals(Optional.of(LockMode.SHARE_UPDATE_EXCLUSIVE), cic.targetLock());
    assertEquals(Optional.of(LockMode.SHARE), table.spec(PgEffectKey.CREATE_INDEX, 16).targetLock());
    PgEffectSpec reindex = table.spec(PgEffectKey.REINDEX_INDEX, 16);
    assertEquals(Optional.of(LockMode.SHARE), reindex.targetLock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, reindex.role(PgRole.INDEX).orElseThrow().lock());
    assertTrue(reindex.rewritesIndexes());
    PgEffectSpec enumValue = table.spec(PgEffectKey.ADD_ENUM_VALUE, 12);
    assertTrue(enumValue.roles().isEmpty());
    assertTrue(enumValue.transactional());
    assertTrue(table.spec(PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT, 17).rewritesTable());
    assertFalse(table.spec(PgEffectKey.ADD_COLUMN_CONSTANT_DEFAULT, 17).rewritesTable());
    assertTrue(table.spec(PgEffectKey.DROP_TABLE, 17).note().contains("hypothesis"));
  }

  @Test
  void unknownVersionIsRejectedWithTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> table.spec(PgEffectKey.CREATE_TABLE, 11));
    assertTrue(e.getMessage().contains("12 to 18"), e.getMessage());
  }

  @Test
  void serverVersions() {
    assertEquals(17, ServerVersions.DEFAULT);
    assertTrue(ServerVersions.isSupported(ServerVersions.DEFAULT));
    assertEquals(16, ServerVersions.parse("16"));
    assertEquals(15, ServerVersions.parse("15.18"));
    assertEquals(14, ServerVersions.parse("PG14"));
    for (String bad : List.of("11", "19", "x", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerVersions.parse(bad));
      assertTrue(e.getMessage().contains("12") && e.getMessage().contains("18"), e.getMessage());
    }
    assertEquals(12, ServerVersions.validate(12));
    assertThrows(IllegalArgumentException.class, () -> ServerVersions.validate(10));
  }
}
