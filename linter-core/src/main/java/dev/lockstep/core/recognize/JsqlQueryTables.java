package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.source.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The tables a query reads, from JSqlParser's parse of the one statement. The parser runs on the
 * calling thread (no executor, no timeout thread). When JSqlParser cannot parse the statement the
 * token-level reading is used instead.
 */
final class JsqlQueryTables implements Dml.QueryTables {

  /** Statements longer than this are read at token level only. */
  private static final int MAX_CHARS = 20_000;

  @Override
  public List<ObjectName> tables(Cursor c, Set<String> cteNames) {
    if (!mentionsTables(c)) {
      return List.of();
    }
    String sql = c.source(0, c.end);
    if (sql.length() <= MAX_CHARS) {
      try {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
        Statement stmt = parser.Statement();
        Set<String> names = new TablesNamesFinder<Void>().getTables(stmt);
        Set<ObjectName> out = new LinkedHashSet<>();
        for (String n : names) {
          ObjectName on = parseName(n);
          if (on != null && !(on.schema().isEmpty() && cteNames.contains(on.name()))) {
            out.add(on);
          }
        }
        return List.copyOf(out);
      } catch (Exception | Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw (VirtualMachineError) e;
        }
        // fall back to the token-level reading
      }
    }
    return Dml.tokenTables(c, cteNames);
  }

  private static boolean mentionsTables(Cursor c) {
    for (int i = c.pos; i < c.end; i++) {
      Token t = c.toks[i];
      if (t.is("from") || t.is("join") || t.is("table")) {
        return true;
      }
    }
    return false;
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
}
