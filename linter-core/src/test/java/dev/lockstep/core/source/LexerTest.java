package dev.lockstep.core.source;

import static dev.lockstep.core.source.TokenKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<Token> lex(String text) {
    return lex(text, Dialect.POSTGRESQL);
  }

  private static List<Token> lex(String text, Dialect d) {
    List<Token> tokens = Lexer.lex(text, d);
    assertNull(Invariants.check(text, tokens, Splitter.split(tokens, d)), "invariants");
    return tokens;
  }

  /** "KIND:text" for each token. */
  private static List<String> show(String text) {
    return show(text, Dialect.POSTGRESQL);
  }

  private static List<String> show(String text, Dialect d) {
    List<String> out = new ArrayList<>();
    for (Token t : lex(text, d)) {
      out.add(t.kind() + ":" + t.text());
    }
    return out;
  }

  @Test
  void emptyAndWhitespace() {
    assertEquals(List.of(), lex(""));
    assertEquals(List.of(), lex(" \t\r\n\f\uFEFF"));
    assertEquals(List.of(), Lexer.lex(null, null));
  }

  @Test
  void wordsAndPunctuation() {
    assertEquals(
        List.of("WORD:ALTER", "WORD:TABLE", "WORD:public", "OPERATOR:.", "WORD:_x1$", "LPAREN:(",
            "WORD:a", "COMMA:,", "WORD:b", "RPAREN:)", "SEMICOLON:;"),
        show("ALTER TABLE public._x1$ (a, b);"));
  }

  @Test
  void nonAsciiIdentifiers() {
    assertEquals(List.of("WORD:café", "OPERATOR:=", "WORD:größe"), show("café=größe"));
  }

  @Test
  void offsetsAreUtf16WithSurrogatePairs() {
    String text = "SELECT '😀x' AS \"é😀\", 1;";
    List<Token> tokens = lex(text);
    Token str = tokens.get(1);
    assertEquals(STRING, str.kind());
    assertEquals(7, str.start());
    assertEquals(7 + 5, str.end()); // quote + 2 surrogate units + x + quote
    assertEquals("'😀x'", str.text());
    Token ident = tokens.get(3);
    assertEquals(QUOTED_IDENT, ident.kind());
    assertEquals("\"é😀\"", ident.text());
    assertEquals(text.indexOf("\"é"), ident.start());
    assertEquals(text.indexOf(", 1"), ident.end());
  }

  @Test
  void emojiOutsideQuotesIsPartOfAWord() {
    List<Token> tokens = lex("a😀b c");
    assertEquals("a😀b", tokens.get(0).text());
    assertEquals(4, tokens.get(0).end());
  }

  @Test
  void quotedIdentifiers() {
    assertEquals(List.of("QUOTED_IDENT:\"a \"\"b\"\"\"", "OPERATOR:.", "QUOTED_IDENT:\"C\""),
        show("\"a \"\"b\"\"\".\"C\""));
    assertEquals("a \"b\"", lex("\"a \"\"b\"\"\"").get(0).identifier());
    assertEquals(List.of("QUOTED_IDENT:U&\"d\\0061t\""), show("U&\"d\\0061t\""));
    assertEquals("d\\0061t", lex("U&\"d\\0061t\"").get(0).identifier());
  }

  @Test
  void strings() {
    assertEquals(List.of("STRING:'it''s'", "STRING:'a\\'", "STRING:'b'"),
        show("'it''s' 'a\\' 'b'"));
    assertEquals(List.of("STRING:E'\\''", "STRING:e'a\\\\'", "STRING:E'x''y'"),
        show("E'\\'' e'a\\\\' E'x''y'"));
    assertEquals(List.of("STRING:B'0101'", "STRING:X'1F'", "STRING:U&'\\0041'", "STRING:N'x'"),
        show("B'0101' X'1F' U&'\\0041' N'x'"));
    assertEquals(List.of("STRING:'a'", "STRING:'b'"), show("'a'\n'b'"));
  }

  @Test
  void multilineString() {
    assertEquals(List.of("STRING:'a;\n-- not a comment\nb'", "SEMICOLON:;"),
        show("'a;\n-- not a comment\nb';"));
  }

  @Test
  void dollarQuotes() {
    assertEquals(List.of("DOLLAR_STRING:$$ body; 'x' $$", "SEMICOLON:;"), show("$$ body; 'x' $$;"));
    assertEquals(List.of("DOLLAR_STRING:$a$ $$ $a$"), show("$a$ $$ $a$"));
    assertEquals(List.of("DOLLAR_STRING:$fn_1$ $fn$ $fn_1$"), show("$fn_1$ $fn$ $fn_1$"));
    assertEquals(List.of("WORD:AS", "DOLLAR_STRING:$body$\nBEGIN\n  RETURN 1;\nEND;\n$body$",
        "WORD:LANGUAGE", "WORD:plpgsql"), show("AS $body$\nBEGIN\n  RETURN 1;\nEND;\n$body$ LANGUAGE plpgsql"));
    // $ inside a word does not start a dollar quote
    assertEquals(List.of("WORD:a$b", "WORD:c$$"), show("a$b c$$"));
  }

  @Test
  void params() {
    assertEquals(List.of("WORD:WHERE", "WORD:id", "OPERATOR:=", "PARAM:$1", "WORD:AND", "WORD:x",
        "OPERATOR:=", "PARAM:$12"), show("WHERE id = $1 AND x = $12"));
  }

  @Test
  void numbers() {
    assertEquals(List.of("NUMBER:42", "NUMBER:3.14", "NUMBER:.5", "NUMBER:1e10", "NUMBER:1.5E-3",
        "NUMBER:0x1F", "NUMBER:1_000_000", "NUMBER:0o17", "NUMBER:0b101", "NUMBER:5."),
        show("42 3.14 .5 1e10 1.5E-3 0x1F 1_000_000 0o17 0b101 5."));
    assertEquals(List.of("NUMBER:1", "OPERATOR:..", "NUMBER:10"), show("1..10"));
    assertEquals(List.of("NUMBER:1", "WORD:e"), show("1 e"));
    assertEquals(List.of("NUMBER:2", "WORD:ex"), show("2ex"));
  }

  @Test
  void operators() {
    assertEquals(List.of("WORD:a", "OPERATOR:::", "WORD:int"), show("a::int"));
    assertEquals(List.of("WORD:j", "OPERATOR:->>", "STRING:'k'", "OPERATOR:#>>", "STRING:'{a}'"),
        show("j->>'k' #>> '{a}'"));
    assertEquals(List.of("OPERATOR:<=", "OPERATOR:<>", "OPERATOR:!=", "OPERATOR:||", "OPERATOR:@>",
        "OPERATOR:&&", "OPERATOR:>=", "OPERATOR:?|", "OPERATOR:~~*"),
        show("<= <> != || @> && >= ?| ~~*"));
    // a multi-char operator does not end in + or - unless it has one of ~!@#%^&|`?
    assertEquals(List.of("WORD:a", "OPERATOR:=", "OPERATOR:-", "NUMBER:1"), show("a=-1"));
    assertEquals(List.of("OPERATOR:@-", "WORD:x"), show("@-x"));
    assertEquals(List.of("WORD:x", "OPERATOR:[", "NUMBER:1", "OPERATOR::", "NUMBER:2", "OPERATOR:]"),
        show("x[1:2]"));
    assertEquals(List.of("WORD:a", "OPERATOR::=", "NUMBER:1"), show("a := 1"));
  }

  @Test
  void operatorStopsAtComment() {
    assertEquals(List.of("WORD:a", "OPERATOR:=", "LINE_COMMENT:--x"), show("a=--x"));
    assertEquals(List.of("WORD:a", "OPERATOR:<", "BLOCK_COMMENT:/*c*/", "NUMBER:1"), show("a</*c*/1"));
  }

  @Test
  void comments() {
    assertEquals(List.of("LINE_COMMENT:-- hello", "WORD:SELECT", "LINE_COMMENT:--x"),
        show("-- hello\nSELECT--x"));
    assertEquals(List.of("BLOCK_COMMENT:/* a /* b */ c */", "WORD:x"), show("/* a /* b */ c */ x"));
    assertEquals(List.of("LINE_COMMENT:-- crlf", "WORD:x"), show("-- crlf\r\nx"));
  }

  @Test
  void crlfOffsets() {
    String text = "SELECT 1;\r\nSELECT 'a\r\nb';\r\n";
    List<Token> tokens = lex(text);
    assertEquals(11, tokens.get(3).start());
    assertEquals("'a\r\nb'", tokens.get(4).text());
    LineIndex li = new LineIndex(text);
    assertEquals(1, li.line(tokens.get(3).start()));
    assertEquals(0, li.column(tokens.get(3).start()));
  }

  @Test
  void unterminatedConstructsRunToEnd() {
    assertEquals(List.of("WORD:SELECT", "ERROR:'abc;\nSELECT 2;"), show("SELECT 'abc;\nSELECT 2;"));
    assertEquals(List.of("ERROR:/* a /* b */ c"), show("/* a /* b */ c"));
    assertEquals(List.of("ERROR:$x$ body"), show("$x$ body"));
    assertEquals(List.of("ERROR:\"abc"), show("\"abc"));
    assertEquals(List.of("ERROR:E'\\'"), show("E'\\'"));
  }

  @Test
  void strayCharacters() {
    assertEquals(List.of("WORD:a", "ERROR:}", "WORD:b", "ERROR:$", "ERROR:\u0001"), show("a } b $ \u0001"));
  }

  @Test
  void psqlMetaCommands() {
    assertEquals(List.of("PSQL_META:\\set ON_ERROR_STOP on", "WORD:SELECT", "NUMBER:1", "SEMICOLON:;",
        "PSQL_META:\\connect db"), show("\\set ON_ERROR_STOP on  \nSELECT 1;\n   \\connect db\n"));
    // as in psql, a meta-command may follow a query on the same line
    assertEquals(List.of("WORD:SELECT", "NUMBER:1", "PSQL_META:\\gexec", "WORD:x"), show("SELECT 1 \\gexec\nx"));
    // but not inside quotes
    assertEquals(List.of("STRING:E'\\n'", "STRING:'\\x'"), show("E'\\n' '\\x'"));
  }

  @Test
  void copyFromStdinDataIsNotSql() {
    String text = "COPY t (a, b) FROM stdin;\n1\tit's\n2\t\\N\n\\.\nSELECT 1;\n";
    assertEquals(List.of("WORD:COPY", "WORD:t", "LPAREN:(", "WORD:a", "COMMA:,", "WORD:b", "RPAREN:)",
        "WORD:FROM", "WORD:stdin", "SEMICOLON:;", "PSQL_META:1\tit's\n2\t\\N\n\\.", "WORD:SELECT",
        "NUMBER:1", "SEMICOLON:;"), show(text));
    // CRLF, options after STDIN and a trailing comment on the command line
    String crlf = "copy t from STDIN with (format csv); -- data\r\n\"x\r\n\\.\r\nSELECT 2;";
    List<String> c = show(crlf);
    assertEquals("LINE_COMMENT:-- data", c.get(c.size() - 5));
    assertEquals("PSQL_META:\"x\r\n\\.", c.get(c.size() - 4));
    // \copy meta-command and unterminated data
    assertEquals(List.of("PSQL_META:\\copy t from stdin", "PSQL_META:1\n2"), show("\\copy t from stdin\n1\n2\n"));
    // data that looks like SQL or a delimiter command stays data
    List<Token> d = lex("COPY t FROM stdin;\ndelimiter x\nCOPY u FROM stdin;\n\\.\nSELECT 1;");
    assertEquals(TokenKind.PSQL_META, d.get(5).kind());
    assertNull(Lexer.delimiterArgument(d.get(5)));
    assertEquals("SELECT", d.get(6).text());
    // a statement after COPY on the same line cancels the data block
    assertEquals(List.of("WORD:COPY", "WORD:t", "WORD:FROM", "WORD:stdin", "SEMICOLON:;", "WORD:SELECT",
        "NUMBER:1", "SEMICOLON:;"), show("COPY t FROM stdin; SELECT\n1;"));
    // COPY ... TO STDOUT has no data block
    assertEquals(List.of("WORD:COPY", "WORD:t", "WORD:TO", "WORD:STDOUT", "SEMICOLON:;", "STRING:'x'"),
        show("COPY t TO STDOUT;\n'x'"));
    // MySQL has no COPY data blocks
    assertTrue(show("COPY t FROM stdin;\n'x'", Dialect.MYSQL).contains("STRING:'x'"));
  }

  @Test
  void templates() {
    assertEquals(List.of("WORD:alter", "WORD:table", "TEMPLATE:{{ index .Options \"Namespace\" }}",
        "OPERATOR:.", "WORD:users"), show("alter table {{ index .Options \"Namespace\" }}.users"));
    assertEquals(List.of("WORD:CREATE", "WORD:SCHEMA", "TEMPLATE:${flyway:defaultSchema}", "OPERATOR:.",
        "WORD:t_", "TEMPLATE:${suffix}"), show("CREATE SCHEMA ${flyway:defaultSchema}.t_${suffix}"));
    assertEquals(List.of("WORD:id", "TEMPLATE:$%AUTO_INCREMENT_PRIMARY_KEY%$", "COMMA:,"),
        show("id $%AUTO_INCREMENT_PRIMARY_KEY%$,"));
    // templates inside strings stay strings
    assertEquals(List.of("STRING:'{{ .x }}'"), show("'{{ .x }}'"));
    assertEquals(List.of("ERROR:{", "WORD:a"), show("{ a"));
    // A Go template in double quotes, quotes inside: one quoted identifier, which the tool fills in.
    assertEquals(List.of("WORD:ON", "QUOTED_IDENT:\"{{ index .Options \"Namespace\" }}\"", "OPERATOR:.",
        "WORD:users"), show("ON \"{{ index .Options \"Namespace\" }}\".users"));
    // not closed by }}" on the same line: an ordinary quoted identifier
    assertEquals(List.of("QUOTED_IDENT:\"{{x\"", "OPERATOR:.", "WORD:y"), show("\"{{x\".y"));
    assertEquals(List.of("QUOTED_IDENT:\"{{ a\n\"", "WORD:b", "ERROR:}"), show("\"{{ a\n\" b }}\"").subList(0, 3));
  }

  @Test
  void delimiterCommand() {
    String text = "delimiter d//\nCREATE FUNCTION f() AS $$ x; $$ LANGUAGE sql;\nd//\ndelimiter ;\nSELECT 1;";
    List<String> s = show(text);
    assertEquals("PSQL_META:delimiter d//", s.get(0));
    assertTrue(s.contains("SEMICOLON:d//"), s.toString());
    assertTrue(s.contains("PSQL_META:delimiter ;"), s.toString());
    assertEquals("d//", Lexer.delimiterArgument(lex(text).get(0)));
  }

  @Test
  void delimiterInsideWordsAndAfterEnd() {
    List<String> s = show("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n", Dialect.MYSQL);
    assertTrue(s.contains("WORD:END"), s.toString());
    assertTrue(s.contains("SEMICOLON:$$"), s.toString());
    List<String> t = show("DELIMITER //\nCREATE TRIGGER t BEGIN SET x = 1; END//\nDELIMITER ;", Dialect.MYSQL);
    assertTrue(t.contains("SEMICOLON://"), t.toString());
  }

  @Test
  void columnNamedDelimiterIsNotACommand() {
    List<String> s = show("CREATE TABLE t (\n  delimiter text,\n  x int\n);");
    assertTrue(s.contains("WORD:delimiter"), s.toString());
    assertTrue(s.stream().noneMatch(x -> x.startsWith("PSQL_META")), s.toString());
    List<String> u = show("SELECT 1;\ndelimiter_param text;");
    assertTrue(u.contains("WORD:delimiter_param"), u.toString());
  }

  @Test
  void mysqlSpecifics() {
    assertEquals(List.of("QUOTED_IDENT:`a``b`", "STRING:\"x\\\"y\"", "STRING:'it\\'s'", "LINE_COMMENT:# c"),
        show("`a``b` \"x\\\"y\" 'it\\'s' # c", Dialect.MYSQL));
    assertEquals("a`b", lex("`a``b`", Dialect.MYSQL).get(0).identifier());
    assertEquals(List.of("LINE_COMMENT:-- c", "NUMBER:1", "OPERATOR:-", "OPERATOR:-", "NUMBER:1"),
        show("-- c\n1--1", Dialect.MYSQL));
    assertEquals(List.of("WORD:2fa_secret", "NUMBER:0x1F"), show("2fa_secret 0x1F", Dialect.MYSQL));
    assertEquals(List.of("BLOCK_COMMENT:/*!40101 SET x=1 */"), show("/*!40101 SET x=1 */", Dialect.MYSQL));
    // in PostgreSQL # is an operator character and backticks are not quotes
    assertEquals(List.of("OPERATOR:#"), show("#"));
  }

  @Test
  void errorDescriptions() {
    assertEquals("unterminated string constant", Lexer.describeError(lex("'x").get(0)));
    assertEquals("unterminated string constant", Lexer.describeError(lex("E'x").get(0)));
    assertEquals("unterminated quoted identifier", Lexer.describeError(lex("\"x").get(0)));
    assertEquals("unterminated block comment", Lexer.describeError(lex("/* x").get(0)));
    assertEquals("unterminated dollar-quoted string", Lexer.describeError(lex("$$ x").get(0)));
    assertEquals("unexpected character '}'", Lexer.describeError(lex("}").get(0)));
  }

  @Test
  void neverThrowsOnArbitraryInput() {
    java.util.Random r = new java.util.Random(42);
    String alphabet = "abcE$'\"`;:-/*#\\{}()[]%&|<>=!?.0123456789xX_ \n\r\t😀é";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(40);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      for (Dialect d : Dialect.values()) {
        List<Token> tokens = Lexer.lex(text, d);
        assertNull(Invariants.check(text, tokens, Splitter.split(tokens, d)), () -> "input: " + text);
      }
    }
  }
}
