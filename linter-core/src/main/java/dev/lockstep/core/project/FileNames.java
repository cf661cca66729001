package dev.lockstep.core.project;

import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How each tool reads version, name and direction out of a migration file's path. */
final class FileNames {
  private FileNames() {}

  /**
   * What a file name says.
   *
   * @param version the ordering key as the tool spells it
   * @param name the descriptive part
   * @param direction up or down
   * @param repeatable a Flyway {@code R__} script (runs after all versioned ones)
   * @param popxDialect the {@code .<dialect>.} infix of a popx name ({@code postgres}, {@code
   *     mysql}, {@code sqlite3}, {@code cockroach}), empty for a generic file
   * @param autocommit the name asks for no transaction (popx {@code .autocommit.})
   */
  record Parsed(
      String version,
      String name,
      Direction direction,
      boolean repeatable,
      Optional<String> popxDialect,
      boolean autocommit) {
    static Parsed of(String version, String name, Direction direction) {
      return new Parsed(version, name, direction, false, Optional.empty(), false);
    }
  }

  static final Pattern FLYWAY =
      Pattern.compile("^([VUB])(\\d+(?:[._]\\d+)*)__(.*)\\.sql$");
  static final Pattern FLYWAY_REPEATABLE = Pattern.compile("^R__(.+)\\.sql$");
  static final Pattern UP_DOWN = Pattern.compile("^(\\d+)_(.*)\\.(up|down)\\.sql$");
  static final Pattern NUMBERED = Pattern.compile("^(\\d+)_(.*)\\.sql$");
  static final Pattern DBMATE = Pattern.compile("^(\\d+)(?:_(.*))?\\.sql$");
  static final Pattern SQLX = Pattern.compile("^(\\d+)_(.*?)(?:\\.(up|down))?\\.sql$");
  static final Pattern POPX =
      Pattern.compile(
          "^(\\d+)_([^.]+)(?:\\.(postgres|mysql|sqlite3|sqlite|cockroach))?(\\.autocommit)?\\.(up|down)\\.sql$");
  static final Pattern PREFIXED_DIR = Pattern.compile("^\\d[\\d-]*_.+");

  static boolean isSqlName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".sql") || n.endsWith(".sql.postgres");
  }

  /** True when a popx-style name carries a dialect or autocommit infix. */
  static boolean hasPopxInfix(String fileName) {
    Matcher m = POPX.matcher(fileName);
    return m.matches() && (m.group(3) != null || m.group(4) != null);
  }

  static Optional<Dialect> popxDialect(String infix) {
    return switch (infix) {
      case "postgres" -> Optional.of(Dialect.POSTGRESQL);
      case "mysql" -> Optional.of(Dialect.MYSQL);
      default -> Optional.empty();
    };
  }

  /** Whether {@code tool} recognises this file as one of its migrations. */
  static boolean matches(MigrationTool tool, Path file) {
    return parseStrict(tool, file).isPresent();
  }

  /** The tool's reading of the name, or the generic reading when the tool does not accept it. */
  static Parsed parse(MigrationTool tool, Path file, String relativeToRoot) {
    return parseStrict(tool, file).orElseGet(() -> generic(file, relativeToRoot, tool == MigrationTool.PLAIN));
  }

  static Optional<Parsed> parseStrict(MigrationTool tool, Path file) {
    String fileName = file.getFileName().toString();
    Matcher m;
    switch (tool) {
      case PRISMA -> {
        if (!fileName.equals("migration.sql") || file.getParent() == null) {
          return Optional.empty();
        }
        String dir = file.getParent().getFileName().toString();
        int us = dir.indexOf('_');
        return Optional.of(
            us > 0
                ? Parsed.of(dir.substring(0, us), dir.substring(us + 1), Direction.UP)
                : Parsed.of(dir, dir, Direction.UP));
      }
      case DIESEL -> {
        boolean up = fileName.equals("up.sql");
        if ((!up && !fileName.equals("down.sql")) || file.getParent() == null) {
          return Optional.empty();
        }
        String dir = file.getParent().getFileName().toString();
        int us = dir.indexOf('_');
        String version = (us > 0 ? dir.substring(0, us) : dir).replace("-", "");
        String name = us > 0 ? dir.substring(us + 1) : dir;
        return Optional.of(Parsed.of(version, name, up ? Direction.UP : Direction.DOWN));
      }
      case FLYWAY -> {
        m = FLYWAY.matcher(fileName);
        if (m.matches()) {
          return Optional.of(
              Parsed.of(
                  m.group(2).replace('_', '.'),
                  m.group(3).replace('_', ' ').trim(),
                  m.group(1).equals("U") ? Direction.DOWN : Direction.UP));
        }
        m = FLYWAY_REPEATABLE.matcher(fileName);
        if (m.matches()) {
          return Optional.of(
              new Parsed("", m.group(1).replace('_', ' ').trim(), Direction.UP, true, Optional.empty(), false));
        }
        return Optional.empty();
      }
      case GOLANG_MIGRATE -> {
        m = UP_DOWN.matcher(fileName);
        return m.matches()
            ? Optional.of(Parsed.of(m.group(1), m.group(2), direction(m.group(3))))
            : Optional.empty();
      }
      case GOOSE, SUPABASE -> {
        m = NUMBERED.matcher(fileName);
        return m.matches() ? Optional.of(Parsed.of(m.group(1), m.group(2), Direction.UP)) : Optional.empty();
      }
      case DBMATE -> {
        m = DBMATE.matcher(fileName);
        return m.matches()
            ? Optional.of(Parsed.of(m.group(1), m.group(2) == null ? "" : m.group(2), Direction.UP))
            : Optional.empty();
      }
      case SQLX -> {
        m = SQLX.matcher(fileName);
        return m.matches()
            ? Optional.of(
                Parsed.of(m.group(1), m.group(2), m.group(3) == null ? Direction.UP : direction(m.group(3))))
            : Optional.empty();
      }
      case POPX -> {
        m = POPX.matcher(fileName);
        if (!m.matches()) {
          return Optional.empty();
        }
        return Optional.of(
            new Parsed(
                m.group(1),
                m.group(2),
                direction(m.group(5)),
                false,
                Optional.ofNullable(m.group(3)),
                m.group(4) != null));
      }
      case DRIZZLE -> {
        m = NUMBERED.matcher(fileName);
        return m.matches()
            ? Optional.of(Parsed.of(m.group(1), m.group(2), Direction.UP))
            : Optional.of(Parsed.of(stem(fileName), stem(fileName), Direction.UP));
      }
      case PLAIN -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The tool-independent reading: {@code .down.sql}/{@code _down.sql} is a down file; the version
   * is the leading number, or for plain sets the path below the set root without extension.
   */
  static Parsed generic(Path file, String relativeToRoot, boolean plain) {
    String fileName = file.getFileName().toString();
    String stem = stem(fileName);
    Direction direction = Direction.UP;
    String lower = stem.toLowerCase(Locale.ROOT);
    for (String suffix : new String[] {".down", "_down", "-down"}) {
      if (lower.endsWith(suffix)) {
        direction = Direction.DOWN;
        stem = stem.substring(0, stem.length() - suffix.length());
        break;
      }
    }
    if (direction == Direction.UP) {
      for (String suffix : new String[] {".up", "_up", "-up"}) {
        if (lower.endsWith(suffix)) {
          stem = stem.substring(0, stem.length() - suffix.length());
          break;
        }
      }
    }
    int digits = 0;
    while (digits < stem.length() && Character.isDigit(stem.charAt(digits))) {
      digits++;
    }
    String name = stem.substring(digits).replaceFirst("^[_\\-. ]+", "");
    if (name.isEmpty()) {
      name = stem;
    }
    String version;
    if (plain) {
      String rel = relativeToRoot;
      int slash = rel.lastIndexOf('/');
      version = (slash >= 0 ? rel.substring(0, slash + 1) : "") + stem;
    } else {
      version = digits > 0 ? stem.substring(0, digits) : stem;
    }
    return Parsed.of(version, name, direction);
  }

  static String stem(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".sql.postgres")) {
      return fileName.substring(0, fileName.length() - ".sql.postgres".length());
    }
    if (lower.endsWith(".sql")) {
      return fileName.substring(0, fileName.length() - 4);
    }
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static Direction direction(String s) {
    return s.equals("down") ? Direction.DOWN : Direction.UP;
  }

  /** Flyway version order: dot-separated numbers compared part by part, trailing zeros ignored. */
  static int compareFlywayVersions(String a, String b) {
    String[] pa = a.isEmpty() ? new String[0] : a.split("\\.");
    String[] pb = b.isEmpty() ? new String[0] : b.split("\\.");
    int n = Math.max(pa.length, pb.length);
    for (int i = 0; i < n; i++) {
      String x = i < pa.length ? pa[i] : "0";
      String y = i < pb.length ? pb[i] : "0";
      int c = NaturalOrder.compareDigits(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
