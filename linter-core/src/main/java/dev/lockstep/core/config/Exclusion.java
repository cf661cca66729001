package dev.lockstep.core.config;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a file is excluded by {@code exclude} glob patterns.
 *
 * <p>Patterns are relative to a base directory (the configuration file's directory) and use
 * {@code /} as separator:
 *
 * <ul>
 *   <li>{@code *} matches any characters except {@code /}; {@code ?} one such character;
 *   <li>{@code **} as a whole path segment matches any number of segments, including none
 *       ({@code **}{@code /legacy/*.sql} matches {@code legacy/a.sql} and {@code x/y/legacy/a.sql});
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} character classes; {@code {a,b}} alternatives;
 *       {@code \} escapes the next character.
 * </ul>
 *
 * A pattern that matches a directory excludes everything below it ({@code db/legacy} and {@code
 * db/legacy/} both exclude {@code db/legacy/V1__a.sql}). A leading {@code /} or {@code ./} is
 * ignored. Patterns are anchored at the base directory: write {@code **}{@code /seed.sql} to match
 * at any depth. Files outside the base directory are never excluded. Matching is case-sensitive.
 */
public final class Exclusion {
  private static final Exclusion NONE = new Exclusion(Path.of("").toAbsolutePath(), List.of(), List.of());

  private final Path base;
  private final List<String> patterns;
  private final List<Pattern> compiled;

  private Exclusion(Path base, List<String> patterns, List<Pattern> compiled) {
    this.base = base;
    this.patterns = patterns;
    this.compiled = compiled;
  }

  /** Excludes nothing. */
  public static Exclusion none() {
    return NONE;
  }

  /**
   * @throws IllegalArgumentException when a pattern is malformed (unclosed {@code [} or {@code {},
   *     trailing {@code \})
   */
  public static Exclusion of(Path baseDir, List<String> patterns) {
    List<Pattern> compiled = new ArrayList<>();
    for (String p : patterns) {
      compiled.add(Pattern.compile(toRegex(p)));
    }
    return new Exclusion(baseDir.toAbsolutePath().normalize(), List.copyOf(patterns), List.copyOf(compiled));
  }

  public List<String> patterns() {
    return patterns;
  }

  public boolean isExcluded(Path file) {
    return matchingPattern(file).isPresent();
  }

  /** The first pattern that excludes {@code file}, if any (for "excluded by ..." messages). */
  public Optional<String> matchingPattern(Path file) {
    if (compiled.isEmpty()) {
      return Optional.empty();
    }
    Path p = file.toAbsolutePath().normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      return Optional.empty();
    }
    String rel = base.relativize(p).toString().replace(File.separatorChar, '/');
    for (int i = 0; i < compiled.size(); i++) {
      Pattern pattern = compiled.get(i);
      // The path itself, then each ancestor directory below the base.
      String candidate = rel;
      while (true) {
        if (pattern.matcher(candidate).matches()) {
          return Optional.of(patterns.get(i));
        }
        int slash = candidate.lastIndexOf('/');
        if (slash < 0) {
          break;
        }
        candidate = candidate.substring(0, slash);
      }
    }
    return Optional.empty();
  }

  /** Checks a pattern; the message says what is wrong. */
  static Optional<String> problem(String glob) {
    try {
      toRegex(glob);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  static String toRegex(String glob) {
    Objects.requireNonNull(glob, "glob");
    String g = glob.trim();
    if (g.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    while (g.endsWith("/") && g.length() > 1) {
      g = g.substring(0, g.length() - 1);
    }
    StringBuilder re = new StringBuilder();
    int braces = 0;
    int i = 0;
    int n = g.length();
    while (i < n) {
      char c = g.charAt(i);
      boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < n && g.charAt(i + 1) == '*' && segmentStart
          && (i + 2 == n || g.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          re.append(".*");
          i += 2;
        } else {
          re.append("(?:[^/]*/)*");
          i += 3;
        }
        continue;
      }
      switch (c) {
        case '*' -> {
          // A lone '**' inside a segment behaves like '*'.
          re.append("[^/]*");
          while (i + 1 < n && g.charAt(i + 1) == '*') {
            i++;
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = g.indexOf(']', i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed '[' in pattern '" + glob + "'");
          }
          String body = g.substring(i + 1, close);
          boolean negate = body.startsWith("!") || body.startsWith("^");
          if (negate) {
            body = body.substring(1);
          }
          re.append('[').append(negate ? "^/" : "");
          for (char b : body.toCharArray()) {
            if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
              re.append('\\');
            }
            re.append(b);
          }
          re.append(']');
          i = close;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            re.append("\\}");
          } else {
            braces--;
            re.append(')');
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 >= n) {
            throw new IllegalArgumentException("pattern '" + glob + "' ends with '\\'");
          }
          i++;
          re.append(Pattern.quote(String.valueOf(g.charAt(i))));
        }
        default -> {
          if ("().+|^$".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
      i++;
    }
    if (braces > 0) {
      throw new IllegalArgumentException("unclosed '{' in pattern '" + glob + "'");
    }
    return re.toString();
  }
}
