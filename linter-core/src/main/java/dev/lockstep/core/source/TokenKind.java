package dev.lockstep.core.source;

/** Lexical classes of SQL tokens. Whitespace is not a token. */
public enum TokenKind {
  /** An unquoted identifier or keyword: {@code ALTER}, {@code users}, {@code _x1$}. */
  WORD,
  /** A double-quoted identifier, {@code "User"} (MySQL backtick identifiers too). */
  QUOTED_IDENT,
  /** A string constant: {@code 'x'}, {@code E'\n'}, {@code B'01'}, {@code X'ff'}, {@code U&'..'}. */
  STRING,
  /** A dollar-quoted string: {@code $$ ... $$} or {@code $tag$ ... $tag$}. */
  DOLLAR_STRING,
  /** A numeric constant: {@code 42}, {@code 3.14}, {@code 1e10}, {@code 0x1F}. */
  NUMBER,
  /** A positional parameter {@code $1}. */
  PARAM,
  /** An operator or punctuation other than the ones below: {@code =}, {@code ::}, {@code ->>}, {@code .}. */
  OPERATOR,
  LPAREN,
  RPAREN,
  COMMA,
  SEMICOLON,
  /** {@code -- ...} up to (not including) the end of line. */
  LINE_COMMENT,
  /** {@code /* ... *}{@code /}, nesting respected. */
  BLOCK_COMMENT,
  /** A psql meta-command line such as {@code \connect db} or {@code \set ON_ERROR_STOP}. */
  PSQL_META,
  /**
   * A template placeholder that a migration tool substitutes before execution: Go templates
   * {@code {{ .Namespace }}}, Flyway {@code ${schema}}, synapse {@code $%AUTO_INCREMENT_PRIMARY_KEY%$}.
   */
  TEMPLATE,
  /** Characters the lexer could not classify, or an unterminated quote/comment. */
  ERROR;

  public boolean isComment() {
    return this == LINE_COMMENT || this == BLOCK_COMMENT;
  }
}
