package dev.lockstep.core.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names PostgreSQL chooses for constraints and indexes that were not named
 * ({@code makeObjectName}, {@code ChooseRelationName}, {@code ChooseIndexColumnNames} in the
 * server): {@code <table>_<columns>_<label>}, each part clipped so the whole fits in 63 bytes, and
 * {@code label1}, {@code label2}, ... appended to the label on a clash.
 */
public final class PgNames {
  /** PostgreSQL's {@code NAMEDATALEN - 1}: the longest identifier in bytes. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private static final Pattern CALL = Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*\\(");

  private PgNames() {}

  /** {@code name1_name2_label}, clipping the longer of the two names first until it fits. */
  public static String makeObjectName(String name1, String name2, String label) {
    int overhead = (name2.isEmpty() ? 0 : 1) + (label.isEmpty() ? 0 : utf8Length(label) + 1);
    int avail = MAX_IDENTIFIER_BYTES - overhead;
    int n1 = utf8Length(name1);
    int n2 = utf8Length(name2);
    while (n1 + n2 > avail) {
      if (n1 > n2) {
        n1--;
      } else {
        n2--;
      }
    }
    StringBuilder sb = new StringBuilder(clip(name1, n1));
    if (!name2.isEmpty()) {
      sb.append('_').append(clip(name2, n2));
    }
    if (!label.isEmpty()) {
      sb.append('_').append(label);
    }
    return sb.toString();
  }

  /**
   * {@link #makeObjectName} with {@code label}, {@code label1}, {@code label2}, ... until
   * {@code taken} rejects the name.
   */
  public static String choose(String name1, String name2, String label, Predicate<String> taken) {
    String candidate = makeObjectName(name1, name2, label);
    int pass = 0;
    while (taken.test(candidate)) {
      candidate = makeObjectName(name1, name2, label + (++pass));
    }
    return candidate;
  }

  /**
   * The column part of a chosen index or constraint name: the column names (an expression
   * element contributes its function name, or {@code expr}) joined by {@code _}, duplicates
   * numbered, clipped at 63 bytes.
   */
  public static String columnsPart(List<String> elements) {
    return part(elements, true);
  }

  /**
   * The column part of a name chosen for catalog column names (already case-resolved, not SQL
   * text): each name as is. Partition indexes created for a parent's index are named this way.
   */
  public static String columnNamesPart(List<String> columns) {
    return part(columns, false);
  }

  private static String part(List<String> elements, boolean sqlText) {
    List<String> names = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (String e : elements) {
      String base = sqlText ? elementName(e) : e;
      String n = base;
      int i = 0;
      while (!used.add(n)) {
        n = base + (++i);
      }
      names.add(n);
    }
    String joined = String.join("_", names);
    return clip(joined, Math.min(utf8Length(joined), MAX_IDENTIFIER_BYTES));
  }

  /**
   * The name an index element contributes: a column name as is, {@code lower} for
   * {@code lower(email)}, else {@code expr}.
   */
  static String elementName(String element) {
    String e = element.trim();
    if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2 && e.indexOf('"', 1) == e.length() - 1) {
      return e.substring(1, e.length() - 1).replace("\"\"", "\"");
    }
    if (e.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      return e.toLowerCase(Locale.ROOT);
    }
    String inner = e;
    while (inner.startsWith("(") && inner.endsWith(")")) {
      inner = inner.substring(1, inner.length() - 1).trim();
    }
    Matcher m = CALL.matcher(inner);
    if (m.find()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    if (!inner.equals(e)) {
      return elementName(inner);
    }
    return "expr";
  }

  /** The length of {@code s} in UTF-8, as {@code s.getBytes(UTF_8).length} counts it. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      n += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return n;
  }

  /** The UTF-8 length of one code point; a lone surrogate is encoded as '?', one byte. */
  private static int utf8Length(int cp) {
    boolean loneSurrogate = cp <= 0xFFFF && Character.isSurrogate((char) cp);
    return cp < 0x80 || loneSurrogate ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /** The longest prefix of {@code s} that is at most {@code bytes} UTF-8 bytes and does not split a character. */
  static String clip(String s, int bytes) {
    int used = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int len = utf8Length(cp);
      if (used + len > bytes) {
        break;
      }
      used += len;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
