package dev.lockstep.core.recognize;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns split statements into {@link Operation}s.
 *
 * <p>DDL and session commands are read by a token-level recognizer that knows PostgreSQL's
 * grammar for the statements migrations use; the table list of queries comes from JSqlParser
 * when it can parse the query, with a token-level fallback. Operations carry the span of their
 * own clause: one {@code ALTER TABLE} action each, and the statement without its terminating
 * semicolon otherwise.
 *
 * <p>Instances hold no mutable state: one can be shared by any number of threads.
 */
public final class Recognizer {

  private final Dml.QueryTables queryTables;
  private final boolean useJsqlParser;
  private final boolean tokenReads;

  public Recognizer() {
    this(true);
  }

  /** @param useJsqlParser whether query table lists may be read by JSqlParser (token level otherwise) */
  public Recognizer(boolean useJsqlParser) {
    this(useJsqlParser, true);
  }

  /**
   * @param tokenReads whether the tables a query reads may be read at token level before JSqlParser
   *     is asked; false only to compare the two
   */
  Recognizer(boolean useJsqlParser, boolean tokenReads) {
    this.useJsqlParser = useJsqlParser;
    this.tokenReads = tokenReads;
    this.queryTables = useJsqlParser ? new JsqlQueryTables() : Dml::tokenTables;
  }

  private Cursor cursor(Token[] toks, String fileText) {
    Cursor c = new Cursor(toks, fileText);
    c.tokenReads = tokenReads;
    return c;
  }

  /**
   * Recognizes one statement of {@code fileText}. Never throws and never returns an empty list;
   * whatever is not understood becomes one {@link Operation.Unrecognized} with the reason.
   */
  public List<Operation> recognize(SqlStatement stmt, String fileText, Dialect dialect) {
    Span whole = stmt.span();
    try {
      List<Token> body = stmt.body();
      if (body.isEmpty()) {
        return List.of(new Operation.Unrecognized(whole, "empty statement"));
      }
      Token[] toks = body.toArray(new Token[0]);
      whole = new Span(toks[0].start(), toks[toks.length - 1].end());
      List<Operation> out = new ArrayList<>(2);
      int semicolons = 0;
      for (Token t : toks) {
        if (t.kind() == TokenKind.SEMICOLON) {
          semicolons++;
        }
      }
      if (semicolons == 0 || keepsSemicolons(toks, dialect)) {
        statement(cursor(toks, fileText), out);
      } else {
        // A block sent as one (goose StatementBegin/End): each inner statement on its own.
        int from = 0;
        for (int i = 0; i <= toks.length; i++) {
          if (i == toks.length || toks[i].kind() == TokenKind.SEMICOLON) {
            if (i > from) {
              Token[] part = Arrays.copyOfRange(toks, from, i);
              Span partSpan = new Span(part[0].start(), part[part.length - 1].end());
              try {
                statement(cursor(part, fileText), out);
              } catch (Cursor.Fail f) {
                out.add(new Operation.Unrecognized(partSpan, f.getMessage()));
              }
            }
            from = i + 1;
          }
        }
      }
      if (out.isEmpty()) {
        return List.of(new Operation.Unrecognized(whole, "no operation"));
      }
      return List.copyOf(out);
    } catch (Cursor.Fail f) {
      return List.of(new Operation.Unrecognized(whole, f.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(new Operation.Unrecognized(whole, "internal error: " + e));
    }
  }

  /**
   * Routine bodies ({@code BEGIN ATOMIC}; MySQL's {@code BEGIN ... END} routines) and rule actions
   * keep their inner semicolons; any other statement holding {@code ;} is a block of statements.
   */
  private static boolean keepsSemicolons(Token[] t, Dialect dialect) {
    if (t[0].is("create")) {
      int i = t.length > 2 && t[1].is("or") && t[2].is("replace") ? 3 : 1;
      if (i < t.length && t[i].is("rule")) {
        return true;
      }
      if (dialect == Dialect.MYSQL) {
        for (int j = 1; j < Math.min(t.length, 12); j++) {
          if (t[j].isAny("procedure", "function", "trigger", "event")) {
            return true;
          }
        }
      }
    }
    for (int j = 0; j + 1 < t.length; j++) {
      if (t[j].is("begin") && t[j + 1].is("atomic")) {
        return true;
      }
    }
    return false;
  }

  private void statement(Cursor c, List<Operation> out) {
    int depth = 0;
    for (int i = c.pos; i < c.end; i++) {
      TokenKind k = c.toks[i].kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN && --depth < 0) {
        break;
      }
    }
    if (depth != 0) {
      throw Cursor.fail("unbalanced parentheses");
    }
    Token first = c.peek();
    if (first.kind() == TokenKind.PSQL_META) {
      out.add(new Operation.Other(whole(c), "psql-meta", List.of()));
      return;
    }
    if (first.kind() == TokenKind.LPAREN) {
      dml(c, out);
      return;
    }
    if (first.kind() != TokenKind.WORD) {
      throw c.failHere("command");
    }
    String w = first.text().toLowerCase(Locale.ROOT);
    switch (w) {
      case "create":
        c.pos++;
        create(c, out);
        return;
      case "alter":
        c.pos++;
        alter(c, out);
        return;
      case "drop":
        c.pos++;
        out.add(drop(c));
        return;
      case "select":
      case "values":
      case "table":
      case "with":
      case "insert":
      case "update":
      case "delete":
      case "merge":
        dml(c, out);
        return;
      default:
        out.add(command(c, w));
    }
  }

  private void dml(Cursor c, List<Operation> out) {
    int start = c.pos;
    int size = out.size();
    try {
      Dml.dml(c, queryTables, out);
    } catch (Cursor.Fail f) {
      if (!useJsqlParser) {
        throw f;
      }
      Operation op = JsqlQueryTables.dml(c.sub(start, c.end));
      if (op == null) {
        throw f;
      }
      out.subList(size, out.size()).clear();
      out.add(op);
    }
  }

  private static Span whole(Cursor c) {
    return c.span(0, c.end);
  }

  private static Operation other(Cursor c, String command) {
    return new Operation.Other(whole(c), command, List.of());
  }

  private static Operation other(Cursor c, String command, ObjectName relation) {
    return new Operation.Other(whole(c), command, List.of(relation));
  }

  // ------------------------------------------------------------------ misc commands

  /** GRANT / REVOKE; the tables of {@code ON [TABLE] name, ...} are its relations. */
  private static Operation grant(Cursor c, String w) {
    int on = c.findTopLevel(c.pos, c.end, "on");
    if (on < 0) {
      return other(c, w);
    }
    int save = c.pos;
    c.pos = on + 1;
    c.accept("table");
    List<ObjectName> tables = new ArrayList<>();
    if (c.isIdent() && !c.is("all") && !c.is("sequence") && !c.is("schema") && !c.is("function")
        && !c.is("procedure") && !c.is("routine") && !c.is("database") && !c.is("type") && !c.is("domain")
        && !c.is("language") && !c.is("foreign") && !c.is("large") && !c.is("tablespace")
        && !c.is("parameter")) {
      tables.add(c.name());
      while (c.acceptPunct(",")) {
        tables.add(c.name());
      }
    }
    c.pos = save;
    return new Operation.Other(whole(c), w, tables);
  }

  private static Operation command(Cursor c, String w) {
    c.pos++;
    switch (w) {
      case "begin":
        if (!c.atEnd() && !c.isAny("work", "transaction", "isolation", "read", "deferrable", "not")) {
          throw c.failHere("BEGIN");
        }
        return new Operation.Begin(whole(c));
      case "start":
        c.expect("transaction");
        return new Operation.Begin(whole(c));
      case "commit":
      case "end":
        if (c.is("prepared")) {
          return other(c, "commit-prepared");
        }
        if (!c.atEnd() && !c.isAny("work", "transaction", "and")) {
          throw c.failHere("COMMIT");
        }
        return new Operation.Commit(whole(c));
      case "abort":
      case "rollback":
        if (c.is("prepared")) {
          return other(c, "rollback-prepared");
        }
        c.accept("work");
        c.accept("transaction");
        if (c.accept("to")) {
          c.accept("savepoint");
          return new Operation.Savepoint(whole(c), "rollback-to", c.ident());
        }
        return new Operation.Rollback(whole(c));
      case "savepoint":
        return new Operation.Savepoint(whole(c), "savepoint", c.ident());
      case "release":
        c.accept("savepoint");
        return new Operation.Savepoint(whole(c), "release", c.ident());
      case "set":
        return set(c);
      case "reset": {
        String name;
        if (c.accept("all")) {
          name = "all";
        } else if (c.acceptSeq("session", "authorization")) {
          name = "session_authorization";
        } else if (c.acceptSeq("time", "zone")) {
          name = "timezone";
        } else {
          name = settingName(c);
        }
        Tables.end(c);
        return new Operation.SetSetting(whole(c), name, "", false, true);
      }
      case "do":
        return doBlock(c);
      case "truncate":
        return truncate(c);
      case "vacuum":
        return vacuum(c);
      case "analyze":
      case "analyse":
        return analyze(c);
      case "cluster":
        return cluster(c);
      case "lock":
        return lock(c);
      case "reindex":
        return reindex(c);
      case "refresh": {
        c.expect("materialized");
        c.expect("view");
        boolean conc = c.accept("concurrently");
        ObjectName v = c.name();
        boolean noData = false;
        if (c.accept("with")) {
          noData = c.accept("no");
          c.expect("data");
        }
        Tables.end(c);
        return new Operation.RefreshMaterializedView(whole(c), v, conc, noData);
      }
      case "comment":
        return comment(c);
      case "grant":
      case "revoke":
        return grant(c, w);
      case "call":
      case "notify":
      case "listen":
      case "unlisten":
      case "checkpoint":
      case "discard":
      case "prepare":
      case "execute":
      case "deallocate":
      case "explain":
      case "show":
      case "load":
      case "fetch":
      case "move":
      case "close":
      case "declare":
        return other(c, w);
      case "copy": {
        if (c.isIdent()) {
          return other(c, "copy", c.name());
        }
        return other(c, "copy");
      }
      case "security":
        c.expect("label");
        return other(c, "security-label");
      case "import":
        c.expect("foreign");
        c.expect("schema");
        return other(c, "import-foreign-schema");
      case "reassign":
        c.expect("owned");
        return other(c, "reassign-owned");
      default:
        c.pos--;
        throw c.failHere("command");
    }
  }

  private static String settingName(Cursor c) {
    StringBuilder sb = new StringBuilder(c.ident());
    while (c.acceptPunct(".")) {
      sb.append('.').append(c.ident());
    }
    return sb.toString();
  }

  private static Operation set(Cursor c) {
    boolean local = false;
    if (c.accept("local")) {
      local = true;
    } else if (c.is("session") && !c.is(1, "authorization") && !c.is(1, "characteristics")) {
      c.pos++;
    }
    if (c.accept("constraints")) {
      return other(c, "set-constraints");
    }
    if (c.accept("transaction") || c.acceptSeq("session", "characteristics")) {
      return other(c, "set-transaction");
    }
    String name;
    if (c.acceptSeq("time", "zone")) {
      name = "timezone";
    } else if (c.acceptSeq("session", "authorization")) {
      name = "session_authorization";
    } else if (c.is("role") && !c.is(1, "to") && !c.isKind(1, TokenKind.OPERATOR)) {
      c.pos++;
      name = "role";
    } else if (c.is("schema") && c.isKind(1, TokenKind.STRING)) {
      c.pos++;
      name = "search_path";
    } else if (c.is("names") && !c.is(1, "to") && !c.isKind(1, TokenKind.OPERATOR)) {
      c.pos++;
      name = "client_encoding";
    } else if (c.acceptSeq("xml", "option")) {
      name = "xmloption";
    } else {
      name = settingName(c);
      if (!c.accept("to") && !c.acceptPunct("=")) {
        throw c.failHere("TO or =");
      }
    }
    if (c.atEnd()) {
      throw c.failHere("value");
    }
    String value;
    if (c.is("default") && c.pos + 1 == c.end) {
      value = "";
    } else if (c.pos + 1 == c.end) {
      Token v = c.peek();
      value = v.kind() == TokenKind.STRING ? Cursor.stringValue(v)
          : v.kind() == TokenKind.QUOTED_IDENT ? v.identifier() : v.text();
    } else {
      value = c.source(c.pos, c.end);
    }
    c.pos = c.end;
    return new Operation.SetSetting(whole(c), name.toLowerCase(Locale.ROOT), value, local, false);
  }

  private static Operation doBlock(Cursor c) {
    String lang = "plpgsql";
    if (c.accept("language")) {
      lang = c.identOrString();
    }
    if (!c.isKind(TokenKind.DOLLAR_STRING) && !c.isKind(TokenKind.STRING)) {
      throw c.failHere("code block");
    }
    c.pos++;
    if (c.accept("language")) {
      lang = c.identOrString();
    }
    Tables.end(c);
    return new Operation.DoBlock(whole(c), lang.toLowerCase(Locale.ROOT));
  }

  private static Operation truncate(Cursor c) {
    c.accept("table");
    List<ObjectName> tables = new ArrayList<>(2);
    do {
      c.accept("only");
      tables.add(c.name());
      c.acceptPunct("*");
    } while (c.acceptPunct(","));
    if (!c.acceptSeq("restart", "identity")) {
      c.acceptSeq("continue", "identity");
    }
    boolean cascade = Tables.dropBehavior(c);
    Tables.end(c);
    return new Operation.Truncate(whole(c), tables, cascade);
  }

  /** Reads {@code (opt [value], ...)} and reports whether the option {@code name} is on. */
  private static boolean[] options(Cursor c, String... names) {
    boolean[] on = new boolean[names.length];
    int close = c.afterGroup(c.pos);
    for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
      if (p[1] <= p[0]) {
        continue;
      }
      Token opt = c.toks[p[0]];
      for (int i = 0; i < names.length; i++) {
        if (opt.is(names[i])) {
          boolean value = true;
          if (p[1] - p[0] >= 2) {
            Token v = c.toks[p[0] + 1];
            String s = v.kind() == TokenKind.STRING ? Cursor.stringValue(v) : v.text();
            value = !(s.equalsIgnoreCase("false") || s.equalsIgnoreCase("off") || s.equals("0"));
          }
          on[i] = value;
        }
      }
    }
    c.pos = close;
    return on;
  }

  private static List<ObjectName> tablesWithColumns(Cursor c) {
    List<ObjectName> tables = new ArrayList<>(2);
    if (c.atEnd()) {
      return tables;
    }
    do {
      c.accept("only");
      tables.add(c.name());
      c.acceptPunct("*");
      c.skipOptionalGroup();
    } while (c.acceptPunct(","));
    return tables;
  }

  private static Operation vacuum(Cursor c) {
    boolean full = false;
    boolean analyze = false;
    if (c.isKind(TokenKind.LPAREN)) {
      boolean[] o = options(c, "full", "analyze", "analyse");
      full = o[0];
      analyze = o[1] || o[2];
    } else {
      while (c.isAny("full", "freeze", "verbose", "analyze", "analyse")) {
        String k = c.next().text().toLowerCase(Locale.ROOT);
        full |= k.equals("full");
        analyze |= k.startsWith("analy");
      }
    }
    List<ObjectName> tables = tablesWithColumns(c);
    Tables.end(c);
    return new Operation.Vacuum(whole(c), tables, full, analyze);
  }

  private static Operation analyze(Cursor c) {
    if (c.isKind(TokenKind.LPAREN)) {
      c.skipGroup();
    }
    c.accept("verbose");
    List<ObjectName> tables = tablesWithColumns(c);
    Tables.end(c);
    return new Operation.Analyze(whole(c), tables);
  }

  private static Operation cluster(Cursor c) {
    if (c.isKind(TokenKind.LPAREN)) {
      c.skipGroup();
    }
    c.accept("verbose");
    if (c.atEnd()) {
      return new Operation.Cluster(whole(c), Optional.empty(), Optional.empty());
    }
    ObjectName first = c.name();
    if (c.accept("on")) {
      ObjectName table = c.name();
      Tables.end(c);
      return new Operation.Cluster(whole(c), Optional.of(table), Optional.of(first.name()));
    }
    Optional<String> index = Optional.empty();
    if (c.accept("using")) {
      index = Optional.of(c.ident());
    }
    Tables.end(c);
    return new Operation.Cluster(whole(c), Optional.of(first), index);
  }

  private static Operation lock(Cursor c) {
    c.accept("table");
    List<ObjectName> tables = new ArrayList<>(2);
    do {
      c.accept("only");
      tables.add(c.name());
      c.acceptPunct("*");
    } while (c.acceptPunct(","));
    LockMode mode = LockMode.ACCESS_EXCLUSIVE;
    if (c.accept("in")) {
      int from = c.pos;
      while (!c.atEnd() && !c.is("mode")) {
        c.pos++;
      }
      String words = c.source(from, c.pos);
      c.expect("mode");
      mode = LockMode.fromSql(words).orElseThrow(() -> Cursor.fail("unknown lock mode " + words));
    }
    boolean nowait = c.accept("nowait");
    Tables.end(c);
    return new Operation.LockTable(whole(c), tables, mode, nowait);
  }

  private static Operation reindex(Cursor c) {
    if (c.isKind(TokenKind.LPAREN)) {
      c.skipGroup();
    }
    Operation.ReindexTarget target;
    String t = c.next().text().toLowerCase(Locale.ROOT);
    switch (t) {
      case "index":
        target = Operation.ReindexTarget.INDEX;
        break;
      case "table":
        target = Operation.ReindexTarget.TABLE;
        break;
      case "schema":
        target = Operation.ReindexTarget.SCHEMA;
        break;
      case "database":
        target = Operation.ReindexTarget.DATABASE;
        break;
      case "system":
        target = Operation.ReindexTarget.SYSTEM;
        break;
      default:
        c.pos--;
        throw c.failHere("INDEX, TABLE, SCHEMA, DATABASE or SYSTEM");
    }
    boolean conc = c.accept("concurrently");
    ObjectName name = ObjectName.of("");
    if (!c.atEnd()) {
      name = c.name();
    }
    c.accept("force");
    Tables.end(c);
    return new Operation.Reindex(whole(c), target, name, conc);
  }

  private static Operation comment(Cursor c) {
    c.expect("on");
    if (c.accept("table") || c.accept("index") || c.acceptSeq("materialized", "view") || c.accept("view")
        || c.accept("sequence")) {
      return other(c, "comment", c.name());
    }
    if (c.accept("column")) {
      List<String> parts = new ArrayList<>(3);
      parts.add(c.ident());
      while (c.acceptPunct(".")) {
        parts.add(c.ident());
      }
      if (parts.size() == 2) {
        return other(c, "comment", ObjectName.of(parts.get(0)));
      }
      if (parts.size() >= 3) {
        return other(c, "comment", ObjectName.of(parts.get(parts.size() - 3), parts.get(parts.size() - 2)));
      }
      throw c.failHere("table.column");
    }
    if (c.findTopLevel(c.pos, c.end, "is") < 0) {
      throw c.failHere("IS");
    }
    return other(c, "comment");
  }

  // ------------------------------------------------------------------ CREATE

  private void create(Cursor c, List<Operation> out) {
    boolean orReplace = c.acceptSeq("or", "replace");
    if (!c.accept("global")) {
      c.accept("local");
    }
    boolean temporary = c.accept("temp") || c.accept("temporary");
    boolean unlogged = c.accept("unlogged");
    if (c.is("table")) {
      out.add(Tables.createTable(c, temporary, unlogged));
      return;
    }
    if (c.is("index") || c.isSeq("unique", "index")) {
      out.add(createIndex(c));
      return;
    }
    c.accept("recursive");
    boolean materialized = c.accept("materialized");
    if (c.accept("view")) {
      c.acceptSeq("if", "not", "exists");
      ObjectName v = c.name();
      int as = c.findTopLevel(c.pos, c.end, "as");
      if (as < 0) {
        throw c.failHere("AS");
      }
      int n = c.end;
      boolean noData = n >= 3 && c.toks[n - 3].is("with") && c.toks[n - 2].is("no") && c.toks[n - 1].is("data");
      out.add(new Operation.CreateView(whole(c), v, materialized, orReplace, !noData,
          Dml.queryReads(c, as + 1, Dml.queryEnd(c, as + 1))));
      return;
    }
    if (materialized) {
      throw c.failHere("VIEW");
    }
    if (c.accept("type")) {
      ObjectName type = c.name();
      if (c.acceptSeq("as", "enum")) {
        int close = c.afterGroup(c.pos);
        List<String> values = new ArrayList<>();
        for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
          if (p[1] - p[0] != 1 || c.toks[p[0]].kind() != TokenKind.STRING) {
            if (p[1] == p[0] && p[0] == c.pos + 1) {
              continue;
            }
            throw Cursor.fail("enum label expected");
          }
          values.add(Cursor.stringValue(c.toks[p[0]]));
        }
        c.pos = close;
        Tables.end(c);
        out.add(new Operation.CreateEnum(whole(c), type, values));
        return;
      }
      out.add(other(c, "create-type"));
      return;
    }
    boolean constraint = c.accept("constraint");
    if (c.accept("trigger")) {
      c.ident();
      int on = c.findTopLevel(c.pos, c.end, "on");
      if (on < 0) {
        throw c.failHere("ON");
      }
      c.pos = on + 1;
      out.add(other(c, "create-trigger", c.name()));
      return;
    }
    if (constraint) {
      throw c.failHere("TRIGGER");
    }
    if (c.accept("policy")) {
      c.ident();
      c.expect("on");
      out.add(other(c, "create-policy", c.name()));
      return;
    }
    if (c.accept("rule")) {
      c.ident();
      int to = c.findTopLevel(c.pos, c.end, "to");
      if (to < 0) {
        throw c.failHere("TO");
      }
      c.pos = to + 1;
      out.add(other(c, "create-rule", c.name()));
      return;
    }
    String type = objectType(c);
    if (type.equals("statistics")) {
      int from = c.findTopLevel(c.pos, c.end, "from");
      if (from > 0 && from + 1 < c.end) {
        c.pos = from + 1;
        out.add(other(c, "create-statistics", c.name()));
        return;
      }
    }
    out.add(other(c, "create-" + type));
  }

  private static final String[][] OBJECT_TYPES = {
    {"foreign", "data", "wrapper"}, {"text", "search", "configuration"}, {"text", "search", "dictionary"},
    {"text", "search", "parser"}, {"text", "search", "template"}, {"trusted", "procedural", "language"},
    {"event", "trigger"}, {"foreign", "table"}, {"user", "mapping"}, {"operator", "class"},
    {"operator", "family"}, {"access", "method"}, {"materialized", "view"}, {"default", "privileges"},
    {"procedural", "language"}, {"large", "object"}, {"constraint", "trigger"},
    {"function"}, {"procedure"}, {"routine"}, {"extension"}, {"schema"}, {"sequence"}, {"trigger"},
    {"policy"}, {"role"}, {"user"}, {"group"}, {"domain"}, {"type"}, {"rule"}, {"aggregate"}, {"operator"},
    {"cast"}, {"collation"}, {"publication"}, {"subscription"}, {"server"}, {"statistics"}, {"tablespace"},
    {"database"}, {"conversion"}, {"language"}, {"transform"}, {"view"}, {"index"}, {"table"}, {"system"},
    {"owned"}, {"event"}
  };

  /** Consumes an object type keyword sequence and returns it kebab-cased. */
  private static String objectType(Cursor c) {
    for (String[] seq : OBJECT_TYPES) {
      if (c.acceptSeq(seq)) {
        return String.join("-", seq);
      }
    }
    throw c.failHere("object type");
  }

  private static Operation createIndex(Cursor c) {
    boolean unique = c.accept("unique");
    c.expect("index");
    boolean conc = c.accept("concurrently");
    boolean ifNotExists = c.acceptSeq("if", "not", "exists");
    Optional<String> name = Optional.empty();
    if (!c.is("on")) {
      name = Optional.of(c.name().name());
    }
    c.expect("on");
    boolean only = c.accept("only");
    ObjectName table = c.name();
    c.acceptPunct("*");
    String method = "btree";
    if (c.accept("using")) {
      method = c.ident();
    }
    if (!c.isKind(TokenKind.LPAREN)) {
      throw c.failHere("'('");
    }
    int close = c.afterGroup(c.pos);
    List<String> elements = new ArrayList<>(2);
    List<String> columns = new ArrayList<>(2);
    for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
      if (p[1] <= p[0]) {
        throw Cursor.fail("empty index element");
      }
      elements.add(c.source(p[0], p[1]));
      Token f = c.toks[p[0]];
      Token s = p[1] - p[0] > 1 ? c.toks[p[0] + 1] : null;
      if (Cursor.isIdent(f) && (s == null || Cursor.isIdent(s))) {
        columns.add(f.identifier());
      }
    }
    c.pos = close;
    Optional<Expr> predicate = Optional.empty();
    List<String> options = new ArrayList<>(1);
    while (!c.atEnd()) {
      int from = c.pos;
      if (c.accept("include")) {
        c.skipGroup();
        options.add(c.source(from, c.pos));
      } else if (c.acceptSeq("nulls", "distinct") || c.acceptSeq("nulls", "not", "distinct")) {
        options.add(c.source(from, c.pos));
      } else if (c.accept("with")) {
        c.skipGroup();
        options.add(c.source(from, c.pos));
      } else if (c.accept("tablespace")) {
        c.ident();
        options.add(c.source(from, c.pos));
      } else if (c.accept("where")) {
        predicate = Optional.of(Expressions.of(c, c.pos, c.end));
        c.pos = c.end;
      } else {
        throw c.failHere("end of CREATE INDEX");
      }
    }
    return new Operation.CreateIndex(whole(c), name, table, unique, conc, ifNotExists, only,
        method.toLowerCase(Locale.ROOT), elements, columns, predicate,
        singleSpaced(String.join(" ", options)));
  }

  /** The text with each run of whitespace (space, tab, line break, form feed) as one space. */
  static String singleSpaced(String text) {
    StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (!isSpace(ch)) {
        if (out != null) {
          out.append(ch);
        }
        continue;
      }
      int j = i + 1;
      while (j < n && isSpace(text.charAt(j))) {
        j++;
      }
      if (out == null && (ch != ' ' || j > i + 1)) {
        out = new StringBuilder(n).append(text, 0, i);
      }
      if (out != null) {
        out.append(' ');
      }
      i = j - 1;
    }
    return out == null ? text : out.toString();
  }

  /** What {@code \s} matches in a Java regex. */
  private static boolean isSpace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
  }

  // ------------------------------------------------------------------ ALTER

  private static void alter(Cursor c, List<Operation> out) {
    if (c.accept("table")) {
      Tables.alterTable(c, out);
      return;
    }
    if (c.accept("index")) {
      out.add(alterIndex(c));
      return;
    }
    if (c.is("type")) {
      out.add(alterType(c));
      return;
    }
    if (c.acceptSeq("default", "privileges")) {
      out.add(other(c, "alter-default-privileges"));
      return;
    }
    if (c.is("trigger") || c.is("policy")) {
      String kind = c.next().text().toLowerCase(Locale.ROOT);
      c.ident();
      c.expect("on");
      out.add(other(c, "alter-" + kind, c.name()));
      return;
    }
    String type = objectType(c);
    if (ownerTo(c)) {
      out.add(other(c, "alter-owner"));
      return;
    }
    if (RELATION_TYPES.contains(type) && !c.isSeq("all", "in", "tablespace")) {
      c.acceptSeq("if", "exists");
      out.add(other(c, "alter-" + type, c.name()));
      return;
    }
    out.add(other(c, "alter-" + type));
  }

  /** Object types that are relations: altering one locks it. */
  private static final Set<String> RELATION_TYPES =
      Set.of("view", "materialized-view", "sequence", "foreign-table");

  private static boolean ownerTo(Cursor c) {
    int i = c.findTopLevel(c.pos, c.end, "owner");
    return i > 0 && i + 1 < c.end && c.toks[i + 1].is("to");
  }

  private static Operation alterIndex(Cursor c) {
    if (c.isSeq("all", "in", "tablespace")) {
      return other(c, "alter-index-all-in-tablespace");
    }
    boolean ifExists = c.acceptSeq("if", "exists");
    ObjectName index = c.name();
    if (c.acceptSeq("rename", "to")) {
      String n = c.ident();
      Tables.end(c);
      return new Operation.RenameIndex(whole(c), index, n, ifExists);
    }
    String action;
    Optional<ObjectName> attached = Optional.empty();
    if (c.acceptSeq("set", "tablespace")) {
      c.ident();
      action = "set-tablespace";
    } else if (c.acceptSeq("attach", "partition")) {
      attached = Optional.of(c.name());
      action = "attach-partition";
    } else if (c.is("set") && c.isKind(1, TokenKind.LPAREN)) {
      c.pos++;
      c.skipGroup();
      action = "set-storage-parameters";
    } else if (c.is("reset") && c.isKind(1, TokenKind.LPAREN)) {
      c.pos++;
      c.skipGroup();
      action = "reset-storage-parameters";
    } else if (c.accept("alter")) {
      c.pos = c.end;
      action = "alter-column";
    } else if (c.acceptSeq("depends", "on", "extension") || c.acceptSeq("no", "depends", "on", "extension")) {
      c.ident();
      action = "depends-on-extension";
    } else if (c.acceptSeq("owner", "to")) {
      c.next();
      action = "owner-to";
    } else {
      throw c.failHere("ALTER INDEX action");
    }
    Tables.end(c);
    return new Operation.AlterIndexOther(whole(c), index, action, attached);
  }

  private static Operation alterType(Cursor c) {
    c.expect("type");
    ObjectName type = c.name();
    if (c.acceptSeq("add", "value")) {
      boolean ifNotExists = c.acceptSeq("if", "not", "exists");
      String value = c.identOrString();
      Optional<String> before = Optional.empty();
      Optional<String> after = Optional.empty();
      if (c.accept("before")) {
        before = Optional.of(c.identOrString());
      } else if (c.accept("after")) {
        after = Optional.of(c.identOrString());
      }
      Tables.end(c);
      return new Operation.AddEnumValue(whole(c), type, value, ifNotExists, before, after);
    }
    if (c.acceptSeq("rename", "value")) {
      String from = c.identOrString();
      c.expect("to");
      String to = c.identOrString();
      Tables.end(c);
      return new Operation.RenameEnumValue(whole(c), type, from, to);
    }
    if (c.acceptSeq("rename", "to")) {
      String n = c.ident();
      Tables.end(c);
      return new Operation.RenameType(whole(c), type, n);
    }
    if (c.acceptSeq("owner", "to")) {
      return other(c, "alter-owner");
    }
    if (c.isAny("set", "add", "drop", "alter", "rename")) {
      return other(c, "alter-type");
    }
    throw c.failHere("ALTER TYPE action");
  }

  // ------------------------------------------------------------------ DROP

  /** {@code [IF EXISTS] name, ... [CASCADE | RESTRICT]}, the rest of a DROP of relations or types. */
  private record DropList(boolean ifExists, List<ObjectName> names, boolean cascade) {}

  private static DropList dropList(Cursor c) {
    boolean ifExists = c.acceptSeq("if", "exists");
    List<ObjectName> names = c.names();
    boolean cascade = Tables.dropBehavior(c);
    Tables.end(c);
    return new DropList(ifExists, names, cascade);
  }

  private static Operation drop(Cursor c) {
    if (c.accept("table")) {
      DropList d = dropList(c);
      return new Operation.DropTable(whole(c), d.names(), d.ifExists(), d.cascade());
    }
    if (c.accept("index")) {
      boolean conc = c.accept("concurrently");
      DropList d = dropList(c);
      return new Operation.DropIndex(whole(c), d.names(), conc, d.ifExists(), d.cascade());
    }
    boolean materialized = c.accept("materialized");
    if (c.accept("view")) {
      DropList d = dropList(c);
      return new Operation.DropView(whole(c), d.names(), materialized, d.ifExists(), d.cascade());
    }
    if (materialized) {
      throw c.failHere("VIEW");
    }
    if (c.accept("type")) {
      DropList d = dropList(c);
      return new Operation.DropType(whole(c), d.names(), d.ifExists(), d.cascade());
    }
    if (c.accept("sequence")) {
      DropList d = dropList(c);
      return new Operation.DropSequence(whole(c), d.names(), d.ifExists(), d.cascade());
    }
    if (c.is("trigger") || c.is("policy") || c.is("rule")) {
      String kind = c.next().text().toLowerCase(Locale.ROOT);
      c.acceptSeq("if", "exists");
      c.ident();
      c.expect("on");
      ObjectName table = c.name();
      Tables.dropBehavior(c);
      Tables.end(c);
      return other(c, "drop-" + kind, table);
    }
    String type = objectType(c);
    if (c.atEnd() && !type.equals("owned")) {
      throw c.failHere("name");
    }
    return other(c, "drop-" + type);
  }
}
