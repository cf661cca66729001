package dev.lockstep.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the daemon of one build of lockstep listens: a Unix domain socket in a folder only the
 * user can enter, named after the build (the class path with the size and modification time of
 * each entry), so a rebuilt jar never talks to a daemon that still runs the old code.
 *
 * <p>The folder is {@code $LOCKSTEP_DAEMON_DIR} when set, else {@code $XDG_RUNTIME_DIR/lockstep},
 * else {@code <java.io.tmpdir>/lockstep-<user>}. It must be a directory owned by the user with no
 * permissions for group or others; otherwise no daemon is used.
 */
public record DaemonAddress(Path dir, String build) {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  // Paths here are built with StringBuilder, not string concatenation: this code runs before every
  // command, and the first concatenation of a process costs milliseconds of bootstrapping.

  /** The socket file. */
  public Path socket() {
    return dir.resolve(new StringBuilder(build).append(".sock").toString());
  }

  /** The daemon's log (its standard output and error). */
  public Path log() {
    return dir.resolve(new StringBuilder(build).append(".log").toString());
  }

  /** The address of this build's daemon, for a process with this environment. */
  public static DaemonAddress of(Map<String, String> env) {
    return new DaemonAddress(folder(env), build(System.getProperty("java.class.path", "")));
  }

  static Path folder(Map<String, String> env) {
    String explicit = env.get("LOCKSTEP_DAEMON_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "lockstep").toAbsolutePath().normalize();
    }
    StringBuilder user = new StringBuilder();
    for (char c : System.getProperty("user.name", "user").toCharArray()) {
      boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
      user.append(plain ? c : '_');
    }
    return Path.of(System.getProperty("java.io.tmpdir"), new StringBuilder("lockstep-").append(user).toString())
        .toAbsolutePath().normalize();
  }

  /**
   * Sixteen hex digits that change whenever a class path entry changes: its path, size or
   * modification time.
   */
  static String build(String classPath) {
    long a = 0xcbf29ce484222325L;
    long b = 17;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath().normalize();
      StringBuilder key = new StringBuilder(p.toString());
      try {
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
        key.append('|').append(attrs.size()).append('|').append(attrs.lastModifiedTime().toMillis());
      } catch (IOException e) {
        key.append("|missing");
      }
      for (int i = 0; i < key.length(); i++) {
        a = (a ^ key.charAt(i)) * 0x100000001b3L;
        b = b * 31 + key.charAt(i);
      }
      a = (a ^ '\n') * 0x100000001b3L;
    }
    long mixed = a ^ Long.rotateLeft(b * 0x9e3779b97f4a7c15L, 29);
    String hex = Long.toHexString(mixed);
    return new StringBuilder("0000000000000000").replace(16 - hex.length(), 16, hex).toString();
  }

  /**
   * Creates the folder when missing and checks that only the user can enter it; empty when it is
   * usable, else why not.
   */
  public Optional<String> prepare() {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir.getParent());
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // created by a concurrent start; checked below like any existing folder
        }
      }
      return problem();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot create " + dir + ": " + e.getMessage());
    }
  }

  /** Why the folder cannot be trusted, if it cannot: not a directory, not the user's, open to others. */
  public Optional<String> problem() {
    try {
      PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isDirectory()) {
        return Optional.of(dir + " is not a directory");
      }
      String me = System.getProperty("user.name");
      if (me != null && !attrs.owner().getName().equals(me)) {
        return Optional.of(dir + " belongs to " + attrs.owner().getName() + ", not to " + me);
      }
      Set<PosixFilePermission> perms = attrs.permissions();
      for (PosixFilePermission p : perms) {
        if (!OWNER_ONLY.contains(p)) {
          return Optional.of(dir + " is open to other users (" + PosixFilePermissions.toString(perms)
              + "); it must be rwx------");
        }
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot read " + dir + ": " + e.getMessage());
    }
  }
}
