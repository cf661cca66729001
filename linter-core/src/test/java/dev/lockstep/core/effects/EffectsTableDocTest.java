package dev.lockstep.core.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/postgres-effects.md} equal to {@link EffectsTableDoc#render()}. Run with
 * {@code -Dlockstep.regenerate=true} to rewrite the file (see {@link EffectsTableDoc#REGENERATE}).
 */
class EffectsTableDocTest {

  private static Path docFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError("cannot find the repository root (a directory with mvnw) above "
          + Path.of("").toAbsolutePath());
    }
    return dir.resolve("docs").resolve("postgres-effects.md");
  }

  @Test
  void committedDocMatchesTheModel() throws IOException {
    String generated = EffectsTableDoc.render();
    Path file = docFile();
    if (Boolean.getBoolean("lockstep.regenerate")) {
      Files.createDirectories(file.getParent());
      String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      Files.writeString(file, EffectsTableDoc.compose(existing), StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; regenerate with " + EffectsTableDoc.REGENERATE);
    assertEquals(generated, EffectsTableDoc.generatedPart(Files.readString(file, StandardCharsets.UTF_8)),
        file + " is out of date; regenerate with " + EffectsTableDoc.REGENERATE);
  }

  @Test
  void everyKeyAppearsInTheDoc() {
    String doc = EffectsTableDoc.render();
    for (PgEffectKey key : PgEffectKey.values()) {
      assertTrue(doc.contains("| `" + key.name() + "` |"), key.name());
    }
  }
}
