package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableRead.Match;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * The tables a statement reads, per query block, with the conditions that restrict each (see
 * {@link TableRead}), read from JSqlParser's tree. Subqueries (in FROM, in conditions, in the
 * select list) are blocks of their own; names of {@code WITH} queries are not tables.
 */
final class QueryReads {
  private final List<TableRead> out = new ArrayList<>();
  private final Set<String> cteNames = new HashSet<>();

  private QueryReads(Set<String> cteNames) {
    this.cteNames.addAll(cteNames);
  }

  /** The reads of a SELECT, UPDATE, DELETE or INSERT statement; null when it is none of those. */
  static List<TableRead> of(Statement stmt, Set<String> cteNames) {
    QueryReads r = new QueryReads(cteNames);
    if (stmt instanceof Select s) {
      r.select(s);
    } else if (stmt instanceof Update u) {
      r.update(u);
    } else if (stmt instanceof Delete d) {
      r.delete(d);
    } else if (stmt instanceof Insert i) {
      r.insert(i);
    } else {
      return null;
    }
    return List.copyOf(r.out);
  }

  // ------------------------------------------------------------ statements

  private void with(List<WithItem<?>> items) {
    if (items == null) {
      return;
    }
    for (WithItem<?> w : items) {
      if (w.getAliasName() != null) {
        cteNames.add(JsqlQueryTables.ident(w.getAliasName()));
      }
    }
    for (WithItem<?> w : items) {
      if (w.getSelect() != null) {
        select(w.getSelect());
      }
    }
  }

  private void select(Select s) {
    if (s == null) {
      return;
    }
    with(s.getWithItemsList());
    if (s instanceof PlainSelect p) {
      plain(p);
    } else if (s instanceof SetOperationList l) {
      for (Select part : l.getSelects()) {
        select(part);
      }
    } else if (s instanceof ParenthesedSelect ps) {
      select(ps.getSelect());
    }
  }

  private void plain(PlainSelect p) {
    Block b = new Block();
    b.orderedLimit = (p.getLimit() != null || p.getFetch() != null) && p.getOrderByElements() != null
        && !p.getOrderByElements().isEmpty();
    from(b, p.getFromItem(), false);
    joins(b, p.getJoins());
    if (p.getSelectItems() != null) {
      for (SelectItem<?> item : p.getSelectItems()) {
        Expression e = item.getExpression();
        if (e instanceof AllTableColumns at) {
          b.star(at.getTable());
        } else if (e instanceof AllColumns) {
          b.starAll();
        } else {
          b.mention(e);
        }
      }
    }
    b.where(p.getWhere());
    b.mention(p.getHaving());
    if (p.getGroupBy() != null && p.getGroupBy().getGroupByExpressionList() != null) {
      b.mention(p.getGroupBy().getGroupByExpressionList());
    }
    if (p.getOrderByElements() != null) {
      p.getOrderByElements().forEach(o -> b.mention(o.getExpression()));
    }
    b.emit();
  }

  private void update(Update u) {
    with(u.getWithItemsList());
    Block b = new Block();
    b.add(u.getTable(), false);
    if (u.getStartJoins() != null) {
      joins(b, u.getStartJoins());
    }
    from(b, u.getFromItem(), false);
    joins(b, u.getJoins());
    if (u.getUpdateSets() != null) {
      for (UpdateSet set : u.getUpdateSets()) {
        set.getColumns().forEach(b::mention);
        b.mention(set.getValues());
      }
    }
    b.where(u.getWhere());
    b.emit();
  }

  private void delete(Delete d) {
    with(d.getWithItemsList());
    Block b = new Block();
    b.add(d.getTable(), false);
    if (d.getUsingList() != null) {
      d.getUsingList().forEach(t -> b.add(t, false));
    }
    joins(b, d.getJoins());
    b.where(d.getWhere());
    b.emit();
  }

  private void insert(Insert i) {
    with(i.getWithItemsList());
    Select s = i.getSelect();
    if (s != null && !(s instanceof net.sf.jsqlparser.statement.select.Values)) {
      select(s);
    }
  }

  // ------------------------------------------------------------ FROM

  private void from(Block b, FromItem item, boolean preserved) {
    if (item == null) {
      return;
    }
    if (item instanceof Table t) {
      b.add(t, preserved);
    } else if (item instanceof ParenthesedFromItem pf) {
      from(b, pf.getFromItem(), preserved);
      joins(b, pf.getJoins());
    } else if (item instanceof ParenthesedSelect ps) {
      // a subquery in FROM is a block of its own; its alias names no table of this block
      select(ps.getSelect() == null ? ps : ps.getSelect());
    }
  }

  private void joins(Block b, List<Join> joins) {
    if (joins == null) {
      return;
    }
    for (Join j : joins) {
      if (j.isLeft() || j.isFull()) {
        b.preserveAll();
      }
      from(b, j.getRightItem(), j.isRight() || j.isFull());
      if (j.getOnExpressions() != null) {
        for (Expression on : j.getOnExpressions()) {
          b.where(on);
        }
      }
      if (j.getUsingColumns() != null) {
        for (Column c : j.getUsingColumns()) {
          b.joinOnAll(JsqlQueryTables.ident(c.getColumnName()));
        }
      }
    }
  }

  // ------------------------------------------------------------ one query block

  /** A query block being read: its tables (see {@link ReadBlock}) and how this reader feeds them. */
  private final class Block {
    final ReadBlock tables = new ReadBlock();
    boolean orderedLimit;

    void add(Table t, boolean preserved) {
      if (t == null) {
        return;
      }
      ObjectName n = JsqlQueryTables.parseName(t.getFullyQualifiedName());
      if (n == null) {
        return;
      }
      String alias = t.getAlias() == null ? null : JsqlQueryTables.ident(t.getAlias().getName());
      tables.add(n, alias, preserved, cteNames);
    }

    void preserveAll() {
      tables.preserveAll();
    }

    void star(Table qualifier) {
      tables.star(qualifier == null ? null : JsqlQueryTables.ident(qualifier.getName()));
    }

    void starAll() {
      tables.star(null);
    }

    void joinOnAll(String column) {
      tables.joinOnAll(column);
    }

    /** Columns and subqueries anywhere in {@code e}: columns are mentioned, subqueries become blocks. */
    void mention(Expression e) {
      if (e == null) {
        return;
      }
      List<Select> subqueries = new ArrayList<>();
      List<Column> cols = new ArrayList<>();
      walk(e, cols, subqueries);
      for (Column c : cols) {
        tables.mention(ref(c));
      }
      subqueries.forEach(QueryReads.this::select);
    }

    void where(Expression e) {
      if (e == null) {
        return;
      }
      mention(e);
      List<Expression> conjuncts = new ArrayList<>();
      flatten(e, conjuncts);
      for (Expression c : conjuncts) {
        condition(tables, c);
      }
    }

    void emit() {
      tables.orderedLimit(orderedLimit);
      tables.emit(out);
    }
  }

  private static ReadBlock.Ref ref(Column c) {
    Table t = c.getTable();
    String q = t == null || t.getName() == null ? null : JsqlQueryTables.ident(t.getName());
    return new ReadBlock.Ref(q, JsqlQueryTables.ident(c.getColumnName()));
  }

  /** One conjunct of a condition, told to {@code block}. */
  private static void condition(ReadBlock block, Expression c) {
    if (c instanceof OrExpression) {
      List<Expression> branches = new ArrayList<>();
      flattenOr(c, branches);
      block.or(branches, (probe, branch) -> {
        List<Expression> conjuncts = new ArrayList<>();
        flatten(branch, conjuncts);
        for (Expression k : conjuncts) {
          if (!(k instanceof OrExpression)) {
            condition(probe, k);
          }
        }
      });
      return;
    }
    Expression left = null;
    Expression right = null;
    Match match;
    if (c instanceof EqualsTo eq) {
      left = eq.getLeftExpression();
      right = eq.getRightExpression();
      match = Match.EQUALS_CONSTANT;
    } else if (c instanceof GreaterThan || c instanceof GreaterThanEquals || c instanceof MinorThan
        || c instanceof MinorThanEquals) {
      net.sf.jsqlparser.expression.BinaryExpression be = (net.sf.jsqlparser.expression.BinaryExpression) c;
      left = be.getLeftExpression();
      right = be.getRightExpression();
      match = Match.OTHER_CONSTANT;
    } else if (c instanceof LikeExpression like && !like.isNot()) {
      left = like.getLeftExpression();
      right = like.getRightExpression();
      match = Match.OTHER_CONSTANT;
    } else if (c instanceof InExpression in && !in.isNot()) {
      left = in.getLeftExpression();
      right = in.getRightExpression();
      match = right instanceof ExpressionList<?> && !(right instanceof ParenthesedExpressionList<?> p && p.size() == 1
          && p.get(0) instanceof Select) && !(right instanceof Select) ? Match.EQUALS_CONSTANT : Match.OTHER_CONSTANT;
    } else if (c instanceof IsNullExpression isNull && !isNull.isNot()) {
      left = isNull.getLeftExpression();
      match = Match.OTHER_CONSTANT;
    } else if (c instanceof Between between && !between.isNot()) {
      left = between.getLeftExpression();
      match = Match.OTHER_CONSTANT;
    } else {
      return;
    }
    Column lc = column(left);
    Column rc = column(right);
    block.compare(match, lc == null ? null : ref(lc), rc == null ? null : ref(rc), mentionsColumn(left),
        mentionsColumn(right));
  }

  // ------------------------------------------------------------ expressions

  private static void flatten(Expression e, List<Expression> out) {
    Expression x = unwrap(e);
    if (x instanceof AndExpression a) {
      flatten(a.getLeftExpression(), out);
      flatten(a.getRightExpression(), out);
    } else {
      out.add(x);
    }
  }

  private static void flattenOr(Expression e, List<Expression> out) {
    Expression x = unwrap(e);
    if (x instanceof OrExpression o) {
      flattenOr(o.getLeftExpression(), out);
      flattenOr(o.getRightExpression(), out);
    } else {
      out.add(x);
    }
  }

  private static Expression unwrap(Expression e) {
    Expression x = e;
    while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1 && !(p.get(0) instanceof Select)) {
      x = p.get(0);
    }
    return x;
  }

  /** The column {@code e} is, possibly under casts; null when it is something else. */
  private static Column column(Expression e) {
    Expression x = e == null ? null : unwrap(e);
    while (x instanceof net.sf.jsqlparser.expression.CastExpression cast) {
      x = unwrap(cast.getLeftExpression());
    }
    return x instanceof Column c && c.getColumnName() != null && !isKeyword(c.getColumnName()) ? c : null;
  }

  /** Unquoted words JSqlParser reads as columns that are constants or functions without parentheses in PostgreSQL. */
  static boolean isKeyword(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "false":
      case "null":
      case "current_date":
      case "current_time":
      case "current_timestamp":
      case "current_user":
      case "current_role":
      case "current_catalog":
      case "current_schema":
      case "localtime":
      case "localtimestamp":
      case "session_user":
      case "user":
        return true;
      default:
        return false;
    }
  }

  private static boolean mentionsColumn(Expression e) {
    if (e == null) {
      return false;
    }
    List<Column> cols = new ArrayList<>();
    List<Select> subs = new ArrayList<>();
    walk(e, cols, subs);
    return cols.stream().anyMatch(c -> !isKeyword(c.getColumnName()));
  }

  /** Collects the columns of {@code e} (outside subqueries) and its subqueries. */
  private static void walk(Expression e, List<Column> cols, List<Select> subqueries) {
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        if (!isKeyword(column.getColumnName())) {
          cols.add(column);
        }
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        subqueries.add(select);
        return null;
      }

      @Override
      public <S> Void visit(Select select, S context) {
        subqueries.add(select);
        return null;
      }
    }, null);
  }
}
