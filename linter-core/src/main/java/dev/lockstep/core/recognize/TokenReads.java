package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableRead.Match;
import dev.lockstep.core.recognize.ReadBlock.Ref;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a query or DML statement reads its tables, per query block (see {@link TableRead}), read
 * from its tokens: {@code WITH} queries, set operations, joins of every kind, subqueries in
 * {@code FROM}, in conditions and in the select list, {@code UPDATE ... FROM}, {@code DELETE ...
 * USING}, {@code INSERT ... SELECT}.
 *
 * <p>Expressions are parsed with PostgreSQL's operator precedence into a small tree that keeps
 * only what the conditions need: which operand is a column, which mentions one, and the shape of
 * each comparison. The blocks come out in the order {@link QueryReads} gives them for the same
 * statement, and their contents are the same, except where JSqlParser misreads PostgreSQL: an
 * {@code IN} list followed by {@code AND} (it swallows the rest of the condition), {@code = ANY
 * (subquery)} (the subquery's tables are lost), {@code DEFAULT} and dollar-quoted strings (read
 * as columns), aggregates with {@code FILTER} (not parsed at all).
 *
 * <p>A statement outside this grammar (data-modifying {@code WITH} queries, {@code TABLE name},
 * {@code GROUPING SETS}, template placeholders, ...) gives null, and the caller asks JSqlParser.
 */
final class TokenReads {

  /** Words that are never a column, a function name or an alias where an expression is read. */
  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "in", "is",
      "as", "on", "join", "case", "when", "then", "else", "end", "between", "like", "ilike", "similar", "exists",
      "any", "all", "some", "array", "distinct", "with", "union", "except", "intersect", "group", "order", "by",
      "having", "limit", "offset", "fetch", "for", "returning", "using", "set", "values", "default", "lateral",
      "over", "filter", "within", "collate", "escape", "into", "only", "left", "right", "full", "inner", "outer",
      "cross", "natural", "isnull", "notnull", "window", "asc", "desc", "nulls", "symmetric", "do", "conflict",
      "unique", "check", "references", "primary", "foreign", "grant", "to", "null", "true", "false", "both",
      "leading", "trailing", "placing", "unknown", "at", "tablesample", "recursive", "interval");

  /** Words of {@link #KEYWORDS} that PostgreSQL does not reserve: where an operand is expected, they are columns. */
  private static final Set<String> UNRESERVED = Set.of("filter", "over", "within", "escape", "nulls", "conflict",
      "recursive", "unknown", "at");

  /** Words that follow a FROM item (or the target of UPDATE / DELETE) and are not its alias. */
  private static final Set<String> CLAUSE_AFTER_FROM = Set.of("where", "group", "having", "window", "order",
      "limit", "offset", "fetch", "for", "union", "except", "intersect", "on", "using", "join", "inner", "left",
      "right", "full", "cross", "natural", "returning", "set", "tablesample", "lateral");

  /** Type names that go on with another word ({@code DOUBLE PRECISION}, {@code CHARACTER VARYING}). */
  private static final Set<String> TWO_WORD_TYPES = Set.of("double", "character", "char", "bit", "national");

  private final Token[] t;
  private int end;
  private int i;
  private final List<TableRead> out = new ArrayList<>();
  private final Set<String> cteNames;

  private TokenReads(Token[] t, int from, int to, Set<String> cteNames) {
    this.t = t;
    this.i = from;
    this.end = to;
    this.cteNames = new HashSet<>(cteNames);
  }

  /**
   * The reads of the statement in tokens {@code [from, to)}: a SELECT (or VALUES, or a query in
   * parentheses), UPDATE, DELETE or INSERT, with its WITH queries; null when it is outside this
   * reader's grammar. Names in {@code cteNames} are WITH queries of an enclosing statement.
   */
  static List<TableRead> of(Cursor c, int from, int to, Set<String> cteNames) {
    for (int k = from; k < to; k++) {
      TokenKind kind = c.toks[k].kind();
      if (kind == TokenKind.TEMPLATE || kind == TokenKind.ERROR || kind == TokenKind.PSQL_META
          || kind == TokenKind.SEMICOLON) {
        return null;
      }
    }
    TokenReads r = new TokenReads(c.toks, from, to, cteNames);
    try {
      r.statement();
      if (r.i != r.end) {
        return null;
      }
    } catch (NotRead e) {
      return null;
    }
    return List.copyOf(r.out);
  }

  /** Thrown (without a stack trace) where the text leaves the grammar this reader follows. */
  private static final class NotRead extends RuntimeException {
    private static final NotRead INSTANCE = new NotRead();

    private NotRead() {
      super(null, null, false, false);
    }
  }

  private static NotRead notRead() {
    return NotRead.INSTANCE;
  }

  // ------------------------------------------------------------ statements

  private void statement() {
    if (isWord("with")) {
      with();
    }
    if (word("update")) {
      update();
    } else if (word("delete")) {
      delete();
    } else if (word("insert")) {
      insert();
    } else {
      query();
    }
  }

  private void with() {
    expectWord("with");
    word("recursive");
    List<int[]> bodies = new ArrayList<>();
    do {
      String name = identifier();
      if (at(TokenKind.LPAREN)) {
        i = close(i) + 1;
      }
      expectWord("as");
      if (word("not")) {
        expectWord("materialized");
      } else {
        word("materialized");
      }
      if (!at(TokenKind.LPAREN)) {
        throw notRead();
      }
      int open = i;
      int close = close(open);
      if (open + 1 >= close) {
        throw notRead();
      }
      if (t[open + 1].isAny("select", "with", "values") || t[open + 1].isPunct("(")) {
        bodies.add(new int[] {open + 1, close});
      } else if (!t[open + 1].isAny("insert", "update", "delete")) {
        throw notRead();
      }
      // a data-modifying WITH query is an operation of its own, with its own reads
      cteNames.add(name);
      i = close + 1;
      if (isWord("search") || isWord("cycle")) {
        throw notRead();
      }
    } while (comma());
    int after = i;
    for (int[] b : bodies) {
      within(b[0], b[1], this::query);
    }
    i = after;
  }

  private void update() {
    word("only");
    Block b = new Block();
    b.add(name(), false, tableAlias());
    expectWord("set");
    List<int[]> items = new ArrayList<>();
    int setEnd = scanTo("from", "where", "returning");
    splitTopLevel(i, setEnd, items);
    i = setEnd;
    if (word("from")) {
      fromList(b);
    }
    int afterFrom = i;
    for (int[] item : items) {
      within(item[0], item[1], () -> setItem(b));
    }
    i = afterFrom;
    whereAndReturning(b);
  }

  /** {@code col = expr} or {@code (col, ...) = (expr, ...) | (query) | ROW(...)} of UPDATE ... SET. */
  private void setItem(Block b) {
    List<Ref> targets = new ArrayList<>();
    if (at(TokenKind.LPAREN)) {
      int close = close(i);
      i++;
      while (i < close) {
        targets.add(new Ref(null, identifier()));
        if (i < close) {
          expect(TokenKind.COMMA);
        }
      }
      i = close + 1;
    } else {
      targets.add(new Ref(null, identifier()));
      if (isPunct(".") || isPunct("[")) {
        throw notRead();
      }
    }
    if (!punct("=")) {
      throw notRead();
    }
    b.mention(targets);
    if (word("default")) {
      if (i != end) {
        throw notRead();
      }
      return;
    }
    Sink s = new Sink();
    expr(s, 0);
    if (i != end) {
      throw notRead();
    }
    b.apply(s);
  }

  private void delete() {
    expectWord("from");
    word("only");
    Block b = new Block();
    b.add(name(), false, tableAlias());
    if (word("using")) {
      fromList(b);
    }
    whereAndReturning(b);
  }

  private void insert() {
    expectWord("into");
    name();
    if (word("as")) {
      identifier();
    }
    if (at(TokenKind.LPAREN) && !(i + 1 < end && t[i + 1].isAny("select", "with", "values"))) {
      i = close(i) + 1;
    }
    if (word("overriding")) {
      i++;
      expectWord("value");
    }
    if (isWord("default") && i + 1 < end && t[i + 1].is("values")) {
      i += 2;
    } else {
      int qEnd = end;
      for (int k = i, depth = 0; k < end; k++) {
        TokenKind kind = t[k].kind();
        if (kind == TokenKind.LPAREN) {
          depth++;
        } else if (kind == TokenKind.RPAREN) {
          depth--;
        } else if (depth == 0 && (t[k].is("returning") || t[k].is("on") && k + 1 < end && t[k + 1].is("conflict"))) {
          qEnd = k;
          break;
        }
      }
      int saveEnd = end;
      end = qEnd;
      query();
      if (i != end) {
        throw notRead();
      }
      end = saveEnd;
    }
    // ON CONFLICT ... DO UPDATE and RETURNING are not reads of their own
    i = end;
  }

  /** {@code [WHERE ...] [RETURNING ...]} of UPDATE and DELETE; RETURNING is not a read of its own. */
  private void whereAndReturning(Block b) {
    if (word("where")) {
      if (isWord("current")) {
        throw notRead();
      }
      int e = scanTo("returning");
      b.where(i, e);
      i = e;
    }
    b.emit();
    if (word("returning")) {
      i = end;
    }
  }

  // ------------------------------------------------------------ queries

  /**
   * A query: {@code [WITH ...] term (set-operator term)* [ORDER BY ...] [LIMIT ...] [OFFSET ...]
   * [FETCH ...] [FOR ...]}. A lone plain SELECT owns the ORDER BY and LIMIT; after a set
   * operation they belong to the whole and are not read.
   */
  private void query() {
    if (isWord("with")) {
      with();
    }
    Pending first = term();
    if (!isSetOperator()) {
      if (first != null) {
        int orderFrom = -1;
        int orderTo = -1;
        if (isWord("order") && next("by")) {
          i += 2;
          orderFrom = i;
          orderTo = scanTo("limit", "offset", "fetch", "for");
          i = orderTo;
        }
        boolean limited = tail();
        first.finish(orderFrom, orderTo, limited && orderFrom >= 0);
      } else {
        skipOrderBy();
        tail();
      }
      return;
    }
    if (first != null) {
      first.finish(-1, -1, false);
    }
    while (isSetOperator()) {
      i++;
      if (!word("all")) {
        word("distinct");
      }
      Pending p = term();
      if (p != null) {
        p.finish(-1, -1, false);
      }
    }
    skipOrderBy();
    tail();
  }

  private boolean isSetOperator() {
    return isWord("union") || isWord("except") || isWord("intersect");
  }

  private void skipOrderBy() {
    if (isWord("order") && next("by")) {
      i += 2;
      i = scanTo("limit", "offset", "fetch", "for");
    }
  }

  /** LIMIT / OFFSET / FETCH / FOR UPDATE at the end of a query; true when it limits the rows. */
  private boolean tail() {
    boolean limited = false;
    while (i < end) {
      if (isWord("limit")) {
        i++;
        limited |= !isWord("all");
        i = scanTo("offset", "fetch", "for");
      } else if (isWord("offset")) {
        i++;
        i = scanTo("limit", "fetch", "for");
      } else if (isWord("fetch")) {
        limited = true;
        i = scanTo("for", "offset", "limit");
      } else if (isWord("for") && i + 1 < end && t[i + 1].isAny("update", "share", "no", "key")) {
        i = scanTo();
      } else {
        break;
      }
    }
    return limited;
  }

  /** One operand of a set operation; the plain SELECT it is, still to be finished, or null. */
  private Pending term() {
    if (at(TokenKind.LPAREN)) {
      int close = close(i);
      within(i + 1, close, this::query);
      i = close + 1;
      return null;
    }
    if (word("values")) {
      // VALUES rows are not reads (a subquery in them is not followed, as by JSqlParser)
      do {
        if (!at(TokenKind.LPAREN)) {
          throw notRead();
        }
        i = close(i) + 1;
      } while (comma());
      return null;
    }
    if (word("select")) {
      return plain();
    }
    throw notRead();
  }

  /** A query block whose select list, conditions and ORDER BY are read once its ORDER BY is known. */
  private final class Pending {
    final Block block;
    final List<int[]> items;
    final int whereFrom;
    final int whereTo;
    final int havingFrom;
    final int havingTo;
    final int groupFrom;
    final int groupTo;

    Pending(Block block, List<int[]> items, int[] where, int[] having, int[] group) {
      this.block = block;
      this.items = items;
      this.whereFrom = where[0];
      this.whereTo = where[1];
      this.havingFrom = having[0];
      this.havingTo = having[1];
      this.groupFrom = group[0];
      this.groupTo = group[1];
    }

    void finish(int orderFrom, int orderTo, boolean orderedLimit) {
      int save = i;
      block.tables.orderedLimit(orderedLimit);
      for (int[] item : items) {
        within(item[0], item[1], () -> selectItem(block));
      }
      if (whereFrom >= 0) {
        block.where(whereFrom, whereTo);
      }
      if (havingFrom >= 0) {
        block.mentionRange(havingFrom, havingTo);
      }
      if (groupFrom >= 0) {
        block.mentionRange(groupFrom, groupTo);
      }
      if (orderFrom >= 0) {
        List<int[]> keys = new ArrayList<>();
        splitTopLevel(orderFrom, orderTo, keys);
        for (int[] k : keys) {
          within(k[0], k[1], () -> orderKey(block));
        }
      }
      block.emit();
      i = save;
    }
  }

  private Pending plain() {
    if (!word("all") && word("distinct") && word("on")) {
      // DISTINCT ON (...) is not a read of its own
      if (!at(TokenKind.LPAREN)) {
        throw notRead();
      }
      i = close(i) + 1;
    }
    int listEnd = scanTo("from", "into", "where", "group", "having", "window", "order", "limit", "offset", "fetch",
        "for", "union", "except", "intersect");
    List<int[]> items = new ArrayList<>();
    if (listEnd > i) {
      splitTopLevel(i, listEnd, items);
    }
    i = listEnd;
    if (word("into")) {
      if (!word("temporary") && !word("temp")) {
        word("unlogged");
      }
      word("table");
      name();
    }
    Block b = new Block();
    if (word("from")) {
      fromList(b);
    }
    int[] where = {-1, -1};
    int[] having = {-1, -1};
    int[] group = {-1, -1};
    if (word("where")) {
      where[0] = i;
      where[1] = scanTo("group", "having", "window", "order", "limit", "offset", "fetch", "for", "union", "except",
          "intersect");
      i = where[1];
    }
    if (isWord("group") && next("by")) {
      i += 2;
      if (isWord("all") || isWord("distinct")) {
        throw notRead();
      }
      group[0] = i;
      group[1] = scanTo("having", "window", "order", "limit", "offset", "fetch", "for", "union", "except",
          "intersect");
      for (int k = group[0]; k < group[1]; k++) {
        if (t[k].isAny("rollup", "cube", "grouping") && k + 1 < group[1]
            && (t[k + 1].kind() == TokenKind.LPAREN || t[k + 1].is("sets"))) {
          throw notRead();
        }
      }
      i = group[1];
    }
    if (word("having")) {
      having[0] = i;
      having[1] = scanTo("window", "order", "limit", "offset", "fetch", "for", "union", "except", "intersect");
      i = having[1];
    }
    if (word("window")) {
      // named windows are not reads of their own
      i = scanTo("order", "limit", "offset", "fetch", "for", "union", "except", "intersect");
    }
    return new Pending(b, items, where, having, group);
  }

  /** One select list item: {@code *}, {@code qualifier.*}, or an expression with an optional alias. */
  private void selectItem(Block b) {
    if (isPunct("*") && i + 1 == end) {
      b.starAll();
      i++;
      return;
    }
    if (end - i >= 3 && t[end - 1].isPunct("*") && t[end - 2].isPunct(".")) {
      int k = i;
      List<Token> parts = new ArrayList<>();
      while (k < end - 2) {
        if (!Cursor.isIdent(t[k])) {
          parts = null;
          break;
        }
        parts.add(t[k++]);
        if (k < end - 2) {
          if (!t[k].isPunct(".")) {
            parts = null;
            break;
          }
          k++;
        }
      }
      if (parts != null && !parts.isEmpty()) {
        b.star(parts.get(parts.size() - 1).identifier());
        i = end;
        return;
      }
    }
    Sink s = new Sink();
    expr(s, 0);
    if (word("as")) {
      aliasName();
    } else if (i < end && Cursor.isIdent(t[i]) && !isKeyword(t[i])) {
      i++;
    }
    if (i != end) {
      throw notRead();
    }
    b.apply(s);
  }

  private void orderKey(Block b) {
    Sink s = new Sink();
    expr(s, 0);
    if (!word("asc")) {
      word("desc");
    }
    if (word("using")) {
      if (i >= end || t[i].kind() != TokenKind.OPERATOR) {
        throw notRead();
      }
      i++;
    }
    if (word("nulls") && !word("first")) {
      expectWord("last");
    }
    if (i != end) {
      throw notRead();
    }
    b.apply(s);
  }

  // ------------------------------------------------------------ FROM

  private void fromList(Block b) {
    fromItem(b, false);
    while (true) {
      if (comma()) {
        fromItem(b, false);
        continue;
      }
      if (!joinAhead()) {
        return;
      }
      join(b);
    }
  }

  private boolean joinAhead() {
    if (i >= end) {
      return false;
    }
    Token k = t[i];
    if (k.is("join") || k.is("natural")) {
      return true;
    }
    if (k.isAny("inner", "cross")) {
      return next("join");
    }
    if (k.isAny("left", "right", "full")) {
      return next("join") || next("outer");
    }
    return false;
  }

  private void join(Block b) {
    boolean natural = word("natural");
    boolean left = false;
    boolean right = false;
    boolean full = false;
    boolean cross = false;
    if (word("left")) {
      left = true;
    } else if (word("right")) {
      right = true;
    } else if (word("full")) {
      full = true;
    } else if (word("cross")) {
      cross = true;
    } else {
      word("inner");
    }
    if (left || right || full) {
      word("outer");
    }
    expectWord("join");
    if (left || full) {
      b.preserveAll();
    }
    fromItem(b, right || full);
    if (natural || cross) {
      return;
    }
    if (word("on")) {
      int e = scanTo("join", "inner", "left", "right", "full", "cross", "natural", "where", "group", "having",
          "window", "order", "limit", "offset", "fetch", "for", "union", "except", "intersect", "returning", "on",
          "set");
      b.where(i, e);
      i = e;
    } else if (word("using")) {
      if (!at(TokenKind.LPAREN)) {
        throw notRead();
      }
      int close = close(i);
      i++;
      List<String> cols = new ArrayList<>();
      while (i < close) {
        cols.add(identifier());
        if (i < close) {
          expect(TokenKind.COMMA);
        }
      }
      i = close + 1;
      if (word("as")) {
        identifier();
      }
      cols.forEach(b::joinOnAll);
    } else {
      throw notRead();
    }
  }

  private void fromItem(Block b, boolean preserved) {
    if (word("lateral")) {
      if (at(TokenKind.LPAREN)) {
        subqueryItem();
        return;
      }
      functionItem();
      return;
    }
    if (at(TokenKind.LPAREN)) {
      if (i + 1 < end && (t[i + 1].isAny("select", "with", "values") || t[i + 1].kind() == TokenKind.LPAREN
          && startsQuery(i + 1))) {
        subqueryItem();
        return;
      }
      // a parenthesized join
      int close = close(i);
      int saveEnd = end;
      i++;
      end = close;
      fromItem(b, preserved);
      while (i < end) {
        if (comma() || !joinAhead()) {
          throw notRead();
        }
        join(b);
      }
      end = saveEnd;
      i = close + 1;
      if (i < end && (isWord("as") || Cursor.isIdent(t[i]) && !isKeyword(t[i]))) {
        throw notRead();
      }
      return;
    }
    boolean only = word("only");
    ObjectName n = name();
    if (!only && at(TokenKind.LPAREN)) {
      functionItem();
      return;
    }
    punct("*");
    if (isWord("tablesample")) {
      throw notRead();
    }
    b.add(n, preserved, tableAlias());
  }

  /** Whether the parenthesized group at {@code open} holds a query (possibly in more parentheses). */
  private boolean startsQuery(int open) {
    int k = open;
    while (k < end && t[k].kind() == TokenKind.LPAREN) {
      k++;
    }
    return k < end && t[k].isAny("select", "with", "values");
  }

  private void subqueryItem() {
    int close = close(i);
    within(i + 1, close, this::query);
    i = close + 1;
    tableAlias();
  }

  /** A function in FROM ({@code generate_series(...)}, {@code unnest(...)}): not a table, its arguments not read. */
  private void functionItem() {
    if (!at(TokenKind.LPAREN)) {
      name();
    }
    if (!at(TokenKind.LPAREN)) {
      throw notRead();
    }
    i = close(i) + 1;
    if (word("with")) {
      expectWord("ordinality");
    }
    tableAlias();
  }

  /** {@code [AS] alias [(columns)]} after a FROM item; the alias, or null. */
  private String tableAlias() {
    String alias = null;
    if (word("as")) {
      alias = identifier();
    } else if (i < end && Cursor.isIdent(t[i]) && !isKeyword(t[i]) && !CLAUSE_AFTER_FROM.contains(lower(t[i]))) {
      alias = t[i++].identifier();
    }
    if (alias != null && at(TokenKind.LPAREN)) {
      i = close(i) + 1;
    }
    return alias;
  }

  // ------------------------------------------------------------ one query block

  /** A query block being read: its tables (see {@link ReadBlock}) and how this reader feeds them. */
  private final class Block {
    final ReadBlock tables = new ReadBlock();

    void add(ObjectName n, boolean preserved, String alias) {
      tables.add(n, alias, preserved, cteNames);
    }

    void preserveAll() {
      tables.preserveAll();
    }

    void star(String qualifier) {
      tables.star(qualifier);
    }

    void starAll() {
      tables.star(null);
    }

    void joinOnAll(String column) {
      tables.joinOnAll(column);
    }

    void mention(List<Ref> refs) {
      refs.forEach(tables::mention);
    }

    /** The columns of a read expression are mentioned, then its subqueries are read. */
    void apply(Sink s) {
      mention(s.refs);
      int save = i;
      for (int[] q : s.subqueries) {
        within(q[0], q[1], TokenReads.this::query);
      }
      i = save;
    }

    /** Every expression of a comma-separated list in {@code [from, to)}. */
    void mentionRange(int from, int to) {
      List<int[]> parts = new ArrayList<>();
      splitTopLevel(from, to, parts);
      for (int[] p : parts) {
        within(p[0], p[1], () -> {
          Sink s = new Sink();
          expr(s, 0);
          if (i != end) {
            throw notRead();
          }
          apply(s);
        });
      }
    }

    /** A condition in {@code [from, to)} (WHERE or ON): mentioned, then each of its conjuncts. */
    void where(int from, int to) {
      Node[] root = new Node[1];
      Sink s = new Sink();
      within(from, to, () -> {
        root[0] = expr(s, 0);
        if (i != end) {
          throw notRead();
        }
      });
      apply(s);
      List<Node> conjuncts = new ArrayList<>();
      flatten(root[0], conjuncts);
      for (Node c : conjuncts) {
        condition(tables, c);
      }
    }

    void emit() {
      tables.emit(out);
    }
  }

  /** One conjunct of a condition, told to {@code block}. */
  private static void condition(ReadBlock block, Node c) {
    if (c.kind == Kind.OR) {
      List<Node> branches = new ArrayList<>();
      flattenOr(c, branches);
      block.or(branches, (probe, branch) -> {
        List<Node> conjuncts = new ArrayList<>();
        flatten(branch, conjuncts);
        for (Node k : conjuncts) {
          if (k.kind != Kind.OR) {
            condition(probe, k);
          }
        }
      });
      return;
    }
    Match match;
    switch (c.kind) {
      case EQUALS:
        match = Match.EQUALS_CONSTANT;
        break;
      case ORDER:
      case LIKE:
      case IS_NULL:
      case BETWEEN:
        match = Match.OTHER_CONSTANT;
        break;
      case IN:
        match = c.right.kind == Kind.SUBQUERY ? Match.OTHER_CONSTANT : Match.EQUALS_CONSTANT;
        break;
      default:
        return;
    }
    block.compare(match, column(c.left), column(c.right), c.left != null && c.left.hasColumn,
        c.right != null && c.right.hasColumn);
  }

  private static void flatten(Node n, List<Node> out) {
    flatten(n, Kind.AND, out);
  }

  private static void flattenOr(Node n, List<Node> out) {
    flatten(n, Kind.OR, out);
  }

  /** The operands of a chain of {@code kind} (AND or OR), parentheses removed. */
  private static void flatten(Node n, Kind kind, List<Node> out) {
    Node x = unwrap(n);
    if (x.kind == kind) {
      flatten(x.left, kind, out);
      flatten(x.right, kind, out);
    } else {
      out.add(x);
    }
  }

  private static Node unwrap(Node n) {
    Node x = n;
    while (x.kind == Kind.PAREN) {
      x = x.left;
    }
    return x;
  }

  /** The column {@code n} is, under parentheses and casts; null when it is something else. */
  private static Ref column(Node n) {
    Node x = n;
    while (x != null && (x.kind == Kind.PAREN || x.kind == Kind.CAST)) {
      x = x.left;
    }
    return x != null && x.kind == Kind.COLUMN ? x.ref : null;
  }

  // ------------------------------------------------------------ expressions

  private enum Kind {
    COLUMN, CONSTANT, PAREN, CAST, SUBQUERY, AND, OR, EQUALS, ORDER, LIKE, IN, IS_NULL, BETWEEN, OTHER
  }

  /** What the conditions need of an expression: its shape at the top and whether it mentions a column. */
  private static final class Node {
    final Kind kind;
    Node left;
    Node right;
    Ref ref;
    boolean hasColumn;

    Node(Kind kind) {
      this.kind = kind;
    }

    static Node of(Kind kind, Node left, Node right) {
      Node n = new Node(kind);
      n.left = left;
      n.right = right;
      n.hasColumn = left != null && left.hasColumn || right != null && right.hasColumn;
      return n;
    }
  }

  /** The columns an expression mentions (outside its subqueries) and its subqueries, in text order. */
  private static final class Sink {
    final List<Ref> refs = new ArrayList<>();
    final List<int[]> subqueries = new ArrayList<>();
  }

  // binding powers, PostgreSQL's precedence from loosest to tightest
  private static final int P_OR = 1;
  private static final int P_AND = 2;
  private static final int P_NOT = 3;
  private static final int P_IS = 4;
  private static final int P_COMPARE = 5;
  private static final int P_IN = 6;
  private static final int P_OTHER = 7;
  private static final int P_ADD = 8;
  private static final int P_MUL = 9;
  private static final int P_EXP = 10;
  private static final int P_AT = 11;
  private static final int P_UNARY = 12;

  /** An expression whose operators bind tighter than {@code min}. */
  private Node expr(Sink s, int min) {
    Node left = prefix(s);
    while (i < end) {
      Token k = t[i];
      int p = infixPower(k);
      if (p <= min) {
        break;
      }
      left = infix(s, left, p);
    }
    return left;
  }

  /** The binding power of the operator at {@code k}, or 0 when {@code k} does not continue an expression. */
  private int infixPower(Token k) {
    switch (k.kind()) {
      case OPERATOR: {
        String op = k.text();
        switch (op) {
          case "=":
          case "<":
          case ">":
          case "<=":
          case ">=":
          case "<>":
          case "!=":
            return P_COMPARE;
          case "+":
          case "-":
            return P_ADD;
          case "*":
          case "/":
          case "%":
            return P_MUL;
          case "^":
            return P_EXP;
          case "::":
          case "[":
          case ".":
            return P_UNARY + 1;
          case "=>":
          case ":":
          case "]":
          case ":=":
            return 0;
          default:
            return P_OTHER;
        }
      }
      case WORD: {
        String w = lower(k);
        switch (w) {
          case "or":
            return P_OR;
          case "and":
            return P_AND;
          case "is":
          case "isnull":
          case "notnull":
            return P_IS;
          case "in":
          case "between":
          case "like":
          case "ilike":
          case "similar":
            return P_IN;
          case "not":
            return i + 1 < end && t[i + 1].isAny("in", "between", "like", "ilike", "similar") ? P_IN : 0;
          case "at":
            return i + 1 < end && t[i + 1].is("time") ? P_AT : 0;
          case "collate":
            return P_AT;
          default:
            return 0;
        }
      }
      default:
        return 0;
    }
  }

  private Node infix(Sink s, Node left, int p) {
    Token k = t[i];
    if (k.kind() == TokenKind.OPERATOR) {
      String op = k.text();
      i++;
      if (op.equals("::")) {
        type();
        return Node.of(Kind.CAST, left, null);
      }
      if (op.equals("[")) {
        subscript(s);
        return Node.of(Kind.OTHER, left, null);
      }
      if (op.equals(".")) {
        // a field of a composite value: (x).f
        if (punct("*")) {
          return Node.of(Kind.OTHER, left, null);
        }
        identifier();
        return Node.of(Kind.OTHER, left, null);
      }
      if (p == P_COMPARE && (isWord("any") || isWord("some") || isWord("all")) && i + 1 < end
          && t[i + 1].kind() == TokenKind.LPAREN) {
        boolean all = isWord("all");
        i++;
        int close = close(i);
        Node right;
        if (startsQuery(i)) {
          s.subqueries.add(new int[] {i + 1, close});
          right = new Node(Kind.SUBQUERY);
        } else {
          int save = end;
          end = close;
          i++;
          right = expr(s, 0);
          if (i != end) {
            throw notRead();
          }
          end = save;
          right = Node.of(Kind.OTHER, right, null);
        }
        i = close + 1;
        if (all || !op.equals("=") && !op.equals("<") && !op.equals(">") && !op.equals("<=") && !op.equals(">=")) {
          return Node.of(Kind.OTHER, left, right);
        }
        if (right.kind == Kind.SUBQUERY) {
          // like IN (subquery)
          return Node.of(Kind.IN, left, right);
        }
        return Node.of(op.equals("=") ? Kind.EQUALS : Kind.ORDER, left, right);
      }
      Node right = expr(s, p);
      Kind kind;
      switch (op) {
        case "=":
          kind = Kind.EQUALS;
          break;
        case "<":
        case ">":
        case "<=":
        case ">=":
          kind = Kind.ORDER;
          break;
        default:
          kind = Kind.OTHER;
      }
      if (p == P_COMPARE && (left.kind.ordinal() >= Kind.EQUALS.ordinal() && left.kind != Kind.OTHER
          && left.kind != Kind.AND && left.kind != Kind.OR)) {
        // a comparison of a comparison: left to JSqlParser
        throw notRead();
      }
      return Node.of(kind, left, right);
    }
    String w = lower(k);
    i++;
    switch (w) {
      case "or":
        return Node.of(Kind.OR, left, expr(s, P_OR));
      case "and":
        return Node.of(Kind.AND, left, expr(s, P_AND));
      case "isnull":
        return Node.of(Kind.IS_NULL, left, null);
      case "notnull":
        return Node.of(Kind.OTHER, left, null);
      case "is": {
        boolean not = word("not");
        if (word("null")) {
          return Node.of(not ? Kind.OTHER : Kind.IS_NULL, left, null);
        }
        if (word("true") || word("false") || word("unknown")) {
          return Node.of(Kind.OTHER, left, null);
        }
        if (word("distinct")) {
          expectWord("from");
          return Node.of(Kind.OTHER, left, expr(s, P_IS));
        }
        if (word("json") || word("document") || word("normalized")) {
          throw notRead();
        }
        throw notRead();
      }
      case "at":
        expectWord("time");
        expectWord("zone");
        return Node.of(Kind.OTHER, left, expr(s, P_AT));
      case "collate":
        name();
        return Node.of(Kind.OTHER, left, null);
      default:
        break;
    }
    boolean not = w.equals("not");
    if (not) {
      w = lower(t[i]);
      i++;
    }
    switch (w) {
      case "in": {
        if (!at(TokenKind.LPAREN)) {
          throw notRead();
        }
        int close = close(i);
        Node right;
        if (startsQuery(i)) {
          s.subqueries.add(new int[] {i + 1, close});
          right = new Node(Kind.SUBQUERY);
        } else {
          right = list(s, close);
        }
        i = close + 1;
        return Node.of(not ? Kind.OTHER : Kind.IN, left, right);
      }
      case "between": {
        word("symmetric");
        Node lo = expr(s, P_IN);
        expectWord("and");
        Node hi = expr(s, P_IN);
        Node n = Node.of(not ? Kind.OTHER : Kind.BETWEEN, left, null);
        n.hasColumn |= lo.hasColumn || hi.hasColumn;
        return n;
      }
      case "like":
      case "ilike": {
        Node right = expr(s, P_IN);
        if (word("escape")) {
          expr(s, P_IN);
        }
        return Node.of(not ? Kind.OTHER : Kind.LIKE, left, right);
      }
      case "similar": {
        expectWord("to");
        Node right = expr(s, P_IN);
        if (word("escape")) {
          expr(s, P_IN);
        }
        return Node.of(Kind.OTHER, left, right);
      }
      default:
        throw notRead();
    }
  }

  /** The parenthesized list at {@code i} (closing at {@code close}): one element is that element in parentheses. */
  private Node list(Sink s, int close) {
    int save = end;
    end = close;
    i++;
    List<Node> items = new ArrayList<>();
    if (i < end) {
      do {
        items.add(expr(s, 0));
      } while (comma());
    }
    if (i != end) {
      throw notRead();
    }
    end = save;
    if (items.size() == 1) {
      return Node.of(Kind.PAREN, items.get(0), null);
    }
    Node n = new Node(Kind.OTHER);
    for (Node x : items) {
      n.hasColumn |= x.hasColumn;
    }
    return n;
  }

  private void subscript(Sink s) {
    // x[i], x[a:b]; the bracket tokens are operators
    while (i < end && !isPunct("]")) {
      if (isPunct(":")) {
        i++;
        continue;
      }
      expr(s, 0);
    }
    if (!punct("]")) {
      throw notRead();
    }
  }

  private Node prefix(Sink s) {
    if (i >= end) {
      throw notRead();
    }
    Token k = t[i];
    switch (k.kind()) {
      case NUMBER:
      case PARAM:
      case DOLLAR_STRING:
      case STRING:
        i++;
        return new Node(Kind.CONSTANT);
      case OPERATOR: {
        String op = k.text();
        if (op.equals("-") || op.equals("+") || op.equals("~") || op.equals("@") || op.equals("!!")) {
          i++;
          Node x = expr(s, P_UNARY);
          return Node.of(Kind.OTHER, x, null);
        }
        throw notRead();
      }
      case LPAREN: {
        int close = close(i);
        if (startsQuery(i)) {
          s.subqueries.add(new int[] {i + 1, close});
          i = close + 1;
          return new Node(Kind.SUBQUERY);
        }
        Node n = list(s, close);
        i = close + 1;
        return n;
      }
      case WORD:
        return word(s, k);
      case QUOTED_IDENT:
        return nameOrCall(s);
      default:
        throw notRead();
    }
  }

  private Node word(Sink s, Token k) {
    String w = lower(k);
    switch (w) {
      case "null":
      case "true":
      case "false":
        i++;
        return new Node(Kind.CONSTANT);
      case "not": {
        i++;
        Node x = expr(s, P_NOT);
        return Node.of(Kind.OTHER, x, null);
      }
      case "exists": {
        i++;
        if (!at(TokenKind.LPAREN) || !startsQuery(i)) {
          throw notRead();
        }
        int close = close(i);
        s.subqueries.add(new int[] {i + 1, close});
        i = close + 1;
        return new Node(Kind.OTHER);
      }
      case "case": {
        i++;
        Node n = new Node(Kind.OTHER);
        if (!isWord("when")) {
          n.hasColumn |= expr(s, 0).hasColumn;
        }
        while (word("when")) {
          n.hasColumn |= expr(s, 0).hasColumn;
          expectWord("then");
          n.hasColumn |= expr(s, 0).hasColumn;
        }
        if (word("else")) {
          n.hasColumn |= expr(s, 0).hasColumn;
        }
        expectWord("end");
        return n;
      }
      case "array": {
        i++;
        if (at(TokenKind.LPAREN) && startsQuery(i)) {
          int close = close(i);
          s.subqueries.add(new int[] {i + 1, close});
          i = close + 1;
          return new Node(Kind.OTHER);
        }
        if (!punct("[")) {
          throw notRead();
        }
        return arrayElements(s);
      }
      case "cast": {
        i++;
        if (!at(TokenKind.LPAREN)) {
          throw notRead();
        }
        int close = close(i);
        int save = end;
        end = close;
        i++;
        Node x = expr(s, 0);
        expectWord("as");
        type();
        if (i != end) {
          throw notRead();
        }
        end = save;
        i = close + 1;
        return Node.of(Kind.CAST, x, null);
      }
      case "interval": {
        i++;
        if (at(TokenKind.STRING)) {
          i++;
          // an optional field: INTERVAL '1' DAY, ... TO SECOND
          if (i < end && t[i].isAny("year", "month", "day", "hour", "minute", "second")) {
            i++;
            if (word("to")) {
              identifier();
            }
          }
          return new Node(Kind.CONSTANT);
        }
        i--;
        if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN) {
          throw notRead();
        }
        // a column named interval
        return nameOrCall(s);
      }
      case "left":
      case "right":
        if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN) {
          return nameOrCall(s);
        }
        throw notRead();
      case "substring":
      case "position":
      case "trim":
      case "overlay":
        if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN) {
          return specialCall(s, w);
        }
        break;
      case "row": {
        if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN) {
          i++;
          int close = close(i);
          Node n = list(s, close);
          i = close + 1;
          return Node.of(Kind.OTHER, n, null);
        }
        break;
      }
      case "extract": {
        if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN) {
          i += 2;
          int close = close(i - 1);
          if (i < close && (Cursor.isIdent(t[i]) || t[i].kind() == TokenKind.STRING) && i + 1 < close
              && t[i + 1].is("from")) {
            i += 2;
            int save = end;
            end = close;
            Node x = expr(s, 0);
            if (i != end) {
              throw notRead();
            }
            end = save;
            i = close + 1;
            return Node.of(Kind.OTHER, x, null);
          }
          throw notRead();
        }
        break;
      }
      default:
        break;
    }
    if (QueryReads.isKeyword(w) && !(i + 1 < end && t[i + 1].isPunct("."))) {
      if (i + 1 < end && t[i + 1].kind() == TokenKind.LPAREN && !w.equals("current_time")
          && !w.equals("current_timestamp") && !w.equals("localtime") && !w.equals("localtimestamp")) {
        // current_schema(), current_catalog(): functions
        return nameOrCall(s);
      }
      i++;
      if (at(TokenKind.LPAREN) && (w.equals("current_time") || w.equals("current_timestamp")
          || w.equals("localtime") || w.equals("localtimestamp"))) {
        i = close(i) + 1;
      }
      return new Node(Kind.CONSTANT);
    }
    if (i + 1 < end && t[i + 1].kind() == TokenKind.STRING && !KEYWORDS.contains(w)) {
      // a typed literal: DATE '2020-01-01', timestamp '...', uuid '...'
      i += 2;
      return new Node(Kind.CONSTANT);
    }
    if (i + 1 < end && t[i + 1].kind() == TokenKind.WORD && (TWO_WORD_TYPES.contains(w)
        || (w.equals("timestamp") || w.equals("time")) && t[i + 1].isAny("with", "without"))) {
      // a typed literal of a type spelled in several words: left to JSqlParser
      throw notRead();
    }
    if (KEYWORDS.contains(w) && !UNRESERVED.contains(w)) {
      throw notRead();
    }
    return nameOrCall(s);
  }

  private Node arrayElements(Sink s) {
    Node n = new Node(Kind.OTHER);
    if (punct("]")) {
      return n;
    }
    do {
      if (punct("[")) {
        n.hasColumn |= arrayElements(s).hasColumn;
      } else {
        n.hasColumn |= expr(s, 0).hasColumn;
      }
    } while (comma());
    if (!punct("]")) {
      throw notRead();
    }
    return n;
  }

  /** A (qualified) column, or a function call with its arguments, window and filter. */
  private Node nameOrCall(Sink s) {
    List<Token> parts = new ArrayList<>(3);
    parts.add(t[i++]);
    while (isPunct(".") && i + 1 < end && Cursor.isIdent(t[i + 1])) {
      i++;
      parts.add(t[i++]);
    }
    if (isPunct(".") && i + 1 < end && t[i + 1].isPunct("*")) {
      // t.* inside an expression: not a column of its own
      i += 2;
      return new Node(Kind.OTHER);
    }
    if (at(TokenKind.LPAREN)) {
      return call(s);
    }
    if (parts.size() > 3) {
      throw notRead();
    }
    String name = parts.get(parts.size() - 1).identifier();
    Ref r = new Ref(parts.size() == 1 ? null : parts.get(parts.size() - 2).identifier(), name);
    s.refs.add(r);
    Node n = new Node(Kind.COLUMN);
    n.ref = r;
    n.hasColumn = true;
    return n;
  }

  private Node call(Sink s) {
    Node n = new Node(Kind.OTHER);
    group(() -> {
      if (punct("*") || i == end) {
        return;
      }
      if (!word("distinct")) {
        word("all");
      }
      word("variadic");
      do {
        if (i + 1 < end && Cursor.isIdent(t[i]) && (t[i + 1].isPunct("=>") || t[i + 1].isPunct(":="))) {
          // a named argument: the name is not a column
          i += 2;
        }
        n.hasColumn |= expr(s, 0).hasColumn;
      } while (comma());
      if (isWord("order") && next("by")) {
        i += 2;
        orderKeys(s, n);
      }
    });
    if (word("within")) {
      expectWord("group");
      group(() -> {
        expectWord("order");
        expectWord("by");
        orderKeys(s, n);
      });
    }
    if (word("filter")) {
      group(() -> {
        expectWord("where");
        n.hasColumn |= expr(s, 0).hasColumn;
      });
    }
    if (word("over")) {
      // the window's PARTITION BY and ORDER BY are not mentions (as JSqlParser's tree has them)
      if (at(TokenKind.LPAREN)) {
        i = close(i) + 1;
      } else {
        identifier();
      }
    }
    return n;
  }

  /** {@code expr [ASC | DESC] [NULLS FIRST | LAST], ...} of an aggregate's ORDER BY. */
  private void orderKeys(Sink s, Node n) {
    do {
      n.hasColumn |= expr(s, 0).hasColumn;
      if (!word("asc")) {
        word("desc");
      }
      if (word("nulls") && !word("first")) {
        expectWord("last");
      }
    } while (comma());
  }

  /** Reads the parenthesized group at the cursor with {@code r}, which must read all of it; the cursor ends after it. */
  private void group(Runnable r) {
    if (!at(TokenKind.LPAREN)) {
      throw notRead();
    }
    int close = close(i);
    within(i + 1, close, r);
    i = close + 1;
  }

  /**
   * The SQL-standard forms of {@code substring(x FROM a FOR b)}, {@code position(a IN b)}, {@code
   * trim([BOTH | LEADING | TRAILING] [chars] FROM x)} and {@code overlay(x PLACING y FROM a [FOR b])};
   * a plain argument list otherwise.
   */
  private Node specialCall(Sink s, String w) {
    int close = close(i + 1);
    boolean keywords = false;
    for (int k = i + 2, depth = 0; k < close; k++) {
      TokenKind kind = t[k].kind();
      if (kind == TokenKind.LPAREN) {
        depth++;
      } else if (kind == TokenKind.RPAREN) {
        depth--;
      } else if (depth == 0 && t[k].isAny("from", "for", "placing", "both", "leading", "trailing")
          || depth == 0 && w.equals("position") && t[k].is("in")) {
        keywords = true;
        break;
      }
    }
    if (!keywords) {
      return nameOrCall(s);
    }
    Node n = new Node(Kind.OTHER);
    int save = end;
    end = close;
    i += 2;
    if (w.equals("trim") && !word("both") && !word("leading")) {
      word("trailing");
    }
    while (i < end) {
      if (word("from") || word("for") || word("placing")) {
        continue;
      }
      n.hasColumn |= expr(s, w.equals("position") ? P_IN : 0).hasColumn;
      if (w.equals("position")) {
        word("in");
      } else if (!isWord("from") && !isWord("for") && !isWord("placing") && i < end) {
        comma();
      }
    }
    end = save;
    i = close + 1;
    return n;
  }

  /** A type name after {@code ::} or {@code AS} in CAST: words, modifiers, array brackets, qualification. */
  private void type() {
    if (i >= end || !Cursor.isIdent(t[i])) {
      throw notRead();
    }
    String first = lower(t[i]);
    i++;
    while (isPunct(".") && i + 1 < end && Cursor.isIdent(t[i + 1])) {
      i += 2;
    }
    switch (first) {
      case "double":
        expectWord("precision");
        break;
      case "character":
      case "char":
      case "national":
      case "bit":
        word("varying");
        if (first.equals("national")) {
          if (!word("character")) {
            expectWord("char");
          }
          word("varying");
        }
        break;
      case "timestamp":
      case "time":
        if (at(TokenKind.LPAREN)) {
          i = close(i) + 1;
        }
        if (word("with") || word("without")) {
          expectWord("time");
          expectWord("zone");
        }
        break;
      case "interval":
        while (i < end && t[i].isAny("year", "month", "day", "hour", "minute", "second", "to")) {
          i++;
        }
        break;
      default:
        break;
    }
    if (at(TokenKind.LPAREN)) {
      i = close(i) + 1;
    }
    while (isPunct("[")) {
      i++;
      if (at(TokenKind.NUMBER)) {
        i++;
      }
      if (!punct("]")) {
        throw notRead();
      }
    }
    if (isWord("array")) {
      throw notRead();
    }
  }

  // ------------------------------------------------------------ tokens

  /** Runs {@code r} over tokens {@code [from, to)}, which it must read to the end. */
  private void within(int from, int to, Runnable r) {
    int saveEnd = end;
    int saveI = i;
    end = to;
    i = from;
    r.run();
    if (i != end) {
      throw notRead();
    }
    end = saveEnd;
    i = saveI;
  }

  /** The index of the parenthesis closing the one at {@code open}. */
  private int close(int open) {
    int depth = 0;
    for (int k = open; k < end; k++) {
      TokenKind kind = t[k].kind();
      if (kind == TokenKind.LPAREN) {
        depth++;
      } else if (kind == TokenKind.RPAREN && --depth == 0) {
        return k;
      }
    }
    throw notRead();
  }

  /**
   * The first token from {@code i} at parenthesis depth 0 that is one of {@code stops} (for
   * {@code order}, {@code group}: followed by {@code by}; for {@code for}: a locking clause), or
   * the end.
   */
  private int scanTo(String... stops) {
    int depth = 0;
    for (int k = i; k < end; k++) {
      Token tok = t[k];
      TokenKind kind = tok.kind();
      if (kind == TokenKind.LPAREN) {
        depth++;
      } else if (kind == TokenKind.RPAREN) {
        if (--depth < 0) {
          throw notRead();
        }
      } else if (depth == 0 && kind == TokenKind.WORD) {
        for (String s : stops) {
          if (tok.is(s) && isStop(s, k)) {
            return k;
          }
        }
      }
    }
    return end;
  }

  private boolean isStop(String s, int k) {
    switch (s) {
      case "order":
      case "group":
        return k + 1 < end && t[k + 1].is("by");
      case "for":
        return k + 1 < end && t[k + 1].isAny("update", "share", "no", "key");
      case "left":
      case "right":
      case "full":
        return k + 1 < end && t[k + 1].isAny("join", "outer");
      case "inner":
      case "cross":
        return k + 1 < end && t[k + 1].is("join");
      case "on":
        return k + 1 < end && t[k + 1].is("conflict");
      case "set":
        return false;
      default:
        return true;
    }
  }

  /** Splits {@code [from, to)} at commas of depth 0 into {@code out}; an empty part is an error. */
  private void splitTopLevel(int from, int to, List<int[]> out) {
    int depth = 0;
    int start = from;
    for (int k = from; k < to; k++) {
      TokenKind kind = t[k].kind();
      if (kind == TokenKind.LPAREN) {
        depth++;
      } else if (kind == TokenKind.RPAREN) {
        depth--;
      } else if (kind == TokenKind.COMMA && depth == 0) {
        if (k == start) {
          throw notRead();
        }
        out.add(new int[] {start, k});
        start = k + 1;
      } else if (depth == 0 && kind == TokenKind.OPERATOR && t[k].text().equals("[")) {
        // commas inside ARRAY[...] at depth 0 of parentheses
        int d = 0;
        for (; k < to; k++) {
          if (t[k].isPunct("[")) {
            d++;
          } else if (t[k].isPunct("]") && --d == 0) {
            break;
          }
        }
      }
    }
    if (start >= to) {
      throw notRead();
    }
    out.add(new int[] {start, to});
  }

  private ObjectName name() {
    List<String> parts = new ArrayList<>(3);
    do {
      parts.add(identifier());
    } while (i + 1 < end && isPunct(".") && Cursor.isIdent(t[i + 1]) && punct("."));
    if (parts.size() > 3) {
      throw notRead();
    }
    return parts.size() == 1 ? ObjectName.of(parts.get(0))
        : ObjectName.of(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
  }

  private void aliasName() {
    if (i < end && (Cursor.isIdent(t[i]) || t[i].kind() == TokenKind.STRING)) {
      i++;
      return;
    }
    throw notRead();
  }

  private String identifier() {
    if (i >= end || !Cursor.isIdent(t[i])) {
      throw notRead();
    }
    return t[i++].identifier();
  }

  private static boolean isKeyword(Token k) {
    return k.kind() == TokenKind.WORD && KEYWORDS.contains(lower(k));
  }

  private static String lower(Token tok) {
    return tok.text().toLowerCase(Locale.ROOT);
  }

  private boolean at(TokenKind kind) {
    return i < end && t[i].kind() == kind;
  }

  private void expect(TokenKind kind) {
    if (!at(kind)) {
      throw notRead();
    }
    i++;
  }

  private boolean isWord(String w) {
    return i < end && t[i].is(w);
  }

  private boolean next(String w) {
    return i + 1 < end && t[i + 1].is(w);
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
      throw notRead();
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
}
