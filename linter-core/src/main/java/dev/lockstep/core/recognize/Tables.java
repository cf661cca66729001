package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.PartitionBound;
import dev.lockstep.core.ir.PartitionKey;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code CREATE TABLE}, {@code ALTER TABLE}, column definitions and constraints. */
final class Tables {
  private Tables() {}

  // ------------------------------------------------------------------ CREATE TABLE

  /** At the word after {@code CREATE}, already past any OR REPLACE; {@code temporary}/{@code unlogged} read. */
  static Operation createTable(Cursor c, boolean temporary, boolean unlogged) {
    int stmtEnd = c.end;
    c.expect("table");
    boolean ifNotExists = c.acceptSeq("if", "not", "exists");
    ObjectName name = c.name();
    List<ColumnDef> columns = new ArrayList<>();
    List<ConstraintDef> constraints = new ArrayList<>();
    Optional<ObjectName> partitionOf = Optional.empty();
    boolean asQuery = false;
    int queryStart = -1;
    if (c.accept("of")) {
      c.name();
    } else if (c.acceptSeq("partition", "of")) {
      partitionOf = Optional.of(c.name());
    }
    if (c.isKind(TokenKind.LPAREN)) {
      int close = c.afterGroup(c.pos);
      int afterList = close;
      if (c.findTopLevel(afterList, stmtEnd, "as") == afterList) {
        asQuery = true;
        queryStart = afterList + 1;
      } else {
        elements(c, c.pos + 1, close - 1, columns, constraints, partitionOf.isPresent());
      }
      c.pos = close;
    }
    if (c.accept("as")) {
      asQuery = true;
      queryStart = c.pos;
      c.pos = stmtEnd;
    }
    boolean partitioned = false;
    boolean defaultPartition = false;
    Optional<PartitionBound> bound = Optional.empty();
    Optional<PartitionKey> key = Optional.empty();
    while (!c.atEnd()) {
      if (c.acceptSeq("partition", "by")) {
        partitioned = true;
        String strategy = c.isAny("range", "list", "hash") ? c.toks[c.pos].text().toLowerCase(Locale.ROOT) : "";
        c.accept("range");
        c.accept("list");
        c.accept("hash");
        key = Optional.of(new PartitionKey(strategy, keyColumns(c)));
        c.skipGroup();
      } else if (c.acceptSeq("for", "values")) {
        bound = Optional.of(partitionBound(c));
      } else if (c.accept("default")) {
        defaultPartition = partitionOf.isPresent();
      } else if (c.accept("inherits")) {
        c.skipGroup();
      } else if (c.accept("using")) {
        c.ident();
      } else if (c.accept("with")) {
        if (!c.skipOptionalGroup()) {
          c.accept("oids");
        }
      } else if (c.acceptSeq("without", "oids")) {
        // obsolete
      } else if (c.acceptSeq("on", "commit")) {
        if (!c.acceptSeq("preserve", "rows") && !c.acceptSeq("delete", "rows")) {
          c.expect("drop");
        }
      } else if (c.accept("tablespace")) {
        c.ident();
      } else if (c.accept("as")) {
        asQuery = true;
        queryStart = c.pos;
        c.pos = stmtEnd;
      } else if (c.accept("server")) {
        c.ident();
      } else if (c.accept("options")) {
        c.skipGroup();
      } else {
        throw c.failHere("end of CREATE TABLE");
      }
    }
    List<TableRead> reads = List.of();
    boolean withData = true;
    if (queryStart >= 0) {
      int qEnd = Dml.queryEnd(c, queryStart);
      withData = !(qEnd == stmtEnd - 3 && c.toks[stmtEnd - 2].is("no"));
      reads = Dml.queryReads(c, queryStart, qEnd);
    }
    return new Operation.CreateTable(c.span(0, stmtEnd), name, columns, constraints, ifNotExists, partitionOf,
        partitioned, asQuery, temporary, unlogged, defaultPartition, reads, withData, bound, key);
  }

  /** The plain column names of a partition key group; empty when an element is an expression. */
  private static List<String> keyColumns(Cursor c) {
    if (!c.isKind(TokenKind.LPAREN)) {
      return List.of();
    }
    int close = c.afterGroup(c.pos);
    List<String> out = new ArrayList<>();
    for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
      Cursor e = c.sub(p[0], p[1]);
      if (!e.isIdent()) {
        return List.of();
      }
      out.add(e.ident());
      while (!e.atEnd() && e.isIdent()) {
        e.pos++; // COLLATE / operator class words
      }
      if (!e.atEnd()) {
        return List.of();
      }
    }
    return out;
  }

  static PartitionBound partitionBound(Cursor c) {
    if (c.accept("in")) {
      return new PartitionBound("list", List.of(), List.of(), boundValues(c));
    } else if (c.accept("from")) {
      List<String> from = boundValues(c);
      c.expect("to");
      List<String> to = boundValues(c);
      return new PartitionBound("range", from, to, List.of());
    } else if (c.accept("with")) {
      c.skipGroup();
      return new PartitionBound("hash", List.of(), List.of(), List.of());
    } else {
      throw c.failHere("partition bound");
    }
  }

  /** The values of a bound group: constants as text, anything else as {@code ?} and its source. */
  private static List<String> boundValues(Cursor c) {
    if (!c.isKind(TokenKind.LPAREN)) {
      throw c.failHere("'('");
    }
    int close = c.afterGroup(c.pos);
    List<String> out = new ArrayList<>();
    for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
      out.add(constant(c, p[0], p[1]).orElse("?" + c.source(p[0], p[1])));
    }
    c.pos = close;
    return out;
  }

  /**
   * A constant written between {@code from} and {@code to}: {@code 'x'}, {@code type 'x'},
   * {@code 'x'::type}, a number, {@code MINVALUE}, {@code MAXVALUE}, {@code NULL}, {@code true};
   * empty for anything else.
   */
  static Optional<String> constant(Cursor c, int from, int to) {
    Token[] t = c.toks;
    if (from >= to) {
      return Optional.empty();
    }
    int i = from;
    // a cast after the literal
    int end = to;
    for (int j = from; j < to; j++) {
      if (t[j].isPunct("::")) {
        end = j;
        break;
      }
    }
    boolean minus = false;
    if (end - i == 2 && t[i].kind() == TokenKind.OPERATOR && t[i].text().equals("-")
        && t[i + 1].kind() == TokenKind.NUMBER) {
      minus = true;
      i++;
    }
    if (end - i == 2 && t[i].kind() == TokenKind.WORD && t[i + 1].kind() == TokenKind.STRING) {
      i++; // timestamp '...', date '...'
    }
    if (end - i != 1) {
      return Optional.empty();
    }
    Token k = t[i];
    if (k.kind() == TokenKind.STRING) {
      return Optional.of(Cursor.stringValue(k));
    }
    if (k.kind() == TokenKind.NUMBER) {
      return Optional.of((minus ? "-" : "") + k.text());
    }
    if (k.isAny("minvalue", "maxvalue", "null", "true", "false")) {
      return Optional.of(k.text().toUpperCase(Locale.ROOT));
    }
    return Optional.empty();
  }

  private static void elements(Cursor c, int from, int to, List<ColumnDef> columns, List<ConstraintDef> constraints,
      boolean partitionOf) {
    if (to <= from) {
      return;
    }
    for (int[] part : c.splitTopLevel(from, to)) {
      Cursor e = c.sub(part[0], part[1]);
      if (e.atEnd()) {
        throw Cursor.fail("empty table element");
      }
      if (startsTableConstraint(e)) {
        constraints.add(tableConstraint(e));
      } else if (e.is("like")) {
        e.pos++;
        e.name();
      } else if (partitionOf) {
        // column options of a partition: name [WITH OPTIONS] constraints
        columns.add(columnDefinition(e, false));
      } else {
        columns.add(columnDefinition(e, true));
      }
    }
  }

  static boolean startsTableConstraint(Cursor e) {
    if (e.isAny("constraint", "check", "unique", "primary", "foreign")) {
      return true;
    }
    if (e.is("exclude")) {
      return e.is(1, "using") || e.isKind(1, TokenKind.LPAREN);
    }
    return e.is("not") && e.is(1, "null");
  }

  // ------------------------------------------------------------------ columns

  /** {@code name type [constraints...]} over the whole cursor range. */
  static ColumnDef columnDefinition(Cursor c, boolean withType) {
    int start = c.pos;
    String name = c.ident();
    if (!withType) {
      c.acceptSeq("with", "options");
    }
    TypeRef type;
    if (withType && !startsColumnConstraint(c)) {
      type = Types.parse(c);
    } else {
      type = new TypeRef("", "", List.of(), 0, "");
    }
    boolean notNull = false;
    Optional<Expr> dflt = Optional.empty();
    ColumnDef.Generated generated = ColumnDef.Generated.NONE;
    ColumnDef.Identity identity = ColumnDef.Identity.NONE;
    List<ConstraintDef> constraints = new ArrayList<>(2);
    Optional<String> collation = Optional.empty();
    while (!c.atEnd()) {
      int cStart = c.pos;
      Optional<String> cname = Optional.empty();
      if (c.accept("constraint")) {
        cname = Optional.of(c.ident());
      }
      if (c.acceptSeq("not", "null")) {
        notNull = true;
        c.acceptSeq("no", "inherit");
      } else if (c.accept("null")) {
        notNull = false;
      } else if (c.accept("default")) {
        int from = c.pos;
        int to = defaultEnd(c);
        dflt = Optional.of(Expressions.of(c, from, to));
        c.pos = to;
      } else if (c.accept("generated")) {
        if (c.acceptSeq("always", "as", "identity")) {
          identity = ColumnDef.Identity.ALWAYS;
          c.skipOptionalGroup();
        } else if (c.acceptSeq("by", "default", "as", "identity")) {
          identity = ColumnDef.Identity.BY_DEFAULT;
          c.skipOptionalGroup();
        } else {
          c.accept("always");
          c.expect("as");
          c.skipGroup();
          generated = c.accept("stored") ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL;
          c.accept("virtual");
        }
      } else if (c.acceptSeq("primary", "key")) {
        indexParameters(c);
        constraints.add(new ConstraintDef(cname, ConstraintKind.PRIMARY_KEY, List.of(name), Optional.empty(),
            List.of(), Optional.empty(), Optional.empty(), false, Optional.empty(), c.span(cStart, c.pos)));
      } else if (c.accept("unique")) {
        nullsDistinct(c);
        indexParameters(c);
        constraints.add(new ConstraintDef(cname, ConstraintKind.UNIQUE, List.of(name), Optional.empty(),
            List.of(), Optional.empty(), Optional.empty(), false, Optional.empty(), c.span(cStart, c.pos)));
      } else if (c.accept("references")) {
        ObjectName ref = c.name();
        List<String> refCols = c.isKind(TokenKind.LPAREN) ? columnList(c) : List.of();
        String[] actions = referentialActions(c);
        constraintAttributes(c);
        constraints.add(new ConstraintDef(cname, ConstraintKind.FOREIGN_KEY, List.of(name), Optional.of(ref),
            refCols, Optional.empty(), Optional.empty(), false, Optional.ofNullable(actions[0]),
            Optional.ofNullable(actions[1]), c.span(cStart, c.pos)));
      } else if (c.accept("check")) {
        Expr e = groupExpr(c);
        c.acceptSeq("no", "inherit");
        constraintAttributes(c);
        constraints.add(new ConstraintDef(cname, ConstraintKind.CHECK, List.of(name), Optional.empty(),
            List.of(), Optional.empty(), Optional.of(e), false, Optional.empty(), c.span(cStart, c.pos)));
      } else if (c.accept("collate")) {
        collation = Optional.of(c.name().display());
      } else if (c.accept("autoincrement")) {
        // SQLite spelling accepted by schema files shared between engines
      } else if (c.accept("compression") || c.accept("storage")) {
        c.next();
      } else if (cname.isEmpty() && constraintAttributes(c)) {
        // DEFERRABLE etc. after a constraint
      } else {
        throw c.failHere("column constraint");
      }
    }
    return new ColumnDef(name, type, notNull, dflt, generated, identity, constraints, collation,
        c.span(start, c.end));
  }

  private static boolean startsColumnConstraint(Cursor c) {
    return c.atEnd() || c.isAny("constraint", "not", "null", "default", "generated", "primary", "unique",
        "references", "check", "collate");
  }

  /** End of a DEFAULT expression: the next column constraint keyword at depth 0. */
  private static int defaultEnd(Cursor c) {
    int depth = 0;
    Token[] t = c.toks;
    int j = c.pos;
    for (; j < c.end; j++) {
      Token x = t[j];
      TokenKind k = x.kind();
      if (k == TokenKind.LPAREN || x.isPunct("[")) {
        depth++;
        continue;
      }
      if (k == TokenKind.RPAREN || x.isPunct("]")) {
        depth--;
        continue;
      }
      if (depth != 0 || k != TokenKind.WORD || j == c.pos) {
        continue;
      }
      if (x.isAny("constraint", "primary", "unique", "references", "check", "generated", "deferrable",
          "initially", "collate")) {
        break;
      }
      if (x.is("not") && j + 1 < c.end && t[j + 1].isAny("null", "deferrable")) {
        break;
      }
      if (x.is("null") && !t[j - 1].isAny("is", "not")) {
        break;
      }
    }
    if (j == c.pos) {
      throw c.failHere("default value");
    }
    return j;
  }

  /** An expression in parentheses at the cursor; the Expr covers the inside. */
  static Expr groupExpr(Cursor c) {
    if (!c.isKind(TokenKind.LPAREN)) {
      throw c.failHere("'('");
    }
    int close = c.afterGroup(c.pos);
    Expr e = Expressions.of(c, c.pos + 1, close - 1);
    c.pos = close;
    return e;
  }

  /** {@code (a, b, c)} of identifiers; other elements are skipped. */
  static List<String> columnList(Cursor c) {
    if (!c.isKind(TokenKind.LPAREN)) {
      throw c.failHere("'('");
    }
    int close = c.afterGroup(c.pos);
    List<String> cols = new ArrayList<>(2);
    for (int[] p : c.splitTopLevel(c.pos + 1, close - 1)) {
      if (p[1] > p[0] && Cursor.isIdent(c.toks[p[0]])) {
        cols.add(c.toks[p[0]].identifier());
      }
    }
    c.pos = close;
    return cols;
  }

  private static void nullsDistinct(Cursor c) {
    if (c.acceptSeq("nulls", "distinct")) {
      return;
    }
    c.acceptSeq("nulls", "not", "distinct");
  }

  /** INCLUDE (...), WITH (...), USING INDEX TABLESPACE x. */
  private static void indexParameters(Cursor c) {
    while (true) {
      if (c.accept("include")) {
        c.skipGroup();
      } else if (c.is("with") && c.isKind(1, TokenKind.LPAREN)) {
        c.pos++;
        c.skipGroup();
      } else if (c.acceptSeq("using", "index", "tablespace")) {
        c.ident();
      } else {
        return;
      }
    }
  }

  /** MATCH ..., ON DELETE ..., ON UPDATE ...; returns the ON DELETE action. */
  private static String[] referentialActions(Cursor c) {
    String[] actions = new String[2];
    while (true) {
      if (c.accept("match")) {
        c.next();
      } else if (c.acceptSeq("on", "delete")) {
        actions[0] = refAction(c);
      } else if (c.acceptSeq("on", "update")) {
        actions[1] = refAction(c);
      } else {
        return actions;
      }
    }
  }

  private static String refAction(Cursor c) {
    String a;
    if (c.accept("cascade")) {
      a = "CASCADE";
    } else if (c.accept("restrict")) {
      a = "RESTRICT";
    } else if (c.acceptSeq("no", "action")) {
      a = "NO ACTION";
    } else if (c.acceptSeq("set", "null")) {
      a = "SET NULL";
    } else if (c.acceptSeq("set", "default")) {
      a = "SET DEFAULT";
    } else {
      throw c.failHere("referential action");
    }
    if (a.startsWith("SET") && c.isKind(TokenKind.LPAREN)) {
      c.skipGroup();
    }
    return a;
  }

  /** DEFERRABLE, NOT DEFERRABLE, INITIALLY ..., [NOT] ENFORCED; true if any was read. */
  private static boolean constraintAttributes(Cursor c) {
    boolean any = false;
    while (true) {
      if (c.accept("deferrable") || c.acceptSeq("not", "deferrable") || c.accept("enforced")
          || c.acceptSeq("not", "enforced")) {
        any = true;
      } else if (c.accept("initially")) {
        if (!c.accept("deferred")) {
          c.expect("immediate");
        }
        any = true;
      } else {
        return any;
      }
    }
  }

  /** A table constraint over the cursor's whole range, with NOT VALID if written. */
  static ConstraintDef tableConstraint(Cursor c) {
    int start = c.pos;
    Optional<String> name = Optional.empty();
    if (c.accept("constraint")) {
      name = Optional.of(c.ident());
    }
    ConstraintKind kind;
    List<String> cols = List.of();
    Optional<ObjectName> ref = Optional.empty();
    List<String> refCols = List.of();
    Optional<String> usingIndex = Optional.empty();
    Optional<Expr> expr = Optional.empty();
    Optional<String> onDelete = Optional.empty();
    Optional<String> onUpdate = Optional.empty();
    boolean notValid = false;
    if (c.accept("check")) {
      kind = ConstraintKind.CHECK;
      expr = Optional.of(groupExpr(c));
    } else if (c.accept("unique") || c.acceptSeq("primary", "key")) {
      kind = c.toks[c.pos - 1].is("key") ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
      if (c.acceptSeq("using", "index")) {
        usingIndex = Optional.of(c.ident());
      } else {
        nullsDistinct(c);
        cols = columnList(c);
        indexParameters(c);
      }
    } else if (c.acceptSeq("foreign", "key")) {
      kind = ConstraintKind.FOREIGN_KEY;
      cols = columnList(c);
      c.expect("references");
      ref = Optional.of(c.name());
      if (c.isKind(TokenKind.LPAREN)) {
        refCols = columnList(c);
      }
      String[] actions = referentialActions(c);
      onDelete = Optional.ofNullable(actions[0]);
      onUpdate = Optional.ofNullable(actions[1]);
    } else if (c.accept("exclude")) {
      kind = ConstraintKind.EXCLUDE;
      if (c.accept("using")) {
        c.ident();
      }
      int open = c.pos;
      c.skipGroup();
      expr = Optional.of(Expressions.of(c, open + 1, c.pos - 1));
      indexParameters(c);
      if (c.accept("where")) {
        c.skipGroup();
      }
    } else if (c.acceptSeq("not", "null")) {
      kind = ConstraintKind.NOT_NULL;
      cols = List.of(c.ident());
    } else {
      throw c.failHere("table constraint");
    }
    while (!c.atEnd()) {
      if (c.acceptSeq("not", "valid")) {
        notValid = true;
      } else if (c.acceptSeq("no", "inherit")) {
        // inheritance flag
      } else if (!constraintAttributes(c)) {
        throw c.failHere("end of constraint");
      }
    }
    return new ConstraintDef(name, kind, cols, ref, refCols, usingIndex, expr, notValid, onDelete, onUpdate,
        c.span(start, c.end));
  }

  // ------------------------------------------------------------------ ALTER TABLE

  /** After {@code ALTER TABLE}. */
  static void alterTable(Cursor c, List<Operation> out) {
    boolean ifExists = c.acceptSeq("if", "exists");
    c.accept("only");
    if (c.isSeq("all", "in", "tablespace")) {
      out.add(new Operation.Other(c.span(0, c.end), "alter-table-all-in-tablespace", List.of()));
      return;
    }
    ObjectName table = c.name();
    c.acceptPunct("*");
    if (c.atEnd()) {
      throw c.failHere("ALTER TABLE action");
    }
    for (int[] part : c.splitTopLevel(c.pos, c.end)) {
      Cursor a = c.sub(part[0], part[1]);
      if (a.atEnd()) {
        throw Cursor.fail("empty ALTER TABLE action");
      }
      out.add(action(a, table, ifExists));
    }
  }

  private static Operation action(Cursor c, ObjectName t, boolean tableIfExists) {
    int start = c.pos;
    if (c.accept("add")) {
      if (startsTableConstraint(c)) {
        ConstraintDef def = tableConstraint(c);
        return new Operation.AddConstraint(c.span(start, c.end), t, def);
      }
      c.accept("column");
      boolean ifNotExists = c.acceptSeq("if", "not", "exists");
      ColumnDef col = columnDefinition(c, true);
      return new Operation.AddColumn(c.span(start, c.end), t, col, ifNotExists);
    }
    if (c.accept("drop")) {
      if (c.accept("constraint")) {
        boolean ifExists = c.acceptSeq("if", "exists");
        String name = c.ident();
        boolean cascade = dropBehavior(c);
        end(c);
        return new Operation.DropConstraint(c.span(start, c.end), t, name, ifExists, cascade);
      }
      c.accept("column");
      boolean ifExists = c.acceptSeq("if", "exists");
      String col = c.ident();
      boolean cascade = dropBehavior(c);
      end(c);
      return new Operation.DropColumn(c.span(start, c.end), t, col, ifExists, cascade);
    }
    if (c.accept("alter")) {
      if (c.accept("constraint")) {
        String name = c.ident();
        c.pos = c.end;
        return new Operation.AlterConstraint(c.span(start, c.end), t, name);
      }
      c.accept("column");
      String col = c.ident();
      return alterColumn(c, start, t, col);
    }
    if (c.accept("validate")) {
      c.expect("constraint");
      String name = c.ident();
      end(c);
      return new Operation.ValidateConstraint(c.span(start, c.end), t, name);
    }
    if (c.accept("rename")) {
      if (c.accept("to")) {
        String n = c.ident();
        end(c);
        return new Operation.RenameTable(c.span(start, c.end), t, n, tableIfExists);
      }
      if (c.accept("constraint")) {
        String from = c.ident();
        c.expect("to");
        String to = c.ident();
        end(c);
        return new Operation.RenameConstraint(c.span(start, c.end), t, from, to);
      }
      c.accept("column");
      String from = c.ident();
      c.expect("to");
      String to = c.ident();
      end(c);
      return new Operation.RenameColumn(c.span(start, c.end), t, from, to);
    }
    if (c.accept("attach")) {
      c.expect("partition");
      ObjectName p = c.name();
      boolean isDefault = false;
      Optional<PartitionBound> bound = Optional.empty();
      if (c.accept("default")) {
        isDefault = true;
      } else {
        c.expect("for");
        c.expect("values");
        bound = Optional.of(partitionBound(c));
      }
      end(c);
      return new Operation.AttachPartition(c.span(start, c.end), t, p, isDefault, bound);
    }
    if (c.accept("detach")) {
      c.expect("partition");
      ObjectName p = c.name();
      boolean conc = c.accept("concurrently");
      boolean fin = c.accept("finalize");
      end(c);
      return new Operation.DetachPartition(c.span(start, c.end), t, p, conc, fin);
    }
    TableAction action;
    String detail = "";
    if (c.accept("set")) {
      if (c.accept("schema")) {
        action = TableAction.SET_SCHEMA;
        detail = c.ident();
      } else if (c.accept("tablespace")) {
        action = TableAction.SET_TABLESPACE;
        detail = c.ident();
      } else if (c.accept("logged")) {
        action = TableAction.SET_LOGGED;
      } else if (c.accept("unlogged")) {
        action = TableAction.SET_UNLOGGED;
      } else if (c.acceptSeq("without", "cluster")) {
        action = TableAction.SET_WITHOUT_CLUSTER;
      } else if (c.acceptSeq("without", "oids")) {
        action = TableAction.SET_STORAGE_PARAMETERS;
        detail = "WITHOUT OIDS";
      } else if (c.acceptSeq("access", "method")) {
        action = TableAction.SET_ACCESS_METHOD;
        detail = c.ident();
      } else if (c.isKind(TokenKind.LPAREN)) {
        int open = c.pos;
        c.skipGroup();
        action = TableAction.SET_STORAGE_PARAMETERS;
        detail = c.source(open, c.pos);
      } else {
        throw c.failHere("SET action");
      }
    } else if (c.accept("reset")) {
      int open = c.pos;
      c.skipGroup();
      action = TableAction.RESET_STORAGE_PARAMETERS;
      detail = c.source(open, c.pos);
    } else if (c.acceptSeq("owner", "to")) {
      action = TableAction.OWNER_TO;
      detail = c.next().identifier();
    } else if (c.isAny("enable", "disable", "force") || c.isSeq("no", "force")) {
      boolean enable = c.is("enable");
      boolean disable = c.is("disable");
      boolean force = c.is("force");
      if (c.accept("no")) {
        c.expect("force");
        c.expect("row");
        c.expect("level");
        c.expect("security");
        action = TableAction.NO_FORCE_ROW_LEVEL_SECURITY;
      } else {
        c.pos++;
        if (c.acceptSeq("row", "level", "security")) {
          action = enable ? TableAction.ENABLE_ROW_LEVEL_SECURITY
              : disable ? TableAction.DISABLE_ROW_LEVEL_SECURITY : TableAction.FORCE_ROW_LEVEL_SECURITY;
        } else if (!force) {
          if (c.accept("replica") || c.accept("always")) {
            detail = c.toks[c.pos - 1].upper() + " ";
          }
          if (c.accept("trigger")) {
            action = enable ? TableAction.ENABLE_TRIGGER : TableAction.DISABLE_TRIGGER;
          } else {
            c.expect("rule");
            action = enable ? TableAction.ENABLE_RULE : TableAction.DISABLE_RULE;
          }
          detail = detail + c.next().identifier();
        } else {
          throw c.failHere("ROW LEVEL SECURITY");
        }
      }
    } else if (c.acceptSeq("replica", "identity")) {
      action = TableAction.REPLICA_IDENTITY;
      int from = c.pos;
      c.pos = c.end;
      detail = c.source(from, c.end);
    } else if (c.acceptSeq("cluster", "on")) {
      action = TableAction.CLUSTER_ON;
      detail = c.ident();
    } else if (c.accept("inherit")) {
      action = TableAction.INHERIT;
      detail = c.name().display();
    } else if (c.acceptSeq("no", "inherit")) {
      action = TableAction.NO_INHERIT;
      detail = c.name().display();
    } else if (c.accept("of")) {
      action = TableAction.OF_TYPE;
      detail = c.name().display();
    } else if (c.acceptSeq("not", "of")) {
      action = TableAction.NOT_OF;
    } else {
      throw c.failHere("ALTER TABLE action");
    }
    end(c);
    return new Operation.AlterTableOther(c.span(start, c.end), t, action, Optional.empty(), detail);
  }

  /** What may follow {@code ALTER COLUMN c SET} to change an identity column. */
  private static final String[] IDENTITY_OPTIONS = {"generated", "increment", "start", "minvalue", "maxvalue", "no",
      "cache", "cycle", "sequence", "as", "owned", "logged", "unlogged"};

  private static Operation alterColumn(Cursor c, int start, ObjectName t, String col) {
    if (c.accept("type") || c.acceptSeq("set", "data", "type")) {
      TypeRef type = Types.parse(c);
      Optional<String> collation = Optional.empty();
      Optional<Expr> using = Optional.empty();
      if (c.accept("collate")) {
        collation = Optional.of(c.name().display());
      }
      if (c.accept("using")) {
        using = Optional.of(Expressions.of(c, c.pos, c.end));
        c.pos = c.end;
      }
      end(c);
      return new Operation.AlterColumnType(c.span(start, c.end), t, col, type, using, collation);
    }
    if (c.acceptSeq("set", "not", "null")) {
      end(c);
      return new Operation.SetNotNull(c.span(start, c.end), t, col);
    }
    if (c.acceptSeq("drop", "not", "null")) {
      end(c);
      return new Operation.DropNotNull(c.span(start, c.end), t, col);
    }
    if (c.acceptSeq("set", "default")) {
      Expr e = Expressions.of(c, c.pos, c.end);
      c.pos = c.end;
      return new Operation.SetDefault(c.span(start, c.end), t, col, e);
    }
    if (c.acceptSeq("drop", "default")) {
      end(c);
      return new Operation.DropDefault(c.span(start, c.end), t, col);
    }
    TableAction action;
    if (c.acceptSeq("drop", "expression")) {
      c.acceptSeq("if", "exists");
      action = TableAction.COLUMN_DROP_EXPRESSION;
    } else if (c.acceptSeq("set", "expression", "as")) {
      c.skipGroup();
      action = TableAction.COLUMN_SET_EXPRESSION;
    } else if (c.acceptSeq("drop", "identity")) {
      c.acceptSeq("if", "exists");
      action = TableAction.COLUMN_DROP_IDENTITY;
    } else if (c.acceptSeq("add", "generated")) {
      if (!c.accept("always")) {
        c.expect("by");
        c.expect("default");
      }
      c.expect("as");
      c.expect("identity");
      c.skipOptionalGroup();
      action = TableAction.COLUMN_ADD_IDENTITY;
    } else if (c.acceptSeq("set", "statistics")) {
      c.pos = c.end;
      action = TableAction.COLUMN_SET_STATISTICS;
    } else if (c.acceptSeq("set", "storage")) {
      c.next();
      action = TableAction.COLUMN_SET_STORAGE;
    } else if (c.acceptSeq("set", "compression")) {
      c.next();
      action = TableAction.COLUMN_SET_COMPRESSION;
    } else if (c.is("set") && c.isKind(1, TokenKind.LPAREN)) {
      c.pos++;
      c.skipGroup();
      action = TableAction.COLUMN_SET_OPTIONS;
    } else if (c.is("reset") && c.isKind(1, TokenKind.LPAREN)) {
      c.pos++;
      c.skipGroup();
      action = TableAction.COLUMN_RESET_OPTIONS;
    } else if (c.is("restart") || c.is("set") && c.peek(1) != null && c.peek(1).isAny(IDENTITY_OPTIONS)) {
      c.pos = c.end;
      action = TableAction.COLUMN_SET_IDENTITY;
    } else if (c.accept("options")) {
      c.skipGroup();
      action = TableAction.COLUMN_SET_OPTIONS;
    } else {
      throw c.failHere("ALTER COLUMN action");
    }
    end(c);
    return new Operation.AlterTableOther(c.span(start, c.end), t, action, Optional.of(col), "");
  }

  /** Optional CASCADE / RESTRICT; true for CASCADE. */
  static boolean dropBehavior(Cursor c) {
    if (c.accept("cascade")) {
      return true;
    }
    c.accept("restrict");
    return false;
  }

  static void end(Cursor c) {
    if (!c.atEnd()) {
      throw c.failHere("end of clause");
    }
  }
}
