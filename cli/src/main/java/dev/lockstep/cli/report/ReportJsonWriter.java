package dev.lockstep.cli.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the texts of the JSON report ({@link JsonReporter}) as UTF-8 bytes into a growable array,
 * for the report's largest part, the objects of its files. It knows no structure: the caller
 * appends the fixed pieces (a field's separator, line break, indentation and quoted name, made once
 * by {@link #field}, {@link #firstField}, {@link #element}, {@link #firstElement} and {@link #close})
 * and the values in between.
 *
 * <p>The text is the one Jackson's UTF-8 generator writes with the report's pretty printer (two
 * spaces of indentation, {@code ": "} after names, {@code []} for an empty array) and with
 * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}: in strings {@code "} and {@code \} are escaped, the
 * control characters below U+0020 as {@code \b \t \n \f \r} or &#92;u00XX (upper-case hex), and
 * everything else is written as UTF-8, a surrogate pair as one four-byte sequence. A surrogate that is
 * not part of a pair is written as a &#92;uXXXX escape, so the text still decodes to the same
 * string. One detail of that generator is kept so that the bytes stay the same: it writes a string
 * longer than 1,000 characters in pieces of 1,000, and escapes the two halves of a pair that falls
 * across two pieces.
 */
final class ReportJsonWriter {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /**
   * Per ASCII character, how it is written in a string: 0 as itself, -1 as &#92;u00XX, else
   * a backslash and this character.
   */
  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = -1;
    }
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
  }

  /**
   * The length of the pieces the generator writes a long string in (its 8,000-byte buffer / 8),
   * and so the pieces a string is read in here: a pair is joined only inside a piece.
   */
  private static final int PIECE = 1000;

  private byte[] buf;
  private int len;
  /** The characters of the piece of a string being written. */
  private final char[] piece = new char[PIECE];

  ReportJsonWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** A copy of what was written. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** The array the text is in, from index 0 to {@link #size}; valid until the next write. */
  byte[] array() {
    return buf;
  }

  int size() {
    return len;
  }

  /** How many bytes it holds before its array grows. */
  int capacity() {
    return buf.length;
  }

  void reset() {
    len = 0;
  }

  /** {@code ,} then the line break and indentation of a field at {@code level}, its name and {@code ": "}. */
  static byte[] field(int level, String name) {
    return ascii("," + newline(level) + "\"" + name + "\": ");
  }

  /** The opening brace of an object whose fields are at {@code level}, then its first field as {@link #field}. */
  static byte[] firstField(int level, String name) {
    return ascii("{" + newline(level) + "\"" + name + "\": ");
  }

  /** A line break and the indentation of {@code level}. */
  static byte[] lineBreak(int level) {
    return ascii(newline(level));
  }

  /** {@code ,} then the line break and indentation of an array element at {@code level}. */
  static byte[] element(int level) {
    return ascii("," + newline(level));
  }

  /** The opening bracket of a non-empty array with elements at {@code level}, then their line break and indentation. */
  static byte[] firstElement(int level) {
    return ascii("[" + newline(level));
  }

  /** The end of a non-empty array or object with contents at {@code level}: line break, indentation, {@code end}. */
  static byte[] close(int level, char end) {
    return ascii(newline(level - 1) + end);
  }

  private static String newline(int level) {
    return "\n" + "  ".repeat(level);
  }

  private static byte[] ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80 || s.charAt(i) == '\\') {
        throw new IllegalArgumentException("not a plain name: " + s);
      }
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  void raw(byte[] bytes) {
    int n = bytes.length;
    if (len + n > buf.length) {
      grow(n);
    }
    System.arraycopy(bytes, 0, buf, len, n);
    len += n;
  }

  void nul() {
    raw(NULL);
  }

  void bool(boolean value) {
    raw(value ? TRUE : FALSE);
  }

  /** A decimal integer, as {@link Integer#toString(int)} writes it. */
  void number(int value) {
    if (len + 11 > buf.length) {
      grow(11);
    }
    if (value < 0) {
      if (value == Integer.MIN_VALUE) {
        raw(ascii(Integer.toString(value)));
        return;
      }
      buf[len++] = '-';
      value = -value;
    }
    int digits = 1;
    for (int v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = len + digits;
    for (int i = end - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    len = end;
  }

  /** A string value in quotes, escaped as described on the class; {@code null} as {@code null}. */
  void string(String s) {
    if (s == null) {
      nul();
      return;
    }
    int n = s.length();
    if (len + n + 2 > buf.length) {
      grow(n + 2);
    }
    buf[len++] = '"';
    for (int from = 0; from < n; from += PIECE) {
      int end = Math.min(n, from + PIECE);
      s.getChars(from, end, piece, 0);
      piece(end - from);
    }
    if (len + 1 > buf.length) {
      grow(1);
    }
    buf[len++] = '"';
  }

  /**
   * The string {@code first + separator + second} as {@link #string(String)} writes it, without
   * making that string when it fits in one piece.
   */
  void string(String first, char separator, String second) {
    int m = first.length();
    int n = m + 1 + second.length();
    if (n > PIECE) {
      string(first + separator + second);
      return;
    }
    if (len + n + 2 > buf.length) {
      grow(n + 2);
    }
    buf[len++] = '"';
    first.getChars(0, m, piece, 0);
    piece[m] = separator;
    second.getChars(0, n - m - 1, piece, m + 1);
    piece(n);
    if (len + 1 > buf.length) {
      grow(1);
    }
    buf[len++] = '"';
  }

  /** The first {@code n} characters of {@link #piece}. */
  private void piece(int n) {
    char[] c = piece;
    // the common case: printable ASCII, copied as it is
    if (len + n > buf.length) {
      grow(n);
    }
    byte[] b = buf;
    int at = len;
    int i = 0;
    for (; i < n; i++) {
      char ch = c[i];
      if (ch >= 0x80 || ESCAPE[ch] != 0) {
        break;
      }
      b[at++] = (byte) ch;
    }
    if (i == n) {
      len = at;
      return;
    }
    // the rest: 6 bytes per character at most
    if (at + 6 * (n - i) > b.length) {
      len = at;
      grow(6 * (n - i));
      b = buf;
    }
    while (i < n) {
      char ch = c[i++];
      if (ch < 0x80) {
        int e = ESCAPE[ch];
        if (e == 0) {
          b[at++] = (byte) ch;
        } else if (e > 0) {
          b[at++] = '\\';
          b[at++] = (byte) e;
        } else {
          at = unicodeEscape(b, at, ch);
        }
      } else if (ch < 0x800) {
        b[at++] = (byte) (0xc0 | (ch >> 6));
        b[at++] = (byte) (0x80 | (ch & 0x3f));
      } else if (ch < Character.MIN_SURROGATE || ch > Character.MAX_SURROGATE) {
        b[at++] = (byte) (0xe0 | (ch >> 12));
        b[at++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
        b[at++] = (byte) (0x80 | (ch & 0x3f));
      } else if (Character.isHighSurrogate(ch) && i < n && Character.isLowSurrogate(c[i])) {
        int cp = Character.toCodePoint(ch, c[i++]);
        b[at++] = (byte) (0xf0 | (cp >> 18));
        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[at++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        at = unicodeEscape(b, at, ch);
      }
    }
    len = at;
  }

  private static int unicodeEscape(byte[] b, int at, char c) {
    b[at++] = '\\';
    b[at++] = 'u';
    b[at++] = HEX[c >> 12];
    b[at++] = HEX[(c >> 8) & 0xf];
    b[at++] = HEX[(c >> 4) & 0xf];
    b[at++] = HEX[c & 0xf];
    return at;
  }

  private void grow(int more) {
    long need = (long) len + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new OutOfMemoryError("report text too large");
    }
    buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
  }
}
