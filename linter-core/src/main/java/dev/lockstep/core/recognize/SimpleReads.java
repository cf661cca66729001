package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableRead.Condition;
import dev.lockstep.core.ir.TableRead.Match;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a simple statement reads its one table, at token level: {@code UPDATE t SET ... [WHERE ...]},
 * {@code DELETE FROM t [WHERE ...]}, {@code SELECT ... [FROM t [WHERE ...]]} and {@code INSERT INTO
 * t [(...)] SELECT ...} of that form. Expressions are literals, columns, function calls, casts and
 * arithmetic; conditions are {@code AND}s of comparisons, {@code IN} lists and {@code IS [NOT] NULL}.
 * The result is the one {@link QueryReads} gives for the same statement; anything else (joins,
 * subqueries, {@code WITH}, {@code OR}, {@code CASE}, other operators and keywords) is left to it.
 */
final class SimpleReads {
  /** Words that end or change an expression in ways this reader does not follow. */
  private static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "in", "is",
      "as", "on", "join", "case", "when", "then", "else", "end", "between", "like", "ilike", "similar", "exists",
      "any", "all", "some", "array", "interval", "cast", "extract", "distinct", "with", "union", "except",
      "intersect", "group", "order", "by", "having", "limit", "offset", "fetch", "for", "returning", "using", "set",
      "values", "default", "lateral", "row", "over", "filter", "within", "collate", "at", "escape", "into", "table",
      "only", "left", "right", "full", "inner", "outer", "cross", "natural", "position", "substring", "trim",
      "overlay", "date", "time", "timestamp", "user", "session_user", "current_user", "current_role",
      "current_schema", "current_catalog", "localtime", "localtimestamp", "current_date", "current_time",
      "current_timestamp", "zone", "isnull", "notnull", "do", "nothing", "conflict", "overriding", "update",
      "delete", "insert", "window", "partition", "tablesample", "unique", "check", "references", "primary",
      "foreign", "key", "grant", "revoke", "to", "asc", "desc", "nulls", "first", "last", "if", "replace", "merge",
      "matched", "recursive", "materialized", "xmlelement", "xmlattributes", "xmlforest", "xmlparse", "xmlserialize",
      "treat", "convert", "char", "character", "varchar", "varying", "double", "precision", "bit", "national",
      "nchar", "numeric", "decimal", "dec", "float", "real", "int", "integer", "smallint", "bigint", "boolean",
      "bool");

  /** Type names after {@code ::} that are reserved words elsewhere. */
  private static final Set<String> TYPE_WORDS = Set.of("date", "time", "timestamp", "char", "character", "varchar",
      "numeric", "decimal", "float", "real", "int", "integer", "smallint", "bigint", "boolean", "bool");

  private final Token[] t;
  private final int end;
  private int i;

  private ObjectName table;
  private String alias;
  private final List<Condition> conditions = new ArrayList<>();
  private final Set<String> columns = new LinkedHashSet<>();

  private SimpleReads(Token[] t, int from, int to) {
    this.t = t;
    this.i = from;
    this.end = to;
  }

  /** The reads of tokens {@code [from, to)}; null when the statement is not of the simple form. */
  static List<TableRead> of(Cursor c, int from, int to) {
    for (int k = from; k < to; k++) {
      TokenKind kind = c.toks[k].kind();
      if (kind != TokenKind.WORD && kind != TokenKind.QUOTED_IDENT && kind != TokenKind.STRING
          && kind != TokenKind.NUMBER && kind != TokenKind.OPERATOR && kind != TokenKind.LPAREN
          && kind != TokenKind.RPAREN && kind != TokenKind.COMMA) {
        return null;
      }
    }
    SimpleReads r = new SimpleReads(c.toks, from, to);
    try {
      if (!r.statement() || r.i != r.end) {
        return null;
      }
    } catch (NotSimple e) {
      return null;
    }
    List<TableRead> res = r.table == null ? List.of()
        : List.of(new TableRead(r.table, r.conditions, List.copyOf(r.columns), false, false, true));
    return res;
  }

  /** Thrown (without a stack trace) where the text leaves the simple form. */
  private static final class NotSimple extends RuntimeException {
    private static final NotSimple INSTANCE = new NotSimple();

    private NotSimple() {
      super(null, null, false, false);
    }
  }

  private static NotSimple notSimple() {
    return NotSimple.INSTANCE;
  }

  // ------------------------------------------------------------ statements

  private boolean statement() {
    if (word("update")) {
      tableAndAlias("set");
      expectWord("set");
      do {
        Token col = identifier();
        if (col == null || isPunct(".") || isPunct("[") || constantWord(col.identifier())) {
          return false;
        }
        if (!punct("=")) {
          return false;
        }
        columns.add(col.identifier());
        List<Ref> refs = new ArrayList<>();
        expr(refs);
        mention(refs);
      } while (comma());
      where();
      returning();
      return true;
    }
    if (word("delete")) {
      expectWord("from");
      tableAndAlias("where", "returning");
      where();
      returning();
      return true;
    }
    if (word("insert")) {
      expectWord("into");
      name();
      if (at(TokenKind.LPAREN)) {
        i++;
        do {
          if (identifier() == null) {
            return false;
          }
        } while (comma());
        expect(TokenKind.RPAREN);
      }
      if (!isWord("select")) {
        return false;
      }
      return select();
    }
    return isWord("select") && select();
  }

  private boolean select() {
    expectWord("select");
    // the select list is mentioned once the table (and its alias) is known
    List<Ref> refs = new ArrayList<>();
    selectList(refs);
    if (word("from")) {
      tableAndAlias("where");
      mention(refs);
      where();
    }
    return true;
  }

  /** The select list; {@code *} is a reference named {@code *}. Qualified {@code t.*} is not read. */
  private void selectList(List<Ref> refs) {
    do {
      if (punct("*")) {
        refs.add(new Ref(null, "*"));
        continue;
      }
      expr(refs);
      if (word("as")) {
        if (identifier() == null) {
          throw notSimple();
        }
      } else if (i < end && Cursor.isIdent(t[i]) && !isWord("from")) {
        if (t[i].kind() == TokenKind.WORD && RESERVED.contains(lower(t[i]))) {
          throw notSimple();
        }
        i++;
      }
    } while (comma());
  }

  private void tableAndAlias(String... stop) {
    table = name();
    if (at(TokenKind.LPAREN)) {
      throw notSimple();
    }
    if (word("as")) {
      Token a = identifier();
      if (a == null) {
        throw notSimple();
      }
      alias = a.identifier();
    } else if (i < end && Cursor.isIdent(t[i])) {
      for (String s : stop) {
        if (isWord(s)) {
          return;
        }
      }
      if (t[i].kind() == TokenKind.WORD && RESERVED.contains(lower(t[i]))) {
        throw notSimple();
      }
      alias = t[i++].identifier();
    }
  }

  private ObjectName name() {
    List<String> parts = new ArrayList<>(3);
    do {
      Token p = identifier();
      if (p == null) {
        throw notSimple();
      }
      parts.add(p.identifier());
    } while (punct("."));
    if (parts.size() > 3) {
      throw notSimple();
    }
    return parts.size() == 1 ? ObjectName.of(parts.get(0))
        : ObjectName.of(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
  }

  private void returning() {
    if (word("returning")) {
      // RETURNING is not a read of its own
      List<Ref> ignored = new ArrayList<>();
      selectList(ignored);
    }
  }

  // ------------------------------------------------------------ conditions

  private void where() {
    if (!word("where")) {
      return;
    }
    List<List<Ref>> perConjunct = new ArrayList<>();
    List<Object[]> found = new ArrayList<>();
    do {
      List<Ref> refs = new ArrayList<>();
      Operand left = expr(refs);
      Match match = null;
      Operand right = null;
      if (word("is")) {
        boolean not = word("not");
        expectWord("null");
        match = not ? null : Match.OTHER_CONSTANT;
      } else if (word("in")) {
        expect(TokenKind.LPAREN);
        right = new Operand();
        int items = 0;
        Operand item;
        do {
          item = expr(refs);
          right.hasColumn |= item.hasColumn;
          items++;
        } while (comma());
        expect(TokenKind.RPAREN);
        if (items == 1) {
          // (x) is x
          right.column = item.column;
        }
        if (isWord("and")) {
          // JSqlParser reads "x IN (...) AND y" as one IN whose list goes on with the AND
          throw notSimple();
        }
        match = Match.EQUALS_CONSTANT;
      } else if (i < end && t[i].kind() == TokenKind.OPERATOR) {
        String op = t[i].text();
        if (op.equals("=")) {
          match = Match.EQUALS_CONSTANT;
        } else if (op.equals("<") || op.equals(">") || op.equals("<=") || op.equals(">=")) {
          match = Match.OTHER_CONSTANT;
        } else if (!op.equals("<>") && !op.equals("!=")) {
          throw notSimple();
        }
        i++;
        right = expr(refs);
      }
      perConjunct.add(refs);
      found.add(new Object[] {left, right, match});
    } while (word("and"));
    for (List<Ref> refs : perConjunct) {
      mention(refs);
    }
    for (Object[] f : found) {
      condition((Operand) f[0], (Operand) f[1], (Match) f[2]);
    }
  }

  private void condition(Operand left, Operand right, Match match) {
    if (match == null) {
      return;
    }
    Ref lc = left.column;
    Ref rc = right == null ? null : right.column;
    if (lc != null && rc != null) {
      if (match == Match.EQUALS_CONSTANT) {
        if (owns(lc)) {
          conditions.add(new Condition(List.of(lc.name), Match.JOIN, false));
        }
        if (owns(rc)) {
          conditions.add(new Condition(List.of(rc.name), Match.JOIN, false));
        }
      }
      return;
    }
    Ref only = lc != null ? lc : rc;
    Operand other = lc != null ? right : left;
    if (only == null || other != null && other.hasColumn) {
      return;
    }
    if (owns(only)) {
      conditions.add(new Condition(List.of(only.name), match, false));
    }
  }

  // ------------------------------------------------------------ expressions

  /** A column reference: its name and qualifier (the table part), if any. */
  private record Ref(String qualifier, String name) {}

  /** What an expression is: a column (under parentheses and casts), and whether it mentions any. */
  private static final class Operand {
    Ref column;
    boolean hasColumn;
  }

  private boolean owns(Ref r) {
    if (table == null) {
      return false;
    }
    if (r.qualifier == null) {
      return true;
    }
    return alias != null ? alias.equals(r.qualifier) : table.name().equals(r.qualifier);
  }

  private void mention(List<Ref> refs) {
    for (Ref r : refs) {
      if (owns(r)) {
        columns.add(r.name);
      }
    }
  }

  /** {@code operand (op operand)*} with arithmetic and concatenation operators. */
  private Operand expr(List<Ref> refs) {
    Operand first = unary(refs);
    Operand out = first;
    while (i < end && t[i].kind() == TokenKind.OPERATOR && isArithmetic(t[i].text())) {
      i++;
      Operand next = unary(refs);
      Operand combined = new Operand();
      combined.hasColumn = out.hasColumn || next.hasColumn;
      out = combined;
    }
    return out;
  }

  private static boolean isArithmetic(String op) {
    return op.equals("+") || op.equals("-") || op.equals("*") || op.equals("/") || op.equals("||");
  }

  private Operand unary(List<Ref> refs) {
    boolean signed = false;
    if (isPunct("-") || isPunct("+")) {
      i++;
      signed = true;
    }
    Operand p = primary(refs);
    while (punct("::")) {
      if (i >= end || !Cursor.isIdent(t[i]) || t[i].kind() == TokenKind.WORD && RESERVED.contains(lower(t[i]))
          && !TYPE_WORDS.contains(lower(t[i]))) {
        throw notSimple();
      }
      i++;
      if (isPunct(".") || isPunct("[") || at(TokenKind.LPAREN)) {
        throw notSimple();
      }
    }
    if (signed) {
      Operand s = new Operand();
      s.hasColumn = p.hasColumn;
      return s;
    }
    return p;
  }

  private Operand primary(List<Ref> refs) {
    if (i >= end) {
      throw notSimple();
    }
    Token tok = t[i];
    Operand o = new Operand();
    switch (tok.kind()) {
      case NUMBER:
        i++;
        return o;
      case STRING:
        if (tok.text().charAt(0) != '\'') {
          throw notSimple();
        }
        i++;
        return o;
      case LPAREN: {
        i++;
        Operand inner = expr(refs);
        expect(TokenKind.RPAREN);
        return inner;
      }
      case WORD:
      case QUOTED_IDENT: {
        if (tok.kind() == TokenKind.WORD) {
          String w = lower(tok);
          if (w.equals("null") || w.equals("true") || w.equals("false")) {
            i++;
            return o;
          }
          if (RESERVED.contains(w) || w.startsWith("current_")) {
            throw notSimple();
          }
        } else if (tok.text().charAt(0) != '"') {
          throw notSimple();
        }
        List<Token> parts = new ArrayList<>(3);
        parts.add(t[i++]);
        while (isPunct(".")) {
          i++;
          Token p = identifier();
          if (p == null || p.kind() == TokenKind.WORD && RESERVED.contains(lower(p))) {
            throw notSimple();
          }
          parts.add(p);
        }
        if (at(TokenKind.LPAREN)) {
          // a function call: its arguments are expressions
          i++;
          if (!at(TokenKind.RPAREN)) {
            do {
              Operand arg = expr(refs);
              o.hasColumn |= arg.hasColumn;
            } while (comma());
          }
          expect(TokenKind.RPAREN);
          return o;
        }
        if (parts.size() > 3) {
          throw notSimple();
        }
        Token last = parts.get(parts.size() - 1);
        String name = last.identifier();
        if (constantWord(name)) {
          throw notSimple();
        }
        Ref r = new Ref(parts.size() == 1 ? null : parts.get(parts.size() - 2).identifier(), name);
        refs.add(r);
        o.column = r;
        o.hasColumn = true;
        return o;
      }
      default:
        throw notSimple();
    }
  }

  /** Names JSqlParser reads as columns that are constants in PostgreSQL (see {@link QueryReads}). */
  private static boolean constantWord(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("true") || n.equals("false") || n.equals("null") || n.startsWith("current_")
        || n.equals("localtimestamp") || n.equals("localtime");
  }

  // ------------------------------------------------------------ tokens

  private static String lower(Token tok) {
    return tok.text().toLowerCase(Locale.ROOT);
  }

  private boolean at(TokenKind kind) {
    return i < end && t[i].kind() == kind;
  }

  private void expect(TokenKind kind) {
    if (!at(kind)) {
      throw notSimple();
    }
    i++;
  }

  private boolean isWord(String w) {
    return i < end && t[i].is(w);
  }

  private boolean word(String w) {
    if (isWord(w)) {
      i++;
      return true;
    }
    return false;
  }

  private void expectWord(String w) {
    if (!word(w)) {
      throw notSimple();
    }
  }

  private boolean isPunct(String p) {
    return i < end && t[i].isPunct(p);
  }

  private boolean punct(String p) {
    if (isPunct(p)) {
      i++;
      return true;
    }
    return false;
  }

  private boolean comma() {
    if (at(TokenKind.COMMA)) {
      i++;
      return true;
    }
    return false;
  }

  /** An identifier that is not a reserved word; null (nothing consumed) otherwise. */
  private Token identifier() {
    if (i >= end || !Cursor.isIdent(t[i])) {
      return null;
    }
    if (t[i].kind() == TokenKind.WORD && RESERVED.contains(lower(t[i]))) {
      return null;
    }
    if (t[i].kind() == TokenKind.QUOTED_IDENT && t[i].text().charAt(0) != '"') {
      return null;
    }
    return t[i++];
  }
}
