package dev.lockstep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders lockstep makes for itself and removes again (trace logs, a daemon's warm-up copy). */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code dir} with everything below it, as far as it can; true when nothing is left. A
   * symbolic link inside is removed, not followed.
   */
  public static boolean delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // go on with the rest; the result says something is left
        }
      }
    } catch (IOException | RuntimeException e) {
      // not listable: whatever is left is reported below
    }
    return !Files.exists(dir);
  }
}
