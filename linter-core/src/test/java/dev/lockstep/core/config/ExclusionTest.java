package dev.lockstep.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExclusionTest {
  private final Path base = Path.of("/repo").toAbsolutePath();

  private boolean excluded(String pattern, String relative) {
    return Exclusion.of(base, List.of(pattern)).isExcluded(base.resolve(relative));
  }

  @Test
  void singleStarStaysInOneSegment() {
    assertTrue(excluded("db/*.sql", "db/a.sql"));
    assertFalse(excluded("db/*.sql", "db/x/a.sql"));
    assertFalse(excluded("*.sql", "db/a.sql"));
    assertTrue(excluded("*.sql", "a.sql"));
  }

  @Test
  void doubleStarSpansSegments() {
    assertTrue(excluded("**/seed.sql", "seed.sql"));
    assertTrue(excluded("**/seed.sql", "a/b/seed.sql"));
    assertTrue(excluded("db/**/V1__*.sql", "db/V1__a.sql"));
    assertTrue(excluded("db/**/V1__*.sql", "db/x/y/V1__a.sql"));
    assertFalse(excluded("db/**/V1__*.sql", "other/V1__a.sql"));
    assertTrue(excluded("db/**", "db/x/y/z.sql"));
    assertTrue(excluded("**", "anything/at/all.sql"));
  }

  @Test
  void directoryPatternsExcludeEverythingBelow() {
    assertTrue(excluded("prisma/migrations/2021*", "prisma/migrations/20210101_init/migration.sql"));
    assertTrue(excluded("legacy", "legacy/V1__a.sql"));
    assertTrue(excluded("legacy/", "legacy/sub/V1__a.sql"));
    assertTrue(excluded("./legacy", "legacy/V1__a.sql"));
    assertTrue(excluded("/legacy", "legacy/V1__a.sql"));
    assertFalse(excluded("legacy", "not-legacy/V1__a.sql"));
    assertFalse(excluded("legacy", "legacyx/V1__a.sql"));
  }

  @Test
  void classesAlternativesAndEscapes() {
    assertTrue(excluded("V[12]__*.sql", "V1__a.sql"));
    assertFalse(excluded("V[!12]__*.sql", "V1__a.sql"));
    assertTrue(excluded("V[!12]__*.sql", "V3__a.sql"));
    assertTrue(excluded("{seed,fixtures}/**", "fixtures/a.sql"));
    assertFalse(excluded("{seed,fixtures}/**", "data/a.sql"));
    assertTrue(excluded("a?.sql", "ab.sql"));
    assertFalse(excluded("a?.sql", "a/.sql"));
    assertTrue(excluded("weird\\*name.sql", "weird*name.sql"));
    assertFalse(excluded("weird\\*name.sql", "weirdXname.sql"));
    assertTrue(excluded("a+b (1).sql", "a+b (1).sql"));
  }

  @Test
  void filesOutsideTheBaseAreNeverExcluded() {
    Exclusion e = Exclusion.of(base, List.of("**"));
    assertFalse(e.isExcluded(Path.of("/elsewhere/a.sql").toAbsolutePath()));
    assertFalse(e.isExcluded(base));
    assertFalse(Exclusion.none().isExcluded(base.resolve("a.sql")));
  }

  @Test
  void reportsTheMatchingPattern() {
    Exclusion e = Exclusion.of(base, List.of("seed/**", "**/*.tmp.sql"));
    assertEquals(Optional.of("**/*.tmp.sql"), e.matchingPattern(base.resolve("db/x.tmp.sql")));
    assertEquals(Optional.empty(), e.matchingPattern(base.resolve("db/x.sql")));
  }

  @Test
  void malformedPatternsAreRejected() {
    assertEquals(Optional.of("unclosed '{' in pattern '{a,b'"), Exclusion.problem("{a,b"));
    assertEquals(Optional.of("empty pattern"), Exclusion.problem("  "));
    assertThrows(IllegalArgumentException.class, () -> Exclusion.of(base, List.of("a[")));
  }
}
