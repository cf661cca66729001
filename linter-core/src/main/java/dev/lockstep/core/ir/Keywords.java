package dev.lockstep.core.ir;

import java.util.Locale;
import java.util.Set;

/** PostgreSQL reserved key words (those that cannot be used as unquoted column or table names). */
public final class Keywords {
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
      "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
      "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
      "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
      "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
      "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
      "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
      "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
      "variadic", "when", "where", "window", "with", "authorization", "binary", "collation",
      "concurrently", "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull",
      "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
      "tablesample", "verbose");

  private Keywords() {}

  public static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }
}
