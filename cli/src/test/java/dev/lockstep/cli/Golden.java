package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Golden files under {@code cli/src/test/resources/golden/}. Run the tests with
 * {@code -Dlockstep.regenerate=true} to rewrite them from the current output.
 */
public final class Golden {
  public static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  public static boolean regenerate() {
    return Boolean.getBoolean("lockstep.regenerate");
  }

  public static void check(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (regenerate()) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail("golden file " + file + " is missing; run the tests with -Dlockstep.regenerate=true to create it");
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(expected, actual, "output differs from golden file " + file
        + " (if the change is intended, run the tests with -Dlockstep.regenerate=true and review the diff)");
  }

  /** The repository root (the parent of the cli module). */
  public static Path repoRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** {@code shared/<relative>} in the nearest ancestor of the repository that has it. */
  public static Optional<Path> shared(String relative) {
    String override = System.getProperty("lockstep.shared");
    if (override != null) {
      Path p = Path.of(override).resolve(relative);
      return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path d = repoRoot(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared").resolve(relative);
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
