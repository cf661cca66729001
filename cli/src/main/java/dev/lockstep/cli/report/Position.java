package dev.lockstep.cli.report;

import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;

/**
 * A span as 1-based lines and columns (columns in UTF-16 code units, end column exclusive), the
 * form every report uses.
 */
public record Position(int line, int column, int endLine, int endColumn) {

  public static Position of(LineIndex lines, Span span) {
    int start = lines.line(span.start());
    int end = span.end() == span.start() ? start : lines.line(span.end());
    return new Position(start + 1, lines.column(span.start(), start) + 1, end + 1, lines.column(span.end(), end) + 1);
  }
}
