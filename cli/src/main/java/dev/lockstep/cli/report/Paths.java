package dev.lockstep.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** How reports name files: relative to a base directory with '/' separators when inside it. */
public final class Paths {
  private Paths() {}

  /** {@code file} relative to {@code base} when it lies below it, else the absolute path; '/' separators. */
  public static String relative(Path base, Path file) {
    return relativeToNormalized(base.toAbsolutePath().normalize(), file);
  }

  /** As {@link #relative}, for a base that is already absolute and normalized. */
  static String relativeToNormalized(Path b, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(b) && !abs.equals(b)) {
      return slashes(b.relativize(abs));
    }
    return slashes(abs);
  }

  public static boolean isInside(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) && !abs.equals(b);
  }

  public static String slashes(Path p) {
    return p.toString().replace(p.getFileSystem().getSeparator(), "/");
  }

  /** The nearest directory at or above {@code start} that holds a {@code .git} entry. */
  public static Optional<Path> gitRoot(Path start) {
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
