package dev.lockstep.core.source;

import java.util.Arrays;

/** Converts UTF-16 offsets to 0-based line and column numbers (columns in UTF-16 code units). */
public final class LineIndex {
  private final int[] lineStarts;
  private final int length;

  public LineIndex(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    boolean carriageReturns = text.indexOf('\r') >= 0;
    for (int s = nextLineStart(text, 0, carriageReturns); s >= 0; s = nextLineStart(text, s, carriageReturns)) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = s;
    }
    this.lineStarts = Arrays.copyOf(starts, n);
    this.length = text.length();
  }

  /**
   * The start of the line after the first line break at or after {@code from}: {@code \n}, {@code
   * \r\n} or a lone {@code \r}; -1 when there is none. Without any {@code \r} in the text, the
   * string's own search finds it, which is much faster than a loop over the characters.
   */
  private static int nextLineStart(String text, int from, boolean carriageReturns) {
    if (!carriageReturns) {
      int i = text.indexOf('\n', from);
      return i < 0 ? -1 : i + 1;
    }
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        return i + 1;
      }
    }
    return -1;
  }

  /** 0-based line of {@code offset}. */
  public int line(int offset) {
    int o = Math.max(0, Math.min(offset, length));
    int idx = Arrays.binarySearch(lineStarts, o);
    return idx >= 0 ? idx : -idx - 2;
  }

  /** 0-based column of {@code offset} in UTF-16 code units. */
  public int column(int offset) {
    int o = Math.max(0, Math.min(offset, length));
    return o - lineStarts[line(o)];
  }

  /** As {@link #column(int)}, for an {@code offset} whose {@link #line(int) line} the caller already has. */
  public int column(int offset, int line) {
    int o = Math.max(0, Math.min(offset, length));
    return o - lineStarts[line];
  }

  /** Offset of a 0-based line and column, clamped to the text. */
  public int offset(int line, int column) {
    if (line < 0) {
      return 0;
    }
    if (line >= lineStarts.length) {
      return length;
    }
    int lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
    return Math.min(lineStarts[line] + Math.max(0, column), lineEnd);
  }

  public int lineCount() {
    return lineStarts.length;
  }

  public int lineStart(int line) {
    return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
  }
}
