package dev.lockstep.core.effects;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL major versions lockstep models, and the one it assumes when none is configured.
 *
 * <p>{@link #DEFAULT} is 17. It is the newest major that has had two years of minor releases and
 * that the large hosted services (Amazon RDS and Aurora, Google Cloud SQL, Azure Flexible Server,
 * Supabase, Neon) offer as their default or recommended version for new databases, so it is what
 * most migrations are run against today. The model gives the same answers for 16 and 17; what
 * changes in 18 is new features only (virtual generated columns, {@code NOT NULL ... NOT VALID}),
 * so assuming 17 never suggests a fix that an older-but-common server cannot run, while assuming
 * 16 or older would not change a single prediction. Projects on another version set it in the
 * configuration.
 */
public final class ServerVersions {
  public static final int MIN = 12;
  public static final int MAX = 18;
  public static final int DEFAULT = 17;

  private static final Pattern VERSION =
      Pattern.compile("^(?:pg|postgres|postgresql)?\\s*(\\d{1,3})(?:\\.\\d+)*(?:\\s.*)?$");

  private ServerVersions() {}

  public static boolean isSupported(int major) {
    return major >= MIN && major <= MAX;
  }

  /**
   * Returns {@code major} when lockstep models it.
   *
   * @throws IllegalArgumentException naming the supported range otherwise
   */
  public static int validate(int major) {
    if (!isSupported(major)) {
      throw new IllegalArgumentException("PostgreSQL " + major + " is not supported: lockstep models PostgreSQL "
          + MIN + " to " + MAX + " (default " + DEFAULT + ")");
    }
    return major;
  }

  /**
   * Parses a configured version such as {@code 16}, {@code 16.4}, {@code pg16} or the text of
   * {@code SELECT version()}'s number ({@code 15.18}) to a supported major version.
   *
   * @throws IllegalArgumentException when the text is not a version, or not a supported one
   */
  public static int parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = VERSION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL version: expected a major version such as "
          + DEFAULT + " (supported: " + MIN + " to " + MAX + ")");
    }
    return validate(Integer.parseInt(m.group(1)));
  }
}
