package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** UPDATE, DELETE, INSERT, SELECT / VALUES / WITH, read at token level. */
final class Dml {
  private Dml() {}

  /** What a {@code WITH} prefix defined. */
  private static final class Ctes {
    final Set<String> names = new HashSet<>();
    final Set<String> limited = new HashSet<>();
  }

  /**
   * A statement starting with SELECT, VALUES, TABLE, WITH, INSERT, UPDATE, DELETE, MERGE or
   * {@code (}. Data-modifying {@code WITH} queries add their own operation before the main one.
   */
  static void dml(Cursor c, QueryTables queryTables, List<Operation> out) {
    int start = c.pos;
    Ctes ctes = new Ctes();
    if (c.is("with")) {
      readWith(c, ctes, queryTables, out);
    }
    if (c.accept("update")) {
      out.add(update(c, start, ctes));
      return;
    }
    if (c.accept("delete")) {
      out.add(delete(c, start, ctes));
      return;
    }
    if (c.accept("insert")) {
      out.add(insert(c, start, ctes));
      return;
    }
    if (c.accept("merge")) {
      c.accept("into");
      c.accept("only");
      ObjectName target = c.name();
      out.add(new Operation.Other(c.span(start, c.end), "merge", List.of(target)));
      return;
    }
    if (c.isAny("select", "values", "table") || c.isKind(TokenKind.LPAREN)) {
      Operation set = start == 0 ? setConfig(c) : null;
      if (set != null) {
        out.add(set);
        return;
      }
      if (c.is("select")) {
        Operation into = selectInto(c, start);
        if (into != null) {
          out.add(into);
          return;
        }
      }
      Cursor whole = c.sub(start, c.end);
      List<ObjectName> tables = queryTables.tables(whole, ctes.names);
      out.add(new Operation.Query(c.span(start, c.end), tables, reads(c, start, ctes.names, tables)));
      return;
    }
    throw c.failHere("SELECT, INSERT, UPDATE or DELETE");
  }

  /** {@code SELECT ... INTO [TEMP|UNLOGGED] [TABLE] name ...} creates a table like CREATE TABLE AS. */
  private static Operation selectInto(Cursor c, int start) {
    int into = c.findTopLevel(c.pos, c.end, "into");
    if (into < 0) {
      return null;
    }
    Cursor n = c.sub(into + 1, c.end);
    boolean temporary = n.accept("temp") || n.accept("temporary");
    if (!temporary && (n.accept("local") || n.accept("global"))) {
      temporary = n.accept("temp") || n.accept("temporary");
    }
    boolean unlogged = n.accept("unlogged");
    n.accept("table");
    if (!n.isIdent()) {
      return null;
    }
    ObjectName table = n.name();
    List<TableRead> reads = queryReads(c, start, c.end);
    return new Operation.CreateTable(c.span(start, c.end), table, List.of(), List.of(), false, Optional.empty(),
        false, true, temporary, unlogged, false, reads, true, Optional.empty(), Optional.empty());
  }

  private static void readWith(Cursor c, Ctes ctes, QueryTables queryTables, List<Operation> out) {
    c.expect("with");
    c.accept("recursive");
    do {
      String name = c.ident();
      if (c.isKind(TokenKind.LPAREN)) {
        c.skipGroup();
      }
      c.expect("as");
      c.accept("not");
      c.accept("materialized");
      if (!c.isKind(TokenKind.LPAREN)) {
        throw c.failHere("'('");
      }
      int open = c.pos;
      c.skipGroup();
      if (c.toks[open + 1].isAny("insert", "update", "delete")) {
        dml(c.sub(open + 1, c.pos - 1), queryTables, out);
      }
      if (hasTopLevel(c.toks, open + 1, c.pos - 1, "limit") || hasTopLevel(c.toks, open + 1, c.pos - 1, "fetch")) {
        ctes.limited.add(name);
      }
      ctes.names.add(name);
      if (c.is("search") || c.is("cycle")) {
        while (!c.atEnd() && !c.isKind(TokenKind.COMMA) && !c.isAny("select", "insert", "update", "delete")) {
          c.pos++;
        }
      }
    } while (c.acceptPunct(","));
  }

  private static boolean hasTopLevel(Token[] t, int from, int to, String kw) {
    int depth = 0;
    for (int i = from; i < to; i++) {
      TokenKind k = t[i].kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
      } else if (depth == 0 && t[i].is(kw)) {
        return true;
      }
    }
    return false;
  }

  /** Skips {@code [AS] alias} after a table name. */
  private static void alias(Cursor c, String... stop) {
    if (c.accept("as")) {
      c.ident();
      return;
    }
    if (c.isIdent() && !c.isAny(stop)) {
      c.pos++;
    }
  }

  private static int topLevel(Cursor c, int from, String... kws) {
    int depth = 0;
    for (int j = from; j < c.end; j++) {
      Token t = c.toks[j];
      TokenKind k = t.kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
      } else if (depth == 0 && t.isAny(kws)) {
        return j;
      }
    }
    return c.end;
  }

  private static Operation update(Cursor c, int start, Ctes ctes) {
    c.accept("only");
    ObjectName table = c.name();
    c.acceptPunct("*");
    alias(c, "set");
    c.expect("set");
    int setEnd = topLevel(c, c.pos, "from", "where", "returning");
    List<String> cols = new ArrayList<>(4);
    for (int[] p : c.splitTopLevel(c.pos, setEnd)) {
      Cursor s = c.sub(p[0], p[1]);
      if (s.isKind(TokenKind.LPAREN)) {
        cols.addAll(Tables.columnList(s));
      } else {
        cols.add(s.ident());
      }
    }
    c.pos = setEnd;
    boolean batched = false;
    if (c.accept("from")) {
      int fromEnd = topLevel(c, c.pos, "where", "returning");
      batched = referencesLimited(c, c.pos, fromEnd, ctes) || limitedSubquery(c.toks, c.pos, fromEnd);
      c.pos = fromEnd;
    }
    Optional<Expr> where = Optional.empty();
    if (c.accept("where")) {
      int whereEnd = topLevel(c, c.pos, "returning");
      if (whereEnd > c.pos) {
        where = Optional.of(Expressions.of(c, c.pos, whereEnd));
        batched |= boundedWhere(c.toks, c.pos, whereEnd) || referencesLimited(c, c.pos, whereEnd, ctes);
      }
      c.pos = whereEnd;
    }
    return new Operation.Update(c.span(start, c.end), table, cols, where, batched,
        reads(c, start, ctes.names, List.of(table)));
  }

  private static Operation delete(Cursor c, int start, Ctes ctes) {
    c.expect("from");
    c.accept("only");
    ObjectName table = c.name();
    c.acceptPunct("*");
    alias(c, "using", "where", "returning");
    boolean batched = false;
    if (c.accept("using")) {
      int usingEnd = topLevel(c, c.pos, "where", "returning");
      batched = referencesLimited(c, c.pos, usingEnd, ctes) || limitedSubquery(c.toks, c.pos, usingEnd);
      c.pos = usingEnd;
    }
    Optional<Expr> where = Optional.empty();
    if (c.accept("where")) {
      int whereEnd = topLevel(c, c.pos, "returning");
      if (whereEnd > c.pos) {
        where = Optional.of(Expressions.of(c, c.pos, whereEnd));
        batched |= boundedWhere(c.toks, c.pos, whereEnd) || referencesLimited(c, c.pos, whereEnd, ctes);
      }
    }
    return new Operation.Delete(c.span(start, c.end), table, where, batched,
        reads(c, start, ctes.names, List.of(table)));
  }

  private static Operation insert(Cursor c, int start, Ctes ctes) {
    c.expect("into");
    ObjectName table = c.name();
    if (c.accept("as")) {
      c.ident();
    }
    List<String> columns = List.of();
    if (c.isKind(TokenKind.LPAREN) && !(c.peek(1) != null && c.peek(1).isAny("select", "with", "values"))) {
      int close = c.afterGroup(c.pos);
      try {
        columns = Tables.columnList(c);
      } catch (RuntimeException e) {
        columns = List.of();
      }
      c.pos = close;
    }
    if (c.accept("overriding")) {
      c.next();
      c.expect("value");
    }
    boolean fromQuery;
    List<List<Optional<String>>> rows = List.of();
    if (c.acceptSeq("default", "values")) {
      fromQuery = false;
    } else if (c.is("values")) {
      fromQuery = false;
      rows = valuesRows(c, c.pos + 1);
    } else if (c.isAny("select", "with", "table")) {
      fromQuery = true;
    } else if (c.isKind(TokenKind.LPAREN) && c.peek(1) != null && c.peek(1).isAny("select", "with", "values")) {
      fromQuery = !c.peek(1).is("values");
    } else {
      throw c.failHere("VALUES or query");
    }
    int on = c.findTopLevel(c.pos, c.end, "on");
    Operation.Insert.OnConflict onConflict = Operation.Insert.OnConflict.NONE;
    while (on >= 0) {
      if (on + 1 < c.end && c.toks[on + 1].is("conflict")) {
        int t = on + 2;
        if (t < c.end && c.toks[t].kind() == TokenKind.LPAREN) {
          onConflict = Operation.Insert.OnConflict.inferredTarget();
        } else if (t + 2 < c.end && c.toks[t].is("on") && c.toks[t + 1].is("constraint")
            && Cursor.isIdent(c.toks[t + 2])) {
          onConflict = Operation.Insert.OnConflict.onConstraint(c.toks[t + 2].identifier());
        } else {
          onConflict = Operation.Insert.OnConflict.withoutTarget();
        }
        break;
      }
      on = c.findTopLevel(on + 1, c.end, "on");
    }
    List<TableRead> reads = fromQuery ? reads(c, start, ctes.names, List.of()) : List.of();
    return new Operation.Insert(c.span(start, c.end), table, fromQuery, onConflict, reads, columns, rows);
  }

  /** The rows of {@code VALUES (...), (...)} from token {@code from}: each value as a constant, or empty. */
  private static List<List<Optional<String>>> valuesRows(Cursor c, int from) {
    List<List<Optional<String>>> rows = new ArrayList<>();
    int i = from;
    while (i < c.end && c.toks[i].kind() == TokenKind.LPAREN) {
      int close = c.afterGroup(i);
      List<Optional<String>> row = new ArrayList<>();
      for (int[] p : c.splitTopLevel(i + 1, close - 1)) {
        row.add(Tables.constant(c, p[0], p[1]));
      }
      rows.add(row);
      i = close;
      if (i < c.end && c.toks[i].kind() == TokenKind.COMMA) {
        i++;
      } else {
        break;
      }
    }
    return rows;
  }

  /**
   * Where the query of {@code CREATE VIEW / MATERIALIZED VIEW / TABLE ... AS query} that starts at
   * {@code from} ends: before a trailing {@code WITH [NO] DATA} or {@code WITH [CASCADED | LOCAL]
   * CHECK OPTION}.
   */
  static int queryEnd(Cursor c, int from) {
    int n = c.end;
    Token[] t = c.toks;
    if (n - from >= 3 && t[n - 3].is("with") && t[n - 2].is("no") && t[n - 1].is("data")) {
      return n - 3;
    }
    if (n - from >= 2 && t[n - 2].is("with") && t[n - 1].is("data")) {
      return n - 2;
    }
    if (n - from >= 3 && t[n - 2].is("check") && t[n - 1].is("option")) {
      return t[n - 3].is("with") ? n - 3 : n - from >= 4 && t[n - 4].is("with") ? n - 4 : n;
    }
    return n;
  }

  /** How the query between tokens {@code from} and {@code to} reads its tables. */
  static List<TableRead> queryReads(Cursor c, int from, int to) {
    if (from >= to) {
      return List.of();
    }
    List<TableRead> r = readsOf(c, from, to, Set.of());
    if (r != null) {
      return r;
    }
    return tokenTables(c.sub(from, to), Set.of(), false).stream().map(TableRead::unknown).toList();
  }

  /**
   * How the statement or query in tokens {@code [from, to)} reads its tables: at token level
   * where the reader follows it, from JSqlParser's tree otherwise; null when neither can.
   */
  static List<TableRead> readsOf(Cursor c, int from, int to, Set<String> cteNames) {
    if (c.tokenReads) {
      List<TableRead> r = TokenReads.of(c, from, to, cteNames);
      if (r != null) {
        return r;
      }
    }
    return JsqlQueryTables.reads(c.source(from, to), cteNames);
  }

  /**
   * How the statement from token {@code start} reads its tables, from JSqlParser's tree; when it
   * cannot be parsed, each of {@code fallback} read in an unknown way.
   */
  private static List<TableRead> reads(Cursor c, int start, Set<String> cteNames, List<ObjectName> fallback) {
    List<TableRead> r = readsOf(c, start, c.end, cteNames);
    return r != null ? r : fallback.stream().map(TableRead::unknown).toList();
  }

  /**
   * Whether a WHERE condition bounds the rows to a batch: a subquery with LIMIT (or FETCH FIRST)
   * compared with {@code IN}, {@code =}, {@code = ANY(ARRAY(...))}.
   */
  static boolean boundedWhere(Token[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (t[i].kind() != TokenKind.LPAREN || i + 1 >= to || !t[i + 1].isAny("select", "with")) {
        continue;
      }
      int depth = 0;
      int close = to;
      for (int j = i; j < to; j++) {
        if (t[j].kind() == TokenKind.LPAREN) {
          depth++;
        } else if (t[j].kind() == TokenKind.RPAREN && --depth == 0) {
          close = j;
          break;
        }
      }
      if (!hasTopLevel(t, i + 1, close, "limit") && !hasTopLevel(t, i + 1, close, "fetch")) {
        continue;
      }
      Token before = i > from ? t[i - 1] : null;
      if (before == null) {
        continue;
      }
      if (before.is("in") || before.isPunct("=")) {
        return true;
      }
      if (before.isAny("array", "any") && i - 2 >= from) {
        return true;
      }
    }
    return false;
  }

  /** A FROM / USING list holding {@code (SELECT ... LIMIT n)} as one of its items. */
  private static boolean limitedSubquery(Token[] t, int from, int to) {
    int depth = 0;
    for (int i = from; i < to; i++) {
      TokenKind k = t[i].kind();
      if (k == TokenKind.LPAREN) {
        if (depth == 0 && i + 1 < to && t[i + 1].isAny("select", "with")) {
          int d = 0;
          int close = to;
          for (int j = i; j < to; j++) {
            if (t[j].kind() == TokenKind.LPAREN) {
              d++;
            } else if (t[j].kind() == TokenKind.RPAREN && --d == 0) {
              close = j;
              break;
            }
          }
          if (hasTopLevel(t, i + 1, close, "limit") || hasTopLevel(t, i + 1, close, "fetch")) {
            return true;
          }
        }
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
      }
    }
    return false;
  }

  private static boolean referencesLimited(Cursor c, int from, int to, Ctes ctes) {
    if (ctes.limited.isEmpty()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      Token t = c.toks[i];
      if (Cursor.isIdent(t) && ctes.limited.contains(t.identifier())) {
        return true;
      }
    }
    return false;
  }

  /** {@code SELECT [pg_catalog.]set_config('name', 'value', is_local)} → SetSetting. */
  private static Operation setConfig(Cursor c) {
    if (!c.is("select")) {
      return null;
    }
    int i = c.pos + 1;
    Token[] t = c.toks;
    if (i + 2 < c.end && t[i].is("pg_catalog") && t[i + 1].isPunct(".")) {
      i += 2;
    }
    if (i >= c.end || !t[i].is("set_config") || i + 1 >= c.end || t[i + 1].kind() != TokenKind.LPAREN) {
      return null;
    }
    int close = c.afterGroup(i + 1);
    List<int[]> args = c.splitTopLevel(i + 2, close - 1);
    if (args.size() != 3 || close < c.end && !(c.toks[close].is("as") || c.toks[close].kind() == TokenKind.WORD)) {
      return null;
    }
    int[] a0 = args.get(0);
    int[] a1 = args.get(1);
    int[] a2 = args.get(2);
    if (a0[1] - a0[0] != 1 || t[a0[0]].kind() != TokenKind.STRING) {
      return null;
    }
    String name = Cursor.stringValue(t[a0[0]]).toLowerCase(Locale.ROOT);
    String value = a1[1] - a1[0] == 1 && t[a1[0]].kind() == TokenKind.STRING
        ? Cursor.stringValue(t[a1[0]]) : c.source(a1[0], a1[1]);
    boolean local = a2[1] - a2[0] == 1 && t[a2[0]].is("true");
    if (close != c.end) {
      return null;
    }
    return new Operation.SetSetting(c.span(0, c.end), name, value, local, false);
  }

  // ------------------------------------------------------------------ tables read by a query

  /** Reads the tables of a query at token level (FROM / JOIN items, excluding CTE names). */
  static List<ObjectName> tokenTables(Cursor c, Set<String> cteNames) {
    return tokenTables(c, cteNames, false);
  }

  /**
   * Reads the tables of a query at token level. When {@code strict}, returns null as soon as a
   * FROM or JOIN is followed by something the reader does not follow.
   */
  static List<ObjectName> tokenTables(Cursor c, Set<String> cteNames, boolean strict) {
    Set<ObjectName> out = new LinkedHashSet<>();
    Token[] t = c.toks;
    if (c.is("table") && c.isIdent1()) {
      out.add(c.sub(c.pos + 1, c.end).name());
    }
    for (int i = c.pos; i < c.end; i++) {
      if (t[i].is("with") && i + 2 < c.end && Cursor.isIdent(t[i + 1]) && t[i + 2].is("as")) {
        cteNames = new HashSet<>(cteNames);
        cteNames.add(t[i + 1].identifier());
      }
      if (!(t[i].is("from") || t[i].is("join"))) {
        continue;
      }
      if (t[i].is("from") && insideSpecialFunction(t, c.pos, i)) {
        continue;
      }
      int j = i + 1;
      if (strict && (j >= c.end || !(Cursor.isIdent(t[j]) || t[j].kind() == TokenKind.LPAREN))) {
        return null;
      }
      while (true) {
        if (j < c.end && t[j].isAny("only", "lateral")) {
          j++;
        }
        if (j >= c.end || !Cursor.isIdent(t[j])) {
          break;
        }
        Cursor n = c.sub(j, c.end);
        ObjectName name = n.name();
        if (n.isKind(TokenKind.LPAREN)) {
          break;
        }
        if (!(name.schema().isEmpty() && cteNames.contains(name.name()))) {
          out.add(name);
        }
        n.acceptPunct("*");
        if (n.accept("as")) {
          n.ident();
          n.skipOptionalGroup();
        } else if (n.isIdent() && !n.isAny("where", "join", "inner", "left", "right", "full", "cross", "natural",
            "on", "group", "order", "limit", "offset", "union", "except", "intersect", "having", "window",
            "using", "returning", "for", "fetch", "tablesample", "set", "do")) {
          n.pos++;
          n.skipOptionalGroup();
        }
        if (n.isKind(TokenKind.COMMA) && t[i].is("from")) {
          j = n.pos + 1;
          continue;
        }
        break;
      }
    }
    return List.copyOf(out);
  }

  private static boolean insideSpecialFunction(Token[] t, int from, int i) {
    int depth = 0;
    for (int j = i - 1; j >= from; j--) {
      TokenKind k = t[j].kind();
      if (k == TokenKind.RPAREN) {
        depth++;
      } else if (k == TokenKind.LPAREN) {
        if (depth == 0) {
          return j > from && t[j - 1].isAny("extract", "substring", "trim", "overlay", "position");
        }
        depth--;
      }
    }
    return false;
  }

  /** Strategy for the table list of a query. */
  interface QueryTables {
    List<ObjectName> tables(Cursor c, Set<String> cteNames);
  }
}
