package dev.lockstep.core.plan;

import dev.lockstep.core.project.MigrationTool;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one migration tool names and marks a new migration file placed after an existing one: the
 * path of the {@code k}-th new migration, what a file must start with to run with or without a
 * transaction, and which side files the tool needs.
 *
 * <ul>
 *   <li>Prisma: {@code <yyyyMMddHHmmss>_<name>/migration.sql}, one second after the current one per
 *       step. Prisma sends a file as one query, so a file that must run outside a transaction may
 *       hold only one statement.
 *   <li>Flyway: {@code V<version>_<k>__<name>.sql} (a sub-version between this one and the next).
 *   <li>golang-migrate: {@code <version+k>_<name>.up.sql} and {@code .down.sql}; one query per file
 *       as with Prisma.
 *   <li>goose: {@code <version+k>_<name>.sql} with {@code -- +goose Up} and, without a transaction,
 *       {@code -- +goose NO TRANSACTION}; dollar-quoted blocks inside {@code StatementBegin/End}.
 *   <li>dbmate: {@code <version+k>_<name>.sql} with {@code -- migrate:up [transaction:false]} and
 *       {@code -- migrate:down}.
 *   <li>Drizzle: {@code <nnnn+k>_<name>.sql} with {@code --> statement-breakpoint} between
 *       statements; the file must also be listed in {@code meta/_journal.json}, and Drizzle's migrator
 *       cannot run anything outside its one transaction.
 *   <li>diesel: {@code <yyyy-MM-dd-HHmmss>_<name>/up.sql} and {@code down.sql}, plus {@code
 *       metadata.toml} with {@code run_in_transaction = false} when needed.
 *   <li>sqlx: {@code <version+k>_<name>.sql} (or {@code .up.sql}/{@code .down.sql}), {@code --
 *       no-transaction} on the first line when needed.
 *   <li>Supabase: {@code <yyyyMMddHHmmss>_<name>.sql}.
 *   <li>popx: {@code <version+k>_<name>[.autocommit].up.sql} and {@code .down.sql}.
 *   <li>plain: {@code <number+k>_<name>.sql} next to the current file.
 * </ul>
 */
public final class MigrationLayout {
  private static final Pattern PRISMA = Pattern.compile("^(.*/)?(\\d+)_([^/]+)/migration\\.sql$");
  private static final Pattern FLYWAY = Pattern.compile("^(.*/)?V([0-9][0-9._]*?)__([^/]+)\\.sql$");
  private static final Pattern DIESEL = Pattern.compile("^(.*/)?(\\d{4}-\\d{2}-\\d{2}-\\d{6})_([^/]+)/up\\.sql$");
  private static final Pattern DIESEL_PLAIN = Pattern.compile("^(.*/)?(\\d+)_([^/]+)/up\\.sql$");
  private static final Pattern POPX =
      Pattern.compile("^(.*/)?(\\d+)_([^/.]+)((?:\\.[a-z0-9]+)?)(?:\\.autocommit)?\\.up\\.sql$");
  private static final Pattern VERSIONED = Pattern.compile("^(.*/)?(\\d+)_([^/]+?)((?:\\.up)?\\.sql)$");
  /** The last part of a path made by {@link #path}: the slug (group 1) and what follows it (group 2). */
  private static final Pattern MADE_NAME = Pattern.compile("^(?:V[0-9._]*?_[0-9]+__|[0-9][0-9-]*_)([a-z0-9_]+)(.*)$");
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
  private static final DateTimeFormatter DIESEL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss", Locale.ROOT);

  /** Marker line of a diesel step that needs {@code run_in_transaction = false}. */
  static final String OUTSIDE_TRANSACTION_NOTE = "-- Runs outside a transaction.";

  private final MigrationTool tool;
  private final String current;

  private MigrationLayout(MigrationTool tool, String current) {
    this.tool = tool;
    this.current = current;
  }

  /** The layout of {@code tool}, for new migrations that go right after the file at {@code currentPath}. */
  public static MigrationLayout of(MigrationTool tool, String currentPath) {
    return new MigrationLayout(tool, currentPath.replace('\\', '/'));
  }

  public MigrationTool tool() {
    return tool;
  }

  /** Display path of the current migration. */
  public String current() {
    return current;
  }

  /**
   * Whether a file that must run outside a transaction may hold only one statement: the tool sends
   * the whole file as one query, which PostgreSQL runs as an implicit transaction when it holds
   * several statements.
   */
  public boolean oneStatementPerNonTransactionalFile() {
    return tool == MigrationTool.PRISMA || tool == MigrationTool.GOLANG_MIGRATE;
  }

  /** Whether the tool can run a migration file outside a transaction at all. */
  public boolean canRunOutsideTransaction() {
    return tool != MigrationTool.DRIZZLE;
  }

  /**
   * The display path of the {@code k}-th (1-based) new migration after the current one, named
   * {@code name}; empty when the current file's name does not follow the tool's pattern.
   */
  public Optional<String> path(int k, String name, boolean transactional) {
    String slug = slug(name);
    CurrentName c = currentName();
    if (c == CurrentName.NONE) {
      return Optional.empty();
    }
    switch (tool) {
      case PRISMA:
        return Optional.of(c.dir + later(c.version, k) + "_" + slug + "/migration.sql");
      case FLYWAY:
        return Optional.of(c.dir + "V" + c.version + "_" + k + "__" + slug + ".sql");
      case DIESEL:
        return Optional.of(c.dir + (c.dieselTimestamp ? laterDiesel(c.version, k) : later(c.version, k)) + "_"
            + slug + "/up.sql");
      case POPX:
        return Optional.of(c.dir + later(c.version, k) + "_" + slug + c.suffix
            + (transactional ? "" : ".autocommit") + ".up.sql");
      case GOLANG_MIGRATE:
        return Optional.of(c.dir + later(c.version, k) + "_" + slug + ".up.sql");
      default:
        return Optional.of(c.dir + later(c.version, k) + "_" + slug + c.suffix);
    }
  }

  /** The parts of the current file's name that new paths are made from; matched once per layout. */
  private static final class CurrentName {
    static final CurrentName NONE = new CurrentName(false, "", "", "");

    final boolean dieselTimestamp;
    final String dir;
    final String version;
    final String suffix;

    CurrentName(boolean dieselTimestamp, String dir, String version, String suffix) {
      this.dieselTimestamp = dieselTimestamp;
      this.dir = dir;
      this.version = version;
      this.suffix = suffix;
    }

    /** Directory (group 1), version (group 2) and, where the pattern has one, group 4. */
    static CurrentName of(Matcher m, boolean dieselTimestamp, boolean suffix) {
      return new CurrentName(dieselTimestamp, dir(m.group(1)), m.group(2), suffix ? m.group(4) : "");
    }
  }

  private CurrentName currentName;

  private CurrentName currentName() {
    CurrentName c = currentName;
    if (c == null) {
      c = matchCurrent();
      currentName = c;
    }
    return c;
  }

  private CurrentName matchCurrent() {
    Matcher m;
    switch (tool) {
      case PRISMA:
        m = PRISMA.matcher(current);
        return m.matches() ? CurrentName.of(m, false, false) : CurrentName.NONE;
      case FLYWAY:
        m = FLYWAY.matcher(current);
        return m.matches() ? CurrentName.of(m, false, false) : CurrentName.NONE;
      case DIESEL:
        m = DIESEL.matcher(current);
        if (m.matches()) {
          return CurrentName.of(m, true, false);
        }
        m = DIESEL_PLAIN.matcher(current);
        return m.matches() ? CurrentName.of(m, false, false) : CurrentName.NONE;
      case POPX:
        m = POPX.matcher(current);
        return m.matches() ? CurrentName.of(m, false, true) : CurrentName.NONE;
      case GOLANG_MIGRATE:
        m = VERSIONED.matcher(current);
        return m.matches() ? CurrentName.of(m, false, false) : CurrentName.NONE;
      default:
        m = VERSIONED.matcher(current);
        return m.matches() ? CurrentName.of(m, false, true) : CurrentName.NONE;
    }
  }

  /**
   * A path made by {@link #path} for some position, moved to position {@code k} (same name, same
   * transaction marker): lets several plans of one migration be numbered one after the other.
   */
  public Optional<String> renumber(String path, int k) {
    String p = path.replace('\\', '/');
    boolean folder = p.endsWith("/migration.sql") || p.endsWith("/up.sql");
    String last = folder ? p.substring(0, p.lastIndexOf('/')) : p;
    last = last.substring(last.lastIndexOf('/') + 1);
    Matcher m = MADE_NAME.matcher(last);
    if (!m.matches()) {
      return Optional.empty();
    }
    return path(k, m.group(1), !m.group(2).contains(".autocommit"));
  }

  /**
   * The content of a new migration file running {@code statements} (each terminated with {@code ;}),
   * with the tool's markers.
   */
  public String content(List<String> statements, boolean transactional) {
    StringBuilder sb = new StringBuilder();
    switch (tool) {
      case GOOSE:
        if (!transactional) {
          sb.append("-- +goose NO TRANSACTION\n");
        }
        sb.append("-- +goose Up\n");
        for (String s : statements) {
          if (s.contains("$$")) {
            sb.append("-- +goose StatementBegin\n").append(s).append("\n-- +goose StatementEnd\n");
          } else {
            sb.append(s).append('\n');
          }
        }
        return sb.toString();
      case DBMATE:
        sb.append(transactional ? "-- migrate:up\n" : "-- migrate:up transaction:false\n");
        statements.forEach(s -> sb.append(s).append('\n'));
        sb.append("\n-- migrate:down\n");
        return sb.toString();
      case SQLX:
        if (!transactional) {
          sb.append("-- no-transaction\n");
        }
        statements.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
      case DRIZZLE:
        return String.join("\n--> statement-breakpoint\n", statements) + "\n";
      case DIESEL:
        if (!transactional) {
          sb.append(OUTSIDE_TRANSACTION_NOTE).append(" (metadata.toml: run_in_transaction = false)\n");
        }
        statements.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
      case PLAIN:
        if (transactional && statements.size() > 1) {
          sb.append("BEGIN;\n");
          statements.forEach(s -> sb.append(s).append('\n'));
          sb.append("COMMIT;\n");
          return sb.toString();
        }
        statements.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
      default:
        statements.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
    }
  }

  /**
   * What the user must do besides creating the file, if anything (a journal entry, a side file the
   * tool reads, a statement the tool cannot run inside its transaction).
   */
  public Optional<String> note(boolean transactional) {
    switch (tool) {
      case DRIZZLE:
        return Optional.of(transactional
            ? "add an entry for the file to drizzle/meta/_journal.json (drizzle-kit generate --custom does both)"
            : "Drizzle's migrator runs pending files in one transaction: run this file with psql instead, and add"
                + " it to drizzle/meta/_journal.json only afterwards as an empty custom migration");
      case FLYWAY:
        return transactional ? Optional.empty() : Optional.of("Flyway runs a script holding only this statement"
            + " outside a transaction by itself; keep it alone in the file");
      case SUPABASE:
        return transactional ? Optional.empty() : Optional.of("the Supabase CLI may wrap migrations in a"
            + " transaction; run this file with psql if it fails with \"cannot run inside a transaction block\"");
      default:
        return Optional.empty();
    }
  }

  /**
   * Files the tool needs next to the migration at {@code path} (written only when missing): down
   * files and diesel's {@code metadata.toml}.
   */
  public Map<String, String> companions(String path, boolean transactional) {
    Map<String, String> out = new LinkedHashMap<>();
    switch (tool) {
      case GOLANG_MIGRATE:
      case POPX:
        if (path.endsWith(".up.sql")) {
          out.put(path.substring(0, path.length() - ".up.sql".length()) + ".down.sql",
              "-- Reverts " + fileName(path) + " (see lockstep rollback).\n");
        }
        break;
      case SQLX:
        if (path.endsWith(".up.sql")) {
          out.put(path.substring(0, path.length() - ".up.sql".length()) + ".down.sql",
              "-- Reverts " + fileName(path) + " (see lockstep rollback).\n");
        }
        break;
      case DIESEL:
        if (path.endsWith("/up.sql")) {
          String d = path.substring(0, path.length() - "up.sql".length());
          out.put(d + "down.sql", "-- Reverts up.sql (see lockstep rollback).\n");
          if (!transactional) {
            out.put(d + "metadata.toml", "run_in_transaction = false\n");
          }
        }
        break;
      default:
        break;
    }
    return out;
  }

  /** Whether a step's SQL written by {@link #content} runs outside a transaction. */
  public boolean isNonTransactional(String content) {
    switch (tool) {
      case GOOSE:
        return content.startsWith("-- +goose NO TRANSACTION");
      case DBMATE:
        return content.startsWith("-- migrate:up transaction:false");
      case SQLX:
        return content.startsWith("-- no-transaction");
      case DIESEL:
        return content.startsWith(OUTSIDE_TRANSACTION_NOTE);
      default:
        return false;
    }
  }

  /** Lower-case, underscore-separated, at most 60 characters. */
  public static String slug(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder s = new StringBuilder(lower.length());
    boolean gap = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && s.length() > 0) {
          s.append('_');
        }
        gap = false;
        s.append(c);
      } else {
        gap = true;
      }
    }
    if (s.length() == 0) {
      return "step";
    }
    if (s.length() > 60) {
      s.setLength(s.charAt(59) == '_' ? 59 : 60);
    }
    return s.toString();
  }

  private static String fileName(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  private static String dir(String d) {
    return d == null ? "" : d;
  }

  /** {@code k} seconds after a 14-digit timestamp, else the number plus {@code k} with the same width. */
  static String later(String digits, int k) {
    if (digits.length() == 14) {
      String quick = plusSeconds(digits, k);
      if (quick != null) {
        return quick;
      }
      try {
        return LocalDateTime.parse(digits, COMPACT).plusSeconds(k).format(COMPACT);
      } catch (DateTimeParseException e) {
        // not a timestamp: count on
      }
    }
    String n = digits.length() <= 18 && k >= 0
        ? Long.toString(Long.parseLong(digits) + k)
        : new BigInteger(digits).add(BigInteger.valueOf(k)).toString();
    return "0".repeat(Math.max(0, digits.length() - n.length())) + n;
  }

  private static String laterDiesel(String ts, int k) {
    // yyyy-MM-dd-HHmmss
    String quick = plusSeconds(ts.substring(0, 4) + ts.substring(5, 7) + ts.substring(8, 10) + ts.substring(11), k);
    if (quick != null) {
      return quick.substring(0, 4) + '-' + quick.substring(4, 6) + '-' + quick.substring(6, 8) + '-'
          + quick.substring(8);
    }
    try {
      return LocalDateTime.parse(ts, DIESEL_TS).plusSeconds(k).format(DIESEL_TS);
    } catch (DateTimeParseException e) {
      return ts + "-" + k;
    }
  }

  /**
   * {@code k} seconds after the timestamp {@code yyyyMMddHHmmss}, as {@code LocalDateTime} parses,
   * adds and formats it, without its formatter: only for a valid date and time in the years 1 to
   * 9999 and {@code 0 <= k < 60}; null for anything else, which is left to {@code java.time}.
   */
  static String plusSeconds(String ts, int k) {
    if (ts.length() != 14 || k < 0 || k >= 60) {
      return null;
    }
    for (int i = 0; i < 14; i++) {
      char c = ts.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    int year = digits(ts, 0, 4);
    int month = digits(ts, 4, 6);
    int day = digits(ts, 6, 8);
    int hour = digits(ts, 8, 10);
    int minute = digits(ts, 10, 12);
    int second = digits(ts, 12, 14);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23
        || minute > 59 || second > 59) {
      return null;
    }
    second += k;
    if (second >= 60) {
      second -= 60;
      if (++minute == 60) {
        minute = 0;
        if (++hour == 24) {
          hour = 0;
          if (++day > monthLength(year, month)) {
            day = 1;
            if (++month == 13) {
              month = 1;
              if (++year > 9999) {
                return null;
              }
            }
          }
        }
      }
    }
    char[] out = new char[14];
    put(out, 0, 4, year);
    put(out, 4, 6, month);
    put(out, 6, 8, day);
    put(out, 8, 10, hour);
    put(out, 10, 12, minute);
    put(out, 12, 14, second);
    return new String(out);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }

  private static void put(char[] out, int from, int to, int value) {
    for (int i = to - 1; i >= from; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static int monthLength(int year, int month) {
    if (month == 2) {
      return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }
}
