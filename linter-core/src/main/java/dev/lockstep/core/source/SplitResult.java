package dev.lockstep.core.source;

import java.util.List;

/**
 * A file split into statements.
 *
 * @param statements every statement in source order
 * @param comments every comment of the file in source order (directives are read from these)
 * @param problems lexical problems (unterminated quote or comment, stray characters), each with
 *     its span; the statements containing them are still listed
 */
public record SplitResult(List<SqlStatement> statements, List<Token> comments, List<LexProblem> problems) {
  public SplitResult {
    statements = List.copyOf(statements);
    comments = List.copyOf(comments);
    problems = List.copyOf(problems);
  }

  public record LexProblem(Span span, String message) {}
}
