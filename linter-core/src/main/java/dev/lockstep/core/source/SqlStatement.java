package dev.lockstep.core.source;

import java.util.List;

/**
 * One statement of a file as the splitter found it.
 *
 * @param index position in the file, 0-based, counting every statement including {@code BEGIN}
 * @param span from the first code token to the end of the terminating {@code ;} (or the last
 *     token when the statement is not terminated)
 * @param tokens the statement's code tokens in order, without comments, including the
 *     terminating semicolon if present
 * @param leadingComments comments between the previous statement (or section marker) and this
 *     one; directives such as {@code -- lockstep:ignore} live here
 * @param section which section of the file the statement is in
 * @param terminated whether the statement ended with {@code ;} (or a custom delimiter)
 */
public record SqlStatement(
    int index,
    Span span,
    List<Token> tokens,
    List<Token> leadingComments,
    Section section,
    boolean terminated) {

  public SqlStatement {
    tokens = List.copyOf(tokens);
    leadingComments = List.copyOf(leadingComments);
  }

  /** Code tokens without the terminating semicolon. */
  public List<Token> body() {
    int n = tokens.size();
    if (n > 0 && tokens.get(n - 1).kind() == TokenKind.SEMICOLON) {
      return tokens.subList(0, n - 1);
    }
    return tokens;
  }

  public String text(String fileText) {
    return span.of(fileText);
  }
}
