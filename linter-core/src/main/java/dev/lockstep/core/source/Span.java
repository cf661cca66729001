package dev.lockstep.core.source;

/**
 * A half-open range {@code [start, end)} of UTF-16 offsets into a file's text (Java {@code String}
 * indices). Conversion to lines and columns happens only at the edges, through {@link LineIndex}.
 */
public record Span(int start, int end) implements Comparable<Span> {
  public static final Span EMPTY = new Span(0, 0);

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }

  public boolean covers(Span other) {
    return other.start >= start && other.end <= end;
  }

  /** The smallest span covering both. */
  public Span union(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }

  public String of(String text) {
    return text.substring(start, end);
  }

  @Override
  public int compareTo(Span o) {
    return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
  }
}
