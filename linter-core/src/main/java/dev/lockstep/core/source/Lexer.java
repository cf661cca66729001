package dev.lockstep.core.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens in a single pass. Every character that is not whitespace (see
 * {@link #isWhitespace(char)}) is covered by exactly one token; comments are tokens too. Offsets
 * are UTF-16 indices into the text and {@link Token#text()} is the exact source substring. The
 * lexer never throws: anything it cannot classify, and any unterminated quote, comment or
 * dollar-quoted string, becomes an {@link TokenKind#ERROR} token (an unterminated construct runs
 * to the end of the text).
 *
 * <p>Besides SQL proper the lexer knows the client-side constructs found in migration files:
 *
 * <ul>
 *   <li>psql meta-commands: a backslash outside quotes and comments starts a meta-command that
 *       runs to the end of the line, one {@link TokenKind#PSQL_META} token ({@code \\connect db}
 *       on its own line, or {@code \\gexec} after a query, as psql reads them);
 *   <li>delimiter commands ({@code DELIMITER //}, {@code delimiter d//}): a line that starts with
 *       the word {@code delimiter} at a statement boundary is also one {@link TokenKind#PSQL_META}
 *       token (see {@link #delimiterArgument(Token)}). Until the next such line, each occurrence of
 *       the custom delimiter outside quotes and comments is a {@link TokenKind#SEMICOLON} token
 *       whose text is the delimiter; a plain {@code ;} stays a {@code SEMICOLON} token as well, and
 *       the {@link Splitter} decides which of them end statements;
 *   <li>the data lines after {@code COPY ... FROM STDIN;} (PostgreSQL), through the closing
 *       {@code \\.} line, are one {@link TokenKind#PSQL_META} token;
 *   <li>template placeholders substituted by migration tools: Go templates {@code {{ ... }}},
 *       Flyway {@code ${name}} and synapse {@code $%NAME%$} become {@link TokenKind#TEMPLATE}.
 * </ul>
 *
 * <p>Punctuation {@code .}, {@code [}, {@code ]} and {@code :} are {@link TokenKind#OPERATOR}
 * tokens; {@code ::}, {@code :=} and {@code ..} are single operators.
 */
public final class Lexer {

  private final String s;
  /** The characters of {@link #s}: array reads are cheaper than {@code charAt} before the JIT inlines it. */
  private final char[] cs;
  private final int n;
  private final boolean mysql;
  private final List<Token> out;
  /** Recent word texts by hash (see {@link #sharedWord}); made on the first word. */
  private String[] words;
  private static final int MAX_SHARED_WORD = 64;
  private int pos;
  /** Active custom delimiter, or null for the default {@code ;}. */
  private String delim;
  private char delim0;
  /** Kind of the last non-comment token, or null at the start. */
  private TokenKind lastCode;

  /** Shared one-character strings, so that punctuation tokens do not allocate their text. */
  private static final String[] ASCII = new String[128];

  static {
    for (char c = 0; c < ASCII.length; c++) {
      ASCII[c] = String.valueOf(c);
    }
  }

  private static final int COPY_NONE = 0;
  private static final int COPY_STARTED = 1;
  private static final int COPY_FROM = 2;
  private static final int COPY_FROM_STDIN = 3;
  private int copyState;
  /** A {@code COPY ... FROM STDIN} command just ended: data starts on the next line. */
  private boolean copyData;

  private Lexer(String text, Dialect dialect) {
    this.s = text;
    this.cs = text.toCharArray();
    this.n = text.length();
    this.mysql = dialect == Dialect.MYSQL;
    this.out = new ArrayList<>(Math.max(16, n / 5));
  }

  /** Lexes {@code text}. Never throws; {@code null} dialect means PostgreSQL. */
  public static List<Token> lex(String text, Dialect dialect) {
    Lexer lx = new Lexer(text == null ? "" : text, dialect == null ? Dialect.POSTGRESQL : dialect);
    lx.run();
    return lx.out;
  }

  /**
   * Whether the lexer treats {@code c} as whitespace: ASCII blanks and line breaks, the byte order
   * mark and Unicode space separators.
   */
  public static boolean isWhitespace(char c) {
    if (c < 0x80) {
      return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0B;
    }
    return c == '\uFEFF' || c == 0x85 || Character.isSpaceChar(c);
  }

  /**
   * If {@code t} is a delimiter command line ({@code DELIMITER //}), the new delimiter; otherwise
   * null. {@code ";"} means the default delimiter is restored.
   */
  public static String delimiterArgument(Token t) {
    if (t.kind() != TokenKind.PSQL_META) {
      return null;
    }
    String x = t.text();
    if (x.length() < 11 || !x.regionMatches(true, 0, "delimiter", 0, 9)
        || x.indexOf('\n') >= 0 || x.indexOf('\r') >= 0) {
      return null;
    }
    int i = 9;
    while (i < x.length() && isBlank(x.charAt(i))) {
      i++;
    }
    int j = i;
    while (j < x.length() && !isWhitespace(x.charAt(j))) {
      j++;
    }
    return i < j ? x.substring(i, j) : null;
  }

  /** A human-readable description of an {@link TokenKind#ERROR} token. */
  public static String describeError(Token t) {
    String x = t.text();
    if (x.isEmpty()) {
      return "unexpected end of input";
    }
    char c = x.charAt(0);
    if (x.startsWith("/*")) {
      return "unterminated block comment";
    }
    if (c == '$' && x.length() > 1 && (x.charAt(1) == '$' || isIdentStart(x.charAt(1)))) {
      return "unterminated dollar-quoted string";
    }
    if (c == '\'' || (x.length() > 1 && x.charAt(1) == '\'')
        || (x.length() > 2 && x.charAt(1) == '&' && x.charAt(2) == '\'')) {
      return "unterminated string constant";
    }
    if (c == '"' || (x.length() > 2 && x.charAt(1) == '&' && x.charAt(2) == '"')) {
      return "unterminated quoted identifier";
    }
    if (c == '`') {
      return "unterminated quoted identifier";
    }
    if (x.length() == 1 || (x.length() == 2 && Character.isSurrogatePair(x.charAt(0), x.charAt(1)))) {
      return "unexpected character '" + x + "'";
    }
    return "unrecognised input";
  }

  // ---------------------------------------------------------------------------------------------

  private void run() {
    while (pos < n) {
      char c = cs[pos];
      if (isWhitespace(c)) {
        pos++;
        if (copyData && (c == '\n' || c == '\r')) {
          if (c == '\r' && pos < n && cs[pos] == '\n') {
            pos++;
          }
          copyData(pos);
        }
        continue;
      }
      if (delim != null && c == delim0 && s.startsWith(delim, pos)) {
        emit(TokenKind.SEMICOLON, pos, pos + delim.length());
        continue;
      }
      switch (c) {
        case '-':
          if (pos + 1 < n && cs[pos + 1] == '-' && (!mysql || mysqlDashComment(pos))) {
            lineComment();
          } else {
            operator();
          }
          break;
        case '/':
          if (pos + 1 < n && cs[pos + 1] == '*') {
            blockComment();
          } else {
            operator();
          }
          break;
        case '#':
          if (mysql) {
            lineComment();
          } else {
            operator();
          }
          break;
        case '\'':
          quoted(pos, pos, '\'', TokenKind.STRING, mysql);
          break;
        case '"':
          if (mysql) {
            quoted(pos, pos, '"', TokenKind.STRING, true);
          } else if (!quotedTemplate()) {
            quoted(pos, pos, '"', TokenKind.QUOTED_IDENT, false);
          }
          break;
        case '`':
          if (mysql) {
            quoted(pos, pos, '`', TokenKind.QUOTED_IDENT, false);
          } else {
            operator();
          }
          break;
        case '$':
          dollar();
          break;
        case '{':
          template();
          break;
        case '(':
          emit(TokenKind.LPAREN, pos, pos + 1);
          break;
        case ')':
          emit(TokenKind.RPAREN, pos, pos + 1);
          break;
        case ',':
          emit(TokenKind.COMMA, pos, pos + 1);
          break;
        case ';':
          emit(TokenKind.SEMICOLON, pos, pos + 1);
          break;
        case '[':
        case ']':
          emit(TokenKind.OPERATOR, pos, pos + 1);
          break;
        case ':':
          if (pos + 1 < n && (cs[pos + 1] == ':' || cs[pos + 1] == '=')) {
            emit(TokenKind.OPERATOR, pos, pos + 2);
          } else {
            emit(TokenKind.OPERATOR, pos, pos + 1);
          }
          break;
        case '.':
          if (pos + 1 < n && cs[pos + 1] == '.') {
            emit(TokenKind.OPERATOR, pos, pos + 2);
          } else if (pos + 1 < n && isDigit(cs[pos + 1])) {
            number();
          } else {
            emit(TokenKind.OPERATOR, pos, pos + 1);
          }
          break;
        case '\\':
          metaLine(pos);
          break;
        default:
          if (isDigit(c)) {
            number();
          } else if (isOpChar(c)) {
            operator();
          } else if (isIdentStart(c) || (mysql && c == '$')) {
            wordOrPrefixed(c);
          } else {
            int end = pos + 1;
            if (Character.isHighSurrogate(c) && end < n && Character.isLowSurrogate(cs[end])) {
              end++;
            }
            emit(TokenKind.ERROR, pos, end);
          }
      }
    }
  }

  private void emit(TokenKind kind, int start, int end) {
    String text;
    char c0;
    if (end - start == 1 && (c0 = cs[start]) < ASCII.length) {
      text = ASCII[c0];
    } else if (kind == TokenKind.WORD && end - start <= MAX_SHARED_WORD) {
      text = sharedWord(start, end);
    } else {
      text = s.substring(start, end);
    }
    Token t = new Token(kind, start, end, text);
    out.add(t);
    if (kind != TokenKind.LINE_COMMENT && kind != TokenKind.BLOCK_COMMENT) {
      if (!mysql) {
        trackCopy(t);
      }
      lastCode = kind;
    }
    pos = end;
  }

  /**
   * The text of a word, one string per spelling where the same word recurs (keywords, table and
   * column names): a file's tokens are most of what a lint holds in memory.
   */
  private String sharedWord(int start, int end) {
    if (words == null) {
      words = new String[256];
    }
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + cs[i];
    }
    int slot = (h ^ (h >>> 16)) & (words.length - 1);
    String w = words[slot];
    if (w == null || w.length() != end - start || !s.startsWith(w, start)) {
      w = s.substring(start, end);
      words[slot] = w;
    }
    return w;
  }

  /**
   * Follows {@code COPY ... FROM STDIN ... ;} so that the data lines psql sends after it (up to a
   * line {@code \.}) are not lexed as SQL.
   */
  private void trackCopy(Token t) {
    TokenKind kind = t.kind();
    copyData = false;
    if (kind == TokenKind.SEMICOLON) {
      copyData = copyState == COPY_FROM_STDIN;
      copyState = COPY_NONE;
    } else if (kind == TokenKind.WORD) {
      if (lastCode == null || lastCode == TokenKind.SEMICOLON || lastCode == TokenKind.PSQL_META) {
        copyState = t.text().equalsIgnoreCase("COPY") ? COPY_STARTED : COPY_NONE;
      } else if (copyState == COPY_STARTED) {
        if (t.text().equalsIgnoreCase("FROM")) {
          copyState = COPY_FROM;
        }
      } else if (copyState == COPY_FROM) {
        copyState = t.text().equalsIgnoreCase("STDIN") ? COPY_FROM_STDIN : COPY_STARTED;
      }
    } else if (copyState == COPY_FROM) {
      copyState = COPY_STARTED;
    } else if (kind == TokenKind.PSQL_META) {
      copyState = COPY_NONE;
    }
  }

  /**
   * The data block after {@code COPY ... FROM STDIN;}: from {@code start} (the line after the
   * command) through the terminating {@code \.} line, as one {@link TokenKind#PSQL_META} token.
   */
  private void copyData(int start) {
    copyData = false;
    int lineStart = start;
    while (lineStart < n) {
      int lineEnd = lineStart;
      while (lineEnd < n && cs[lineEnd] != '\n' && cs[lineEnd] != '\r') {
        lineEnd++;
      }
      int a = lineStart;
      while (a < lineEnd && isBlank(cs[a])) {
        a++;
      }
      int b = lineEnd;
      while (b > a && isBlank(cs[b - 1])) {
        b--;
      }
      if (b - a == 2 && cs[a] == '\\' && cs[a + 1] == '.') {
        emitData(start, b);
        return;
      }
      if (lineEnd >= n) {
        break;
      }
      lineStart = lineEnd + (cs[lineEnd] == '\r' && lineEnd + 1 < n && cs[lineEnd + 1] == '\n' ? 2 : 1);
    }
    emitData(start, n);
  }

  private void emitData(int start, int end) {
    int a = start;
    while (a < end && isWhitespace(cs[a])) {
      a++;
    }
    int b = end;
    while (b > a && isWhitespace(cs[b - 1])) {
      b--;
    }
    if (a < b) {
      out.add(new Token(TokenKind.PSQL_META, a, b, s.substring(a, b)));
      lastCode = TokenKind.PSQL_META;
    }
    pos = Math.max(pos, end);
  }

  private boolean atDelim(int i) {
    return delim != null && i < n && cs[i] == delim0 && s.startsWith(delim, i);
  }

  // --- comments --------------------------------------------------------------------------------

  /** MySQL requires whitespace or a control character after {@code --}. */
  private boolean mysqlDashComment(int p) {
    if (p + 2 >= n) {
      return true;
    }
    char c = cs[p + 2];
    return c <= ' ';
  }

  private void lineComment() {
    int i = pos;
    while (i < n) {
      char c = cs[i];
      if (c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    emit(TokenKind.LINE_COMMENT, pos, i);
  }

  private void blockComment() {
    int start = pos;
    int i = pos + 2;
    int depth = 1;
    while (i < n) {
      char c = cs[i];
      if (c == '*' && i + 1 < n && cs[i + 1] == '/') {
        i += 2;
        if (--depth == 0) {
          emit(TokenKind.BLOCK_COMMENT, start, i);
          return;
        }
      } else if (!mysql && c == '/' && i + 1 < n && cs[i + 1] == '*') {
        i += 2;
        depth++;
      } else {
        i++;
      }
    }
    emit(TokenKind.ERROR, start, n);
  }

  // --- quoted constructs -----------------------------------------------------------------------

  /**
   * A quoted token starting at {@code start} whose opening quote is at {@code q}. Doubled quotes
   * escape the quote; with {@code backslash} a backslash escapes the next character.
   */
  private void quoted(int start, int q, char quote, TokenKind kind, boolean backslash) {
    int i = q + 1;
    while (i < n) {
      char c = cs[i];
      if (c == quote) {
        if (i + 1 < n && cs[i + 1] == quote) {
          i += 2;
          continue;
        }
        emit(kind, start, i + 1);
        return;
      }
      if (backslash && c == '\\') {
        i += 2;
        continue;
      }
      i++;
    }
    emit(TokenKind.ERROR, start, n);
  }

  private void dollar() {
    int start = pos;
    if (pos + 1 >= n) {
      emit(mysql ? TokenKind.WORD : TokenKind.ERROR, start, pos + 1);
      return;
    }
    char c1 = cs[pos + 1];
    if (isDigit(c1)) {
      int i = pos + 1;
      while (i < n && isDigit(cs[i])) {
        i++;
      }
      emit(TokenKind.PARAM, start, i);
      return;
    }
    if (c1 == '{') {
      int i = pos + 2;
      while (i < n) {
        char c = cs[i];
        if (c == '}') {
          emit(TokenKind.TEMPLATE, start, i + 1);
          return;
        }
        if (c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      emit(TokenKind.ERROR, start, pos + 1);
      return;
    }
    if (c1 == '%') {
      int i = pos + 2;
      while (i < n && isAsciiIdentChar(cs[i])) {
        i++;
      }
      if (i > pos + 2 && i + 1 < n && cs[i] == '%' && cs[i + 1] == '$') {
        emit(TokenKind.TEMPLATE, start, i + 2);
        return;
      }
    }
    if (mysql) {
      word(start);
      return;
    }
    // Dollar quote: $$ or $tag$ where tag is an identifier without '$' and not starting with a digit.
    int tagEnd = -1;
    if (c1 == '$') {
      tagEnd = pos + 2;
    } else if (isIdentStart(c1)) {
      int i = pos + 2;
      while (i < n && isIdentStart(cs[i]) || i < n && isDigit(cs[i])) {
        i++;
      }
      if (i < n && cs[i] == '$') {
        tagEnd = i + 1;
      }
    }
    if (tagEnd < 0) {
      emit(TokenKind.ERROR, start, pos + 1);
      return;
    }
    String tag = s.substring(start, tagEnd);
    int close = s.indexOf(tag, tagEnd);
    if (close < 0) {
      emit(TokenKind.ERROR, start, n);
    } else {
      emit(TokenKind.DOLLAR_STRING, start, close + tag.length());
    }
  }

  /**
   * A Go template quoted as an identifier, {@code "{{ index .Options "Namespace" }}"}: the tool
   * replaces the template, quotes in it included, before PostgreSQL reads the name. One quoted
   * identifier to the closing {@code }}"} on the same line; false when there is none.
   */
  private boolean quotedTemplate() {
    if (!s.startsWith("{{", pos + 1)) {
      return false;
    }
    int close = s.indexOf("}}\"", pos + 3);
    int line = s.indexOf('\n', pos);
    if (close < 0 || (line >= 0 && line < close)) {
      return false;
    }
    emit(TokenKind.QUOTED_IDENT, pos, close + 3);
    return true;
  }

  private void template() {
    if (pos + 1 < n && cs[pos + 1] == '{') {
      int close = s.indexOf("}}", pos + 2);
      if (close >= 0) {
        emit(TokenKind.TEMPLATE, pos, close + 2);
        return;
      }
    }
    emit(TokenKind.ERROR, pos, pos + 1);
  }

  // --- words, numbers, operators ---------------------------------------------------------------

  private void wordOrPrefixed(char c) {
    int p1 = pos + 1;
    char n1 = p1 < n ? cs[p1] : 0;
    if (n1 == '\'') {
      switch (c) {
        case 'E':
        case 'e':
          if (!mysql) {
            quoted(pos, p1, '\'', TokenKind.STRING, true);
            return;
          }
          break;
        case 'B':
        case 'b':
        case 'X':
        case 'x':
        case 'N':
        case 'n':
          quoted(pos, p1, '\'', TokenKind.STRING, mysql);
          return;
        default:
          break;
      }
    } else if ((c == 'U' || c == 'u') && n1 == '&' && !mysql && p1 + 1 < n) {
      char q = cs[p1 + 1];
      if (q == '\'') {
        quoted(pos, p1 + 1, '\'', TokenKind.STRING, false);
        return;
      }
      if (q == '"') {
        quoted(pos, p1 + 1, '"', TokenKind.QUOTED_IDENT, false);
        return;
      }
    } else if ((c == 'd' || c == 'D') && isDelimiterCommand()) {
      metaLine(pos);
      return;
    }
    word(pos);
  }

  private void word(int start) {
    int i = start + 1;
    while (i < n) {
      char c = cs[i];
      if (isIdentStart(c) || isDigit(c)) {
        if (delim != null && c == delim0 && atDelim(i)) {
          break;
        }
        i++;
      } else if (c == '$') {
        if (i + 1 < n && cs[i + 1] == '{') {
          break;
        }
        if (atDelim(i)) {
          break;
        }
        i++;
      } else {
        break;
      }
    }
    emit(TokenKind.WORD, start, i);
  }

  private void number() {
    int start = pos;
    int i = pos;
    boolean plainInteger = true;
    char c = cs[i];
    if (c == '0' && i + 2 < n && isRadixPrefix(cs[i + 1]) && isRadixDigit(cs[i + 1], cs[i + 2])) {
      char radix = cs[i + 1];
      i += 2;
      while (i < n && (isRadixDigit(radix, cs[i]) || underscoreBetween(i, radix))) {
        i++;
      }
      plainInteger = false;
    } else {
      i = digits(i);
      if (i < n && cs[i] == '.' && !(i + 1 < n && cs[i + 1] == '.') && !atDelim(i)) {
        i = digits(i + 1);
        plainInteger = false;
      }
      if (i < n && (cs[i] == 'e' || cs[i] == 'E')) {
        int j = i + 1;
        if (j < n && (cs[j] == '+' || cs[j] == '-')) {
          j++;
        }
        if (j < n && isDigit(cs[j])) {
          i = digits(j);
          plainInteger = false;
        }
      }
    }
    if (mysql && plainInteger && i < n && (isIdentStart(cs[i]) || cs[i] == '$')
        && !atDelim(i)) {
      // MySQL identifiers may begin with digits (e.g. 2fa_secret).
      word(start);
      return;
    }
    emit(TokenKind.NUMBER, start, i);
  }

  private int digits(int i) {
    while (i < n) {
      char c = cs[i];
      if (isDigit(c) || (c == '_' && i + 1 < n && isDigit(cs[i + 1]) && i > 0 && isDigit(cs[i - 1]))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private boolean underscoreBetween(int i, char radix) {
    return cs[i] == '_' && i + 1 < n && isRadixDigit(radix, cs[i + 1]);
  }

  private static boolean isRadixPrefix(char c) {
    return c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B';
  }

  private static boolean isRadixDigit(char radix, char c) {
    switch (radix) {
      case 'x':
      case 'X':
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      case 'o':
      case 'O':
        return c >= '0' && c <= '7';
      default:
        return c == '0' || c == '1';
    }
  }

  private void operator() {
    int start = pos;
    int i = pos;
    boolean special = false;
    while (i < n) {
      char c = cs[i];
      if (!isOpChar(c)) {
        break;
      }
      if (i > start && atDelim(i)) {
        break;
      }
      // A comment start ends the operator.
      if (c == '/' && i + 1 < n && cs[i + 1] == '*') {
        break;
      }
      if (c == '-' && i + 1 < n && cs[i + 1] == '-' && (!mysql || mysqlDashComment(i))) {
        break;
      }
      if (isSpecialOpChar(c)) {
        special = true;
      }
      i++;
    }
    if (i <= start) {
      i = start + 1;
    }
    // PostgreSQL: a multi-character operator cannot end in + or - unless it contains one of
    // ~ ! @ # % ^ & | ` ?
    if (!special) {
      while (i - start > 1 && (cs[i - 1] == '+' || cs[i - 1] == '-')) {
        i--;
      }
    }
    emit(TokenKind.OPERATOR, start, i);
  }

  // --- line-oriented client commands -----------------------------------------------------------

  private boolean atLineStart(int p) {
    int i = p - 1;
    while (i >= 0) {
      char c = cs[i];
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (!isWhitespace(c)) {
        return false;
      }
      i--;
    }
    return true;
  }

  /**
   * {@code delimiter X} at the start of a line, at a statement boundary (so that a column named
   * {@code delimiter} inside a statement is never mistaken for one), with a single argument.
   */
  private boolean isDelimiterCommand() {
    if (pos + 10 >= n || !s.regionMatches(true, pos, "delimiter", 0, 9) || !isBlank(cs[pos + 9])) {
      return false;
    }
    if (lastCode != null && lastCode != TokenKind.SEMICOLON && lastCode != TokenKind.PSQL_META) {
      return false;
    }
    if (!atLineStart(pos)) {
      return false;
    }
    int i = pos + 9;
    while (i < n && isBlank(cs[i])) {
      i++;
    }
    int argStart = i;
    while (i < n && !isWhitespace(cs[i])) {
      i++;
    }
    if (i == argStart) {
      return false;
    }
    while (i < n && isBlank(cs[i])) {
      i++;
    }
    return i >= n || cs[i] == '\n' || cs[i] == '\r';
  }

  /** A whole line from {@code start} (trailing blanks excluded) as one meta token. */
  private void metaLine(int start) {
    int i = start;
    int lastNonBlank = start;
    while (i < n) {
      char c = cs[i];
      if (c == '\n' || c == '\r') {
        break;
      }
      if (!isWhitespace(c)) {
        lastNonBlank = i;
      }
      i++;
    }
    Token t = new Token(TokenKind.PSQL_META, start, lastNonBlank + 1, s.substring(start, lastNonBlank + 1));
    out.add(t);
    lastCode = TokenKind.PSQL_META;
    pos = lastNonBlank + 1;
    if (!mysql && t.text().regionMatches(true, 0, "\\copy", 0, 5)) {
      copyState = COPY_NONE;
      String lower = t.text().toLowerCase(java.util.Locale.ROOT);
      copyData = lower.contains("from stdin") || lower.contains("from pstdin");
    }
    String arg = delimiterArgument(t);
    if (arg != null) {
      delim = arg.equals(";") ? null : arg;
      delim0 = delim == null ? 0 : delim.charAt(0);
    }
  }

  // --- character classes -----------------------------------------------------------------------

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
  }

  /** Letters, underscore and any non-ASCII character that is not whitespace. */
  static boolean isIdentStart(char c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
    return !isWhitespace(c);
  }

  private boolean isOpChar(char c) {
    switch (c) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '<':
      case '>':
      case '=':
      case '~':
      case '!':
      case '@':
      case '%':
      case '^':
      case '&':
      case '|':
      case '?':
        return true;
      case '#':
      case '`':
        return !mysql;
      default:
        return false;
    }
  }

  private static boolean isSpecialOpChar(char c) {
    switch (c) {
      case '~':
      case '!':
      case '@':
      case '#':
      case '%':
      case '^':
      case '&':
      case '|':
      case '`':
      case '?':
        return true;
      default:
        return false;
    }
  }
}
