package dev.lockstep.cli.report;

import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;

/**
 * A span as 1-based lines and columns (columns in UTF-16 code units, end column exclusive), the
 * form every report uses.
 */
public record Position(int line, int column, int endLine, int endColumn) {

  public static Position of(LineIndex lines, Span span) {
    return new Position(lines.line(span.start()) + 1, lines.column(span.start()) + 1,
        lines.line(span.end()) + 1, lines.column(span.end()) + 1);
  }
}
