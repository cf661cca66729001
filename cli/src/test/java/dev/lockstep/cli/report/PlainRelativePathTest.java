package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanPaths#isPlainRelative} holds only for paths that, resolved against a root at or below
 * the base, normalized and made relative to the base, come back as the root's {@link
 * PlanPaths#plainPrefix prefix} and themselves, which is what lets plan step paths skip that round trip.
 */
class PlainRelativePathTest {
  private static final Path BASE = Path.of("/work/project").toAbsolutePath().normalize();

  private static final Path[] ROOTS = {BASE, BASE.resolve("svc"), BASE.resolve("a/b.c"), Path.of("/elsewhere"),
      Path.of("/work")};

  private static String roundTrip(Path root, String p) {
    return Paths.relativeToNormalized(BASE, root.resolve(p).normalize());
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
  void prefixes() {
    assertEquals("", PlanPaths.plainPrefix(BASE, BASE));
    assertEquals("svc/", PlanPaths.plainPrefix(BASE.resolve("svc"), BASE));
    assertEquals("a/b.c/", PlanPaths.plainPrefix(BASE.resolve("a/b.c"), BASE));
    assertEquals(null, PlanPaths.plainPrefix(Path.of("/elsewhere"), BASE));
    assertEquals(null, PlanPaths.plainPrefix(Path.of("/work"), BASE));
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
        for (Path root : ROOTS) {
          String prefix = PlanPaths.plainPrefix(root, BASE);
          if (prefix != null) {
            assertEquals(roundTrip(root, path), prefix + path, root + " + " + path);
          }
        }
      }
    }
    assertTrue(plain > 1_000, "too few plain paths generated: " + plain);
  }
}
