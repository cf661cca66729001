package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableRead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * JSqlParser where the token-level reading is not enough: the table list of a query whose FROM
 * clauses the token reader cannot follow, and DML statements the token reader rejects. JSqlParser
 * parses one statement at a time, on the calling thread (no executor, no timeout thread). Its
 * failure never makes a statement unrecognized by itself: the token-level result stands.
 */
final class JsqlQueryTables implements Dml.QueryTables {

  /** Statements longer than this are left to the token reader. */
  private static final int MAX_CHARS = 20_000;

  @Override
  public List<ObjectName> tables(Cursor c, Set<String> cteNames) {
    List<ObjectName> certain = Dml.tokenTables(c, cteNames, true);
    if (certain != null) {
      return certain;
    }
    Statement stmt = parse(c);
    if (stmt != null) {
      try {
        return resolveTables(new TablesNamesFinder<Void>().getTables(stmt), cteNames);
      } catch (RuntimeException e) {
        // fall through to the lenient token reading
      }
    }
    return Dml.tokenTables(c, cteNames, false);
  }

  /** A DML statement the token reader rejected, read from JSqlParser's tree; null if it cannot. */
  static Operation dml(Cursor c) {
    Statement stmt = parse(c);
    if (stmt == null) {
      return null;
    }
    try {
      List<TableRead> reads;
      try {
        reads = QueryReads.of(stmt, Set.of());
      } catch (RuntimeException e) {
        reads = null;
      }
      if (stmt instanceof Update u && u.getTable() != null) {
        List<String> cols = new ArrayList<>();
        for (UpdateSet set : u.getUpdateSets()) {
          for (Column col : set.getColumns()) {
            cols.add(ident(col.getColumnName()));
          }
        }
        Optional<Expr> where = u.getWhere() == null ? Optional.empty() : where(c);
        boolean batched = where.isPresent() && batched(c);
        ObjectName t = tableName(u.getTable());
        return new Operation.Update(c.span(c.pos, c.end), t, cols, where, batched,
            reads != null ? reads : List.of(TableRead.unknown(t)));
      }
      if (stmt instanceof Delete d && d.getTable() != null) {
        Optional<Expr> where = d.getWhere() == null ? Optional.empty() : where(c);
        boolean batched = where.isPresent() && batched(c);
        ObjectName t = tableName(d.getTable());
        return new Operation.Delete(c.span(c.pos, c.end), t, where, batched,
            reads != null ? reads : List.of(TableRead.unknown(t)));
      }
      if (stmt instanceof Insert i && i.getTable() != null) {
        boolean fromQuery = i.getSelect() != null && !(i.getSelect() instanceof Values);
        Operation.Insert.OnConflict onConflict = onConflict(i);
        return new Operation.Insert(c.span(c.pos, c.end), tableName(i.getTable()), fromQuery, onConflict,
            fromQuery && reads != null ? reads : List.of(), List.of(), List.of());
      }
      if (stmt instanceof Select) {
        List<ObjectName> tables = resolveTables(new TablesNamesFinder<Void>().getTables(stmt), Set.of());
        return new Operation.Query(c.span(c.pos, c.end), tables,
            reads != null ? reads : tables.stream().map(TableRead::unknown).toList());
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /** How a statement's text reads its tables (see {@link QueryReads}); null when JSqlParser cannot read it. */
  static List<TableRead> reads(String sql, Set<String> cteNames) {
    Statement stmt = parse(sql);
    if (stmt == null) {
      return null;
    }
    try {
      return QueryReads.of(stmt, cteNames);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Statement parse(Cursor c) {
    return parse(c.source(c.pos, c.end));
  }

  private static Statement parse(String sql) {
    if (sql.length() > MAX_CHARS) {
      return null;
    }
    // the same text is often parsed again: for its tables and for its reads, and in the
    // repeated up / down migrations of a history
    Map<String, Optional<Statement>> cache = RECENT.get();
    Optional<Statement> known = cache.get(sql);
    if (known == null) {
      known = Optional.ofNullable(parseText(sql));
      cache.put(sql, known);
    }
    return known.orElse(null);
  }

  /** The last statements parsed on this thread (their trees are only read, never changed). */
  private static final ThreadLocal<Map<String, Optional<Statement>>> RECENT = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Statement>> eldest) {
          return size() > 64;
        }
      });

  private static Statement parseText(String sql) {
    try {
      return CCJSqlParserUtil.newParser(sql).Statement();
    } catch (Exception | StackOverflowError | LinkageError e) {
      return null;
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      return null;
    }
  }

  /** The top-level WHERE condition in the tokens, up to RETURNING. */
  private static Optional<Expr> where(Cursor c) {
    int w = c.findTopLevel(c.pos, c.end, "where");
    if (w < 0 || w + 1 >= c.end) {
      return Optional.empty();
    }
    int r = c.findTopLevel(w + 1, c.end, "returning");
    int end = r < 0 ? c.end : r;
    return end > w + 1 ? Optional.of(Expressions.of(c, w + 1, end)) : Optional.empty();
  }

  private static boolean batched(Cursor c) {
    int w = c.findTopLevel(c.pos, c.end, "where");
    return w >= 0 && Dml.boundedWhere(c.toks, w + 1, c.end);
  }

  private static List<ObjectName> resolveTables(Set<String> names, Set<String> cteNames) {
    Set<ObjectName> out = new LinkedHashSet<>();
    for (String n : names) {
      ObjectName on = parseName(n);
      if (on != null && !(on.schema().isEmpty() && cteNames.contains(on.name()))) {
        out.add(on);
      }
    }
    return List.copyOf(out);
  }

  private static ObjectName tableName(Table t) {
    ObjectName n = parseName(t.getFullyQualifiedName());
    if (n == null) {
      throw new IllegalStateException("no table name");
    }
    return n;
  }

  static String ident(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code a.b}, {@code "A"."B"}, {@code db.a.b}: last two parts, case-resolved. */
  static ObjectName parseName(String s) {
    List<String> parts = new ArrayList<>(3);
    int i = 0;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (ch == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '"') {
            if (i + 1 < n && s.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(d);
          i++;
        }
        parts.add(sb.toString());
      } else {
        int j = s.indexOf('.', i);
        if (j < 0) {
          j = n;
        }
        parts.add(s.substring(i, j).trim().toLowerCase(Locale.ROOT));
        i = j;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
      }
    }
    if (parts.isEmpty() || parts.get(parts.size() - 1).isEmpty()) {
      return null;
    }
    if (parts.size() == 1) {
      return ObjectName.of(parts.get(0));
    }
    return ObjectName.of(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
  }

  private static Operation.Insert.OnConflict onConflict(Insert i) {
    InsertConflictTarget target = i.getConflictTarget();
    if (target != null && target.getConstraintName() != null) {
      return Operation.Insert.OnConflict.onConstraint(ident(target.getConstraintName()));
    }
    if (target != null) {
      return Operation.Insert.OnConflict.inferredTarget();
    }
    return i.getConflictAction() != null ? Operation.Insert.OnConflict.withoutTarget()
        : Operation.Insert.OnConflict.NONE;
  }
}
