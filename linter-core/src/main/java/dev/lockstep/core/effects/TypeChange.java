package dev.lockstep.core.effects;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites the table, following PostgreSQL's rules: a change
 * the server can prove binary-coercible (a relabel, or a length/precision coercion its support
 * function turns into a no-op) keeps the table; anything else, including a {@code USING}
 * expression other than the column itself, rewrites it and rebuilds its indexes.
 */
final class TypeChange {
  /** The classification and why. */
  record Result(PgEffectKey key, List<String> notes) {}

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
      Map.entry("bigint", "int8"), Map.entry("serial", "int4"), Map.entry("bigserial", "int8"),
      Map.entry("smallserial", "int2"), Map.entry("serial4", "int4"), Map.entry("serial8", "int8"),
      Map.entry("serial2", "int2"),
      Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
      Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
      Map.entry("decimal", "numeric"), Map.entry("real", "float4"), Map.entry("double precision", "float8"),
      Map.entry("float", "float8"), Map.entry("boolean", "bool"),
      Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
      Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
      Map.entry("bit varying", "varbit"));

  private static final Set<String> TEMPORAL = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");
  private static final int MAX_TEMPORAL_PRECISION = 6;

  /** Conversions that rewrite but cannot fail for any existing value. */
  private static final Map<String, Set<String>> SAFE = Map.of(
      "int2", Set.of("int4", "int8", "numeric", "float4", "float8"),
      "int4", Set.of("int8", "numeric", "float8"),
      "int8", Set.of("numeric"),
      "float4", Set.of("float8"),
      "date", Set.of("timestamp", "timestamptz"),
      "timestamp", Set.of("timestamptz"),
      "timestamptz", Set.of("timestamp"),
      "bpchar", Set.of("varchar", "text"),
      "json", Set.of("text"),
      "uuid", Set.of("text", "varchar"));

  private TypeChange() {}

  static String canonicalName(TypeRef t) {
    String n = t.name().toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    return ALIASES.getOrDefault(n, n);
  }

  static Result classify(Column column, TypeRef to, Optional<Expr> using, Catalog catalog) {
    return classify(column, to, using, Optional.empty(), catalog);
  }

  /**
   * As {@link #classify(Column, TypeRef, Optional, Catalog)} with the {@code COLLATE} of the
   * statement: a change without a rewrite that changes the column's collation rebuilds the indexes
   * on the column, whose order depends on it.
   */
  static Result classify(Column column, TypeRef to, Optional<Expr> using, Optional<String> collate,
      Catalog catalog) {
    Result r = classifyType(column, to, using, catalog);
    Optional<String> after = Column.collationOf(collate);
    if (r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE && !after.equals(column.collation())) {
      List<String> notes = new ArrayList<>(r.notes());
      notes.add("The collation changes from " + column.collation().orElse("the default") + " to "
          + after.orElse("the default") + ": the indexes on the column are rebuilt.");
      return new Result(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX, notes);
    }
    return r;
  }

  private static Result classifyType(Column column, TypeRef to, Optional<Expr> using, Catalog catalog) {
    TypeRef from = column.type();
    String f = canonicalName(from);
    String t = canonicalName(to);
    List<String> notes = new ArrayList<>();
    boolean identityUsing = using.isEmpty() || isIdentityUsing(using.get().text(), column.name(), to, t);
    boolean fromEnum = catalog.enumType(new ObjectName(from.schema(), from.name())).isPresent();
    if (!identityUsing) {
      notes.add("USING " + using.get().text() + " is not the column itself: the table is rewritten.");
      return new Result(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, notes);
    }
    if (from.arrayDims() != to.arrayDims()) {
      return new Result(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, notes);
    }
    if (f.equals(t) && from.modifiers().equals(to.modifiers()) && sameSchema(from, to)) {
      notes.add("Same type: nothing to convert.");
      return new Result(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, notes);
    }
    if (from.arrayDims() == 0 && to.arrayDims() == 0 && relabelWithNewOpclass(f, t, to.modifiers())) {
      return new Result(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX, notes);
    }
    if (from.arrayDims() == 0 && binaryCoercible(f, from.modifiers(), t, to.modifiers())) {
      return new Result(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, notes);
    }
    if (from.arrayDims() == 0 && isTimestampPair(f, t)) {
      if (to.modifiers().isEmpty() || to.modifiers().get(0) >= MAX_TEMPORAL_PRECISION) {
        return new Result(PgEffectKey.ALTER_TYPE_TIMESTAMPTZ, notes);
      }
      notes.add("The precision modifier (" + to.display() + ") makes this a rewrite even when the session TimeZone "
          + "is UTC (observed on 15.18).");
      return new Result(PgEffectKey.ALTER_TYPE_REWRITE, notes);
    }
    if (fromEnum) {
      notes.add("Converting enum " + from.display() + " rewrites the table.");
    }
    if (from.arrayDims() == 0 && safe(f, from.modifiers(), t, to.modifiers())) {
      return new Result(PgEffectKey.ALTER_TYPE_REWRITE, notes);
    }
    return new Result(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, notes);
  }

  private static boolean sameSchema(TypeRef a, TypeRef b) {
    return a.schema().isEmpty() || b.schema().isEmpty() || a.schema().equals(b.schema());
  }

  private static boolean isTimestampPair(String f, String t) {
    return (f.equals("timestamp") && t.equals("timestamptz")) || (f.equals("timestamptz") && t.equals("timestamp"));
  }

  /** The changes PostgreSQL performs without touching the rows (relabel or no-op length coercion). */
  static boolean binaryCoercible(String f, List<Integer> fm, String t, List<Integer> tm) {
    if (f.equals(t)) {
      switch (f) {
        case "varchar", "varbit" -> {
          return tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0));
        }
        case "numeric" -> {
          if (tm.isEmpty()) {
            return true;
          }
          if (fm.isEmpty()) {
            return false;
          }
          int fp = fm.get(0);
          int fs = fm.size() > 1 ? fm.get(1) : 0;
          int tp = tm.get(0);
          int ts = tm.size() > 1 ? tm.get(1) : 0;
          return fs == ts && tp >= fp;
        }
        default -> {
          if (TEMPORAL.contains(f)) {
            if (tm.isEmpty() || tm.get(0) == MAX_TEMPORAL_PRECISION) {
              return true;
            }
            return !fm.isEmpty() && tm.get(0) >= fm.get(0);
          }
          return fm.equals(tm);
        }
      }
    }
    if (f.equals("varchar") && t.equals("text")) {
      return true;
    }
    if (f.equals("text") && t.equals("varchar")) {
      return tm.isEmpty();
    }
    return f.equals("cidr") && t.equals("inet");
  }

  /** Binary-coercible casts (the citext extension's) whose indexes need another operator class. */
  private static boolean relabelWithNewOpclass(String f, String t, List<Integer> tm) {
    if (t.equals("citext")) {
      return f.equals("text") || f.equals("varchar");
    }
    if (f.equals("citext")) {
      return t.equals("text") || (t.equals("varchar") && tm.isEmpty());
    }
    return false;
  }

  /** Rewrites that no existing value can make fail. */
  private static boolean safe(String f, List<Integer> fm, String t, List<Integer> tm) {
    if (t.equals("text")) {
      return true;
    }
    if (t.equals("varchar") && tm.isEmpty()) {
      return true;
    }
    if (f.equals("bpchar") && t.equals("varchar")) {
      return !fm.isEmpty() && tm.get(0) >= fm.get(0);
    }
    if (f.equals("numeric") && t.equals("numeric") && !fm.isEmpty() && !tm.isEmpty()) {
      // the value is rounded to the new scale; only fewer digits before the point can overflow
      int fromDigits = fm.get(0) - (fm.size() > 1 ? fm.get(1) : 0);
      int toDigits = tm.get(0) - (tm.size() > 1 ? tm.get(1) : 0);
      return toDigits >= fromDigits;
    }
    if (f.equals(t) && TEMPORAL.contains(f) && !f.equals("interval")) {
      return true;
    }
    if ((f.equals("timestamp") || f.equals("timestamptz")) && t.equals("date")) {
      return true;
    }
    if (t.equals("numeric") && !tm.isEmpty()) {
      int digitsBeforePoint = tm.get(0) - (tm.size() > 1 ? tm.get(1) : 0);
      return switch (f) {
        case "int2" -> digitsBeforePoint >= 5;
        case "int4" -> digitsBeforePoint >= 10;
        case "int8" -> digitsBeforePoint >= 19;
        default -> false;
      };
    }
    return SAFE.getOrDefault(f, Set.of()).contains(t) && (tm.isEmpty() || TEMPORAL.contains(t));
  }

  /** {@code col}, {@code "col"}, {@code col::<new type>} or {@code CAST(col AS <new type>)}: the default conversion. */
  static boolean isIdentityUsing(String using, String column, TypeRef to, String canonicalTo) {
    String u = strip(using);
    if (isColumn(u, column)) {
      return true;
    }
    String lower = u.toLowerCase(Locale.ROOT);
    int cast = u.indexOf("::");
    if (cast > 0 && u.indexOf("::", cast + 2) < 0) {
      return isColumn(strip(u.substring(0, cast)), column) && sameTypeText(u.substring(cast + 2), to, canonicalTo);
    }
    if (lower.startsWith("cast") && u.endsWith(")")) {
      String inner = u.substring(4).trim();
      if (inner.startsWith("(")) {
        inner = inner.substring(1, inner.length() - 1);
        int as = inner.toLowerCase(Locale.ROOT).lastIndexOf(" as ");
        if (as > 0) {
          return isColumn(strip(inner.substring(0, as)), column)
              && sameTypeText(inner.substring(as + 4), to, canonicalTo);
        }
      }
    }
    return false;
  }

  private static String strip(String s) {
    String t = s.trim();
    while (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
      t = t.substring(1, t.length() - 1).trim();
    }
    return t;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  private static boolean isColumn(String text, String column) {
    if (text.equals("\"" + column.replace("\"", "\"\"") + "\"")) {
      return true;
    }
    return column.equals(column.toLowerCase(Locale.ROOT)) && text.toLowerCase(Locale.ROOT).equals(column);
  }

  private static boolean sameTypeText(String typeText, TypeRef to, String canonicalTo) {
    String norm = normalizeTypeText(typeText);
    if (norm.equals(normalizeTypeText(to.text())) || norm.equals(normalizeTypeText(to.display()))) {
      return true;
    }
    String base = norm.replaceAll("\\(.*", "").replace("[]", "");
    String mods = norm.contains("(") ? norm.substring(norm.indexOf('(')).replace("[]", "") : "";
    String toMods = to.modifiers().isEmpty() ? ""
        : "(" + String.join(",", to.modifiers().stream().map(String::valueOf).toList()) + ")";
    String canonicalBase = ALIASES.getOrDefault(base, base);
    int dims = (norm.length() - norm.replace("[]", "").length()) / 2;
    return canonicalBase.equals(canonicalTo) && mods.equals(toMods) && dims == to.arrayDims();
  }

  private static String normalizeTypeText(String s) {
    return s.trim().toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s*([(),\\[\\]])\\s*", "$1")
        .replaceAll("\\s+", " ");
  }
}
