package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanPaths#isPlainRelative} holds only for paths that come back unchanged when resolved
 * against a base, normalized and made relative to that base again, which is what lets plan step
 * paths of a file whose root is the working directory skip that round trip.
 */
class PlainRelativePathTest {
  private static final Path BASE = Path.of("/work/project").toAbsolutePath().normalize();

  private static String roundTrip(String p) {
    return Paths.relativeToNormalized(BASE, BASE.resolve(p).normalize());
  }

  @Test
  void examples() {
    assertTrue(PlanPaths.isPlainRelative("prisma/migrations/20240101000001_x/migration.sql"));
    assertTrue(PlanPaths.isPlainRelative("a.sql"));
    assertTrue(PlanPaths.isPlainRelative("..a/.b/c..sql"));
    assertFalse(PlanPaths.isPlainRelative(""));
    assertFalse(PlanPaths.isPlainRelative("/abs/a.sql"));
    assertFalse(PlanPaths.isPlainRelative("a//b.sql"));
    assertFalse(PlanPaths.isPlainRelative("a/./b.sql"));
    assertFalse(PlanPaths.isPlainRelative("a/../b.sql"));
    assertFalse(PlanPaths.isPlainRelative("../b.sql"));
    assertFalse(PlanPaths.isPlainRelative("a/"));
    assertFalse(PlanPaths.isPlainRelative("."));
  }

  @Test
  void plainPathsSurviveTheRoundTrip() {
    Random random = new Random(11);
    String[] parts = {"a", "b", ".", "..", "", "x.sql", ".hidden", "..x", "v1.2", "002_y"};
    int plain = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder p = new StringBuilder();
      if (random.nextInt(10) == 0) {
        p.append('/');
      }
      int n = 1 + random.nextInt(5);
      for (int k = 0; k < n; k++) {
        if (k > 0) {
          p.append('/');
        }
        p.append(parts[random.nextInt(parts.length)]);
      }
      if (random.nextInt(10) == 0) {
        p.append('/');
      }
      String path = p.toString();
      if (PlanPaths.isPlainRelative(path)) {
        plain++;
        assertEquals(path, roundTrip(path), path);
      }
    }
    assertTrue(plain > 1_000, "too few plain paths generated: " + plain);
  }
}
