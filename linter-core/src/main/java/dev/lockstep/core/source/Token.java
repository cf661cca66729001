package dev.lockstep.core.source;

import java.util.Locale;

/**
 * One token with its exact position. {@code text} is the raw source text of the token.
 */
public record Token(TokenKind kind, int start, int end, String text) {

  public Span span() {
    return new Span(start, end);
  }

  /** True for an unquoted word equal to {@code keyword}, ignoring case. */
  public boolean is(String keyword) {
    return kind == TokenKind.WORD && text.equalsIgnoreCase(keyword);
  }

  public boolean isAny(String... keywords) {
    if (kind != TokenKind.WORD) {
      return false;
    }
    for (String k : keywords) {
      if (text.equalsIgnoreCase(k)) {
        return true;
      }
    }
    return false;
  }

  public boolean isPunct(String p) {
    return (kind == TokenKind.OPERATOR || kind == TokenKind.LPAREN || kind == TokenKind.RPAREN
            || kind == TokenKind.COMMA || kind == TokenKind.SEMICOLON)
        && text.equals(p);
  }

  /** Whether this is a name: a word or a quoted identifier. */
  public boolean isName() {
    return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENT;
  }

  /**
   * Whether this is a template placeholder that qualifies the name after it ({@code {{ .Schema
   * }}.users}, {@code ${schema}.users}) when followed by {@code next} and {@code after}: the
   * migration tool replaces it by a schema name, which the recognizer reads it as.
   */
  public boolean qualifiesName(Token next, Token after) {
    return kind == TokenKind.TEMPLATE && next != null && next.isPunct(".") && after != null && after.isName();
  }

  /** Upper-cased text of a word; raw text otherwise. */
  public String upper() {
    return kind == TokenKind.WORD ? text.toUpperCase(Locale.ROOT) : text;
  }

  /**
   * The identifier this token denotes, PostgreSQL rules: unquoted words fold to lower case;
   * quoted identifiers keep their case with doubled quotes undone ({@code U&"..."} escapes are
   * not decoded, only the prefix is dropped); a template placeholder standing for a name ({@code
   * {{ .Schema }}} in {@code {{ .Schema }}.users}) is kept as written.
   */
  public String identifier() {
    if (kind == TokenKind.TEMPLATE) {
      return text;
    }
    if (kind == TokenKind.QUOTED_IDENT) {
      String quoted = text;
      if (quoted.length() > 2 && (quoted.charAt(0) == 'U' || quoted.charAt(0) == 'u') && quoted.charAt(1) == '&') {
        quoted = quoted.substring(2);
      }
      char q = quoted.charAt(0);
      String inner = quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : "";
      return inner.indexOf(q) < 0 ? inner : inner.replace(String.valueOf(q) + q, String.valueOf(q));
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
