package dev.lockstep.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a migration file into statements.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A statement ends at {@code ;} (or at the custom delimiter, see below). A lone {@code ;}
 *       with no statement before it is not a statement: it belongs to no statement and comments
 *       before it stay leading comments of the next statement. Text after the last terminator is
 *       a statement with {@code terminated=false}.
 *   <li>Every code token (anything but comments and delimiter command lines) except such lone
 *       terminators is in exactly one statement. Comments never appear in
 *       {@link SqlStatement#tokens()}; each comment is in {@link SplitResult#comments()}, and the
 *       comments between the previous statement (or file start or section marker) and a statement
 *       are its {@link SqlStatement#leadingComments()}.
 *   <li>goose: {@code -- +goose Up} / {@code -- +goose Down} start the UP / DOWN section; text
 *       between {@code -- +goose StatementBegin} and {@code -- +goose StatementEnd} is a single
 *       statement whatever it contains. dbmate: {@code -- migrate:up} / {@code -- migrate:down}.
 *       Statements before the first marker are {@link Section#WHOLE}. A marker ends a pending
 *       unterminated statement. Section markers and {@code StatementEnd} are not leading comments
 *       of the following statement; {@code StatementBegin} is a leading comment of its block.
 *   <li>Drizzle: a {@code --> statement-breakpoint} comment ends a pending statement (which is
 *       then unterminated unless its last token is {@code ;}); right after a {@code ;} it does
 *       nothing.
 *   <li>psql meta-command lines are statements of their own (one {@link TokenKind#PSQL_META}
 *       token, terminated); one met in the middle of a statement first ends that statement
 *       unterminated. The data block after {@code COPY ... FROM STDIN;} is such a statement too.
 *       Consumers that parse SQL should skip statements whose first token is {@code PSQL_META}.
 *   <li>{@link TokenKind#ERROR} tokens are code tokens of the statement they occur in, and each
 *       is reported in {@link SplitResult#problems()}.
 *   <li>Delimiter command lines ({@code DELIMITER //}, {@code delimiter d//}) are neither
 *       statements nor comments (use {@link Lexer#delimiterArgument(Token)} on the lexer output to
 *       see them). While a custom delimiter is active, a statement ends at the delimiter; a plain
 *       {@code ;} also ends it unless the statement is a routine definition ({@code CREATE|ALTER
 *       [OR REPLACE] [DEFINER = ...] PROCEDURE|FUNCTION|TRIGGER|EVENT}), whose body may contain
 *       {@code ;}. This follows what the mysql client and line-based JDBC script runners
 *       effectively send to the server.
 *   <li>Compound bodies of routine definitions: {@code ;} inside an open block does not end the
 *       statement. PostgreSQL: SQL-standard bodies {@code BEGIN ATOMIC ... END} (with
 *       {@code CASE ... END} pairs inside balanced, as psql counts them). MySQL (also without a
 *       {@code DELIMITER}, as the server parses multi-statement text): {@code BEGIN ... END},
 *       {@code IF ... END IF}, {@code CASE}, {@code LOOP}, {@code WHILE}, {@code REPEAT}.
 *   <li>Parentheses: only in {@code CREATE [OR REPLACE] RULE ... DO ( a; b )} does a {@code ;}
 *       inside parentheses not end the statement, and only while the next code token can continue
 *       a rule action ({@code SELECT INSERT UPDATE DELETE NOTIFY WITH VALUES TABLE} or {@code )}).
 *       An unbalanced {@code (} anywhere else has no effect on splitting.
 * </ul>
 */
public final class Splitter {

  private static final int ROUTINE_LOOKAHEAD = 12;
  private static final String[] ROUTINE_WORDS = {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"};

  private Splitter() {}

  /** Lexes and splits {@code text}. Never throws. */
  public static SplitResult split(String text, Dialect dialect) {
    return split(Lexer.lex(text, dialect), dialect);
  }

  /** Splits PostgreSQL tokens produced by {@link Lexer#lex(String, Dialect)}. */
  public static SplitResult split(List<Token> tokens) {
    return split(tokens, Dialect.POSTGRESQL);
  }

  /** Splits tokens produced by {@link Lexer#lex(String, Dialect)} with the same dialect. */
  public static SplitResult split(List<Token> tokens, Dialect dialect) {
    return new Run(tokens, dialect == Dialect.MYSQL).run();
  }

  /** Whether {@code t} is a delimiter command line, which the splitter drops. */
  public static boolean isDelimiterCommand(Token t) {
    return Lexer.delimiterArgument(t) != null;
  }

  /** Recognised annotation comments. */
  enum Marker {
    NONE,
    GOOSE_UP,
    GOOSE_DOWN,
    GOOSE_BEGIN,
    GOOSE_END,
    DBMATE_UP,
    DBMATE_DOWN,
    BREAKPOINT
  }

  static Marker markerOf(Token t) {
    if (t.kind() != TokenKind.LINE_COMMENT) {
      return Marker.NONE;
    }
    String x = t.text();
    int n = x.length();
    if (n < 3 || x.charAt(0) != '-' || x.charAt(1) != '-') {
      return Marker.NONE;
    }
    int i = 2;
    if (x.charAt(2) == '>') {
      String rest = x.substring(3).trim();
      return rest.equalsIgnoreCase("statement-breakpoint") ? Marker.BREAKPOINT : Marker.NONE;
    }
    while (i < n && (x.charAt(i) == ' ' || x.charAt(i) == '\t')) {
      i++;
    }
    if (x.regionMatches(true, i, "+goose", 0, 6)) {
      // the first word after the marker
      String rest = x.substring(i + 6).trim();
      int end = 0;
      while (end < rest.length() && !isRegexSpace(rest.charAt(end))) {
        end++;
      }
      switch (rest.substring(0, end).toLowerCase(Locale.ROOT)) {
        case "up":
          return Marker.GOOSE_UP;
        case "down":
          return Marker.GOOSE_DOWN;
        case "statementbegin":
          return Marker.GOOSE_BEGIN;
        case "statementend":
          return Marker.GOOSE_END;
        default:
          return Marker.NONE;
      }
    }
    if (x.regionMatches(true, i, "migrate:", 0, 8)) {
      int j = i + 8;
      int k = j;
      while (k < n && Character.isLetter(x.charAt(k))) {
        k++;
      }
      if (k < n && !Character.isWhitespace(x.charAt(k))) {
        return Marker.NONE;
      }
      String w = x.substring(j, k);
      if (w.equalsIgnoreCase("up")) {
        return Marker.DBMATE_UP;
      }
      if (w.equalsIgnoreCase("down")) {
        return Marker.DBMATE_DOWN;
      }
    }
    return Marker.NONE;
  }

  /** The characters of the regex class {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static final class Run {
    private final List<Token> tokens;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<Token> comments = new ArrayList<>();
    private final List<SplitResult.LexProblem> problems = new ArrayList<>();

    private List<Token> cur = new ArrayList<>();
    private List<Token> leading = new ArrayList<>();
    private Section section = Section.WHOLE;
    private boolean customDelimiter;
    private boolean gooseBlock;
    private int parenDepth;
    /** Open compound blocks ({@code BEGIN ... END}, {@code CASE ... END}, ...) in a routine body. */
    private int blockDepth;
    /** Whether the current statement defines a routine: 0 not yet known, 1 yes, 2 no. */
    private int routine;
    private final boolean mysql;

    Run(List<Token> tokens, boolean mysql) {
      this.tokens = tokens;
      this.mysql = mysql;
    }

    SplitResult run() {
      int count = tokens.size();
      for (int i = 0; i < count; i++) {
        Token t = tokens.get(i);
        TokenKind k = t.kind();
        if (k == TokenKind.LINE_COMMENT || k == TokenKind.BLOCK_COMMENT) {
          comment(t);
          continue;
        }
        if (k == TokenKind.ERROR) {
          problems.add(new SplitResult.LexProblem(t.span(), Lexer.describeError(t)));
        }
        if (k == TokenKind.PSQL_META) {
          String arg = Lexer.delimiterArgument(t);
          if (arg != null) {
            if (!gooseBlock) {
              flush(false);
            }
            customDelimiter = !arg.equals(";");
            continue;
          }
          if (gooseBlock) {
            cur.add(t);
            continue;
          }
          flush(false);
          cur.add(t);
          flush(true);
          continue;
        }
        if (gooseBlock) {
          cur.add(t);
          continue;
        }
        if (k == TokenKind.SEMICOLON) {
          if (cur.isEmpty()) {
            continue; // a lone terminator is not a statement
          }
          cur.add(t);
          if (endsStatement(t, i)) {
            flush(true);
          }
          continue;
        }
        cur.add(t);
        track(t, i);
      }
      flush(gooseBlock && lastIsSemicolon());
      return new SplitResult(statements, comments, problems);
    }

    private void comment(Token t) {
      comments.add(t);
      Marker m = markerOf(t);
      switch (m) {
        case GOOSE_UP:
        case DBMATE_UP:
          startSection(Section.UP);
          return;
        case GOOSE_DOWN:
        case DBMATE_DOWN:
          startSection(Section.DOWN);
          return;
        case GOOSE_BEGIN:
          if (gooseBlock) {
            flush(lastIsSemicolon());
          } else {
            flush(false);
          }
          gooseBlock = true;
          leading.add(t);
          return;
        case GOOSE_END:
          flush(lastIsSemicolon());
          gooseBlock = false;
          leading.clear();
          return;
        case BREAKPOINT:
          if (!gooseBlock) {
            flush(lastIsSemicolon());
            leading.clear();
            return;
          }
          break;
        default:
          break;
      }
      if (cur.isEmpty()) {
        leading.add(t);
      }
    }

    private void startSection(Section s) {
      flush(gooseBlock && lastIsSemicolon());
      gooseBlock = false;
      section = s;
      leading.clear();
    }

    private boolean lastIsSemicolon() {
      return !cur.isEmpty() && cur.get(cur.size() - 1).kind() == TokenKind.SEMICOLON;
    }

    private void track(Token t, int index) {
      switch (t.kind()) {
        case LPAREN:
          parenDepth++;
          break;
        case RPAREN:
          if (parenDepth > 0) {
            parenDepth--;
          }
          break;
        case WORD:
          trackBlocks(t, index);
          break;
        default:
          break;
      }
    }

    /**
     * Counts compound blocks inside routine definitions, whose bodies may contain {@code ;}.
     * PostgreSQL (as psql does): {@code BEGIN ATOMIC} and {@code CASE} open, {@code END} closes.
     * MySQL: {@code BEGIN}, {@code CASE}, {@code LOOP}, {@code WHILE}, {@code REPEAT} (not the
     * function) and statement-level {@code IF} open; {@code END} closes, and the word after
     * {@code END} ({@code END IF}, {@code END LOOP}) opens nothing.
     */
    private void trackBlocks(Token t, int index) {
      int n = cur.size();
      if (n < 2) {
        return;
      }
      if (t.is("END")) {
        if (blockDepth > 0) {
          blockDepth--;
        }
        return;
      }
      Token prev = cur.get(n - 2);
      if (prev.is("END")) {
        return;
      }
      boolean opens;
      if (mysql) {
        if (t.isAny("BEGIN", "CASE", "LOOP", "WHILE")) {
          opens = true;
        } else if (t.is("REPEAT")) {
          Token next = nextCode(index);
          opens = next == null || next.kind() != TokenKind.LPAREN;
        } else if (t.is("IF")) {
          opens = prev.kind() == TokenKind.SEMICOLON
              || prev.isAny("BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT", "ROW");
        } else {
          opens = false;
        }
      } else if (t.is("BEGIN")) {
        Token next = nextCode(index);
        opens = next != null && next.is("ATOMIC");
      } else {
        opens = t.is("CASE");
      }
      if (opens && isRoutineDefinition()) {
        blockDepth++;
      }
    }

    private Token nextCode(int index) {
      for (int j = index + 1; j < tokens.size(); j++) {
        Token t = tokens.get(j);
        if (!t.kind().isComment()) {
          return t;
        }
      }
      return null;
    }

    /** Called with {@code t} (a terminator) already appended to {@code cur}. */
    private boolean endsStatement(Token t, int index) {
      if (!t.text().equals(";")) {
        return true; // the custom delimiter
      }
      if (blockDepth > 0) {
        return false;
      }
      if (customDelimiter && isRoutineDefinition()) {
        return false;
      }
      if (parenDepth > 0 && isRule() && nextContinuesRule(index)) {
        return false;
      }
      return true;
    }

    /**
     * {@code CREATE|ALTER [OR REPLACE] [DEFINER = user] [AGGREGATE|CONSTRAINT|EVENT]
     * PROCEDURE|FUNCTION|TRIGGER|EVENT ...}.
     */
    private boolean isRoutineDefinition() {
      if (routine == 0) {
        routine = detectRoutine() ? 1 : 2;
      }
      return routine == 1;
    }

    private boolean detectRoutine() {
      int n = cur.size();
      if (n < 2 || !cur.get(0).isAny("CREATE", "ALTER")) {
        return false;
      }
      int i = 1;
      if (i + 1 < n && cur.get(i).is("OR") && cur.get(i + 1).is("REPLACE")) {
        i += 2;
      }
      if (i < n && cur.get(i).is("DEFINER")) {
        int limit = Math.min(n, i + ROUTINE_LOOKAHEAD);
        i++;
        while (i < limit && !cur.get(i).isAny(ROUTINE_WORDS)) {
          i++;
        }
      }
      if (i < n && cur.get(i).isAny("AGGREGATE", "CONSTRAINT")) {
        i++;
      }
      return i < n && cur.get(i).isAny(ROUTINE_WORDS);
    }

    private boolean isRule() {
      if (cur.size() < 2 || !cur.get(0).is("CREATE")) {
        return false;
      }
      if (cur.get(1).is("RULE")) {
        return true;
      }
      return cur.size() > 3 && cur.get(1).is("OR") && cur.get(2).is("REPLACE") && cur.get(3).is("RULE");
    }

    private boolean nextContinuesRule(int index) {
      for (int j = index + 1; j < tokens.size(); j++) {
        Token t = tokens.get(j);
        if (t.kind().isComment()) {
          continue;
        }
        if (t.kind() == TokenKind.RPAREN) {
          return true;
        }
        return t.isAny("SELECT", "INSERT", "UPDATE", "DELETE", "NOTIFY", "WITH", "VALUES", "TABLE");
      }
      return false;
    }

    private void flush(boolean terminated) {
      if (cur.isEmpty()) {
        return;
      }
      Token first = cur.get(0);
      Token last = cur.get(cur.size() - 1);
      statements.add(
          new SqlStatement(
              statements.size(),
              new Span(first.start(), last.end()),
              cur,
              leading,
              section,
              terminated));
      cur = new ArrayList<>();
      leading = new ArrayList<>();
      parenDepth = 0;
      blockDepth = 0;
      routine = 0;
    }
  }
}
