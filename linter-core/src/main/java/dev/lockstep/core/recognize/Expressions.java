package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds {@link Expr} values from token ranges: source text, volatility, constant flag. */
final class Expressions {
  private Expressions() {}

  private static final Map<String, Volatility> FUNCTIONS = new HashMap<>();

  private static void put(Volatility v, String... names) {
    for (String n : names) {
      FUNCTIONS.put(n, v);
    }
  }

  static {
    put(Volatility.VOLATILE,
        "random", "random_normal", "setseed", "gen_random_uuid", "gen_random_bytes", "gen_salt",
        "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
        "clock_timestamp", "timeofday", "nextval", "setval", "currval", "lastval",
        "txid_current", "txid_current_if_assigned", "pg_current_xact_id", "pg_current_xact_id_if_assigned",
        "pg_sleep", "pg_sleep_for", "pg_sleep_until", "set_config", "pg_notify",
        "pg_advisory_lock", "pg_advisory_xact_lock", "pg_try_advisory_lock", "pg_try_advisory_xact_lock",
        "pg_advisory_unlock", "pg_advisory_unlock_all", "pg_cancel_backend", "pg_terminate_backend",
        "dblink", "dblink_exec", "lo_import", "lo_export", "lo_create", "lo_unlink", "pg_read_file",
        "pg_stat_reset", "pg_reload_conf", "pg_switch_wal", "pg_create_restore_point");
    put(Volatility.STABLE,
        "now", "statement_timestamp", "transaction_timestamp", "current_setting", "to_char", "to_date",
        "to_timestamp", "age", "date_trunc", "date_part", "current_database", "current_schemas",
        "current_schema", "pg_backend_pid", "version", "has_table_privilege", "has_schema_privilege",
        "has_column_privilege", "has_function_privilege", "has_database_privilege", "pg_has_role",
        "concat", "concat_ws", "format", "json_build_object", "jsonb_build_object", "json_build_array",
        "jsonb_build_array", "to_json", "to_jsonb", "row_to_json", "array_to_json", "json_agg", "jsonb_agg",
        "json_object_agg", "jsonb_object_agg", "array_to_string", "string_to_array", "to_tsvector",
        "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "txid_current_snapshot",
        "pg_current_snapshot", "obj_description", "col_description", "pg_get_serial_sequence",
        "pg_table_size", "pg_relation_size", "pg_total_relation_size", "pg_indexes_size", "pg_get_indexdef",
        "pg_get_constraintdef", "pg_get_viewdef", "pg_get_functiondef", "to_regclass", "to_regtype",
        "localtimestamp", "localtime", "current_timestamp", "current_date", "current_time", "timezone",
        "jsonb_path_query", "jsonb_path_exists", "jsonb_path_match", "jsonb_path_query_array",
        "jsonb_path_query_first", "string_agg", "array_agg", "xmlagg", "jsonb_pretty", "quote_nullable",
        "quote_literal", "regexp_split_to_array", "inet_client_addr", "inet_server_addr");
    put(Volatility.IMMUTABLE,
        "lower", "upper", "initcap", "coalesce", "nullif", "greatest", "least", "length", "char_length",
        "character_length", "octet_length", "bit_length", "substring", "substr", "trim", "btrim", "ltrim",
        "rtrim", "replace", "translate", "md5", "sha224", "sha256", "sha384", "sha512", "abs", "round",
        "floor", "ceil", "ceiling", "trunc", "mod", "power", "sqrt", "exp", "ln", "log", "sign", "div",
        "left", "right", "lpad", "rpad", "repeat", "reverse", "position", "strpos", "split_part",
        "regexp_replace", "regexp_match", "regexp_matches", "regexp_like", "regexp_substr", "regexp_count",
        "starts_with", "encode", "decode", "convert_to", "convert_from", "chr", "ascii",
        "quote_ident", "array_length", "array_upper", "array_lower", "array_ndims", "array_dims",
        "cardinality", "array_append", "array_prepend", "array_cat", "array_remove", "array_replace",
        "array_position", "array_positions", "unnest", "array_fill", "jsonb_set", "jsonb_insert",
        "jsonb_set_lax", "jsonb_strip_nulls", "json_strip_nulls", "jsonb_extract_path",
        "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text", "jsonb_typeof",
        "json_typeof", "jsonb_array_length", "json_array_length", "jsonb_array_elements",
        "jsonb_array_elements_text", "json_array_elements", "json_array_elements_text", "jsonb_each",
        "jsonb_each_text", "json_each", "json_each_text", "jsonb_object_keys", "json_object_keys",
        "jsonb_build_object_immutable", "make_interval", "make_date", "make_time", "make_timestamp",
        "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "isempty",
        "lower_inc", "upper_inc", "lower_inf", "upper_inf", "range_merge", "uuid_nil", "uuid_ns_dns",
        "uuid_ns_url", "uuid_ns_oid", "uuid_ns_x500", "uuid_generate_v3", "uuid_generate_v5", "digest",
        "hmac", "crypt", "setweight", "strip", "numnode", "array_to_tsvector", "ts_rank", "ts_rank_cd",
        "count", "sum", "max", "min", "avg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
        "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "ntile",
        "width_bucket", "to_hex", "to_number", "gcd", "lcm", "factorial", "pi", "degrees", "radians",
        "host", "masklog", "family", "text", "int4", "int8", "float8", "numeric", "bool", "varchar",
        "extract", "overlay", "normalize", "unaccent", "jsonb_build_array_immutable", "row",
        "jsonb_object", "json_object", "array_sort", "array_reverse", "justify_interval",
        "justify_days", "justify_hours", "isfinite", "num_nulls", "num_nonnulls", "generate_series",
        "generate_subscripts", "uuid_extract_timestamp", "uuid_extract_version", "casefold");
  }

  /** Keywords that look like function calls when followed by {@code (} but are grammar. */
  private static final Set<String> NOT_FUNCTIONS = Set.of(
      "in", "exists", "any", "all", "some", "and", "or", "not", "array", "cast", "values", "as", "is",
      "then", "else", "when", "case", "on", "using", "from", "where", "select", "filter", "over", "within",
      "between", "like", "ilike", "similar", "distinct", "by", "with", "lateral", "join", "returning", "set",
      "into", "default", "check", "references", "key", "unique", "include", "partition", "only", "primary",
      "table", "interval", "treat", "group", "order", "having", "limit", "offset", "union", "intersect",
      "except", "escape", "collate", "at", "zone", "of", "do", "conflict", "update", "delete", "insert",
      "nulls", "asc", "desc", "row", "rows", "range", "groups", "nullif", "coalesce", "greatest", "least");

  /** Keywords that are values computed per statement. */
  private static final Set<String> STABLE_KEYWORDS = Set.of(
      "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "current_user",
      "session_user", "current_role", "current_schema", "current_catalog", "user", "system_user");

  static Volatility functionVolatility(String name) {
    Volatility v = FUNCTIONS.get(name);
    return v == null ? Volatility.UNKNOWN : v;
  }

  /** An expression over tokens {@code [from, to)} of {@code c}. */
  static Expr of(Cursor c, int from, int to) {
    if (to <= from) {
      throw Cursor.fail("expression expected");
    }
    return new Expr(c.source(from, to), c.span(from, to), volatility(c.toks, from, to), isConstant(c.toks, from, to));
  }

  static Volatility volatility(Token[] t, int from, int to) {
    Volatility v = Volatility.IMMUTABLE;
    for (int i = from; i < to; i++) {
      Token tok = t[i];
      TokenKind k = tok.kind();
      if (k == TokenKind.WORD || k == TokenKind.QUOTED_IDENT) {
        boolean call = i + 1 < to && t[i + 1].kind() == TokenKind.LPAREN;
        boolean afterCast = i > from && (t[i - 1].isPunct("::") || t[i - 1].is("as") && insideCast(t, from, i));
        if (k == TokenKind.WORD && !call) {
          String w = tok.text().toLowerCase(Locale.ROOT);
          if (STABLE_KEYWORDS.contains(w) && !(i > from && t[i - 1].isPunct("."))) {
            v = v.combine(Volatility.STABLE);
          } else if (w.equals("select")) {
            v = v.combine(Volatility.STABLE);
          }
          continue;
        }
        if (!call || afterCast) {
          continue;
        }
        String name = tok.identifier();
        if (k == TokenKind.WORD && NOT_FUNCTIONS.contains(name)) {
          continue;
        }
        if (i + 1 < to && isTypeWithModifier(name) && (i == from || !t[i - 1].isPunct("."))) {
          continue;
        }
        v = v.combine(functionVolatility(name));
        if (v == Volatility.VOLATILE) {
          return v;
        }
      }
    }
    return v;
  }

  private static boolean insideCast(Token[] t, int from, int i) {
    int depth = 0;
    for (int j = i - 1; j >= from; j--) {
      TokenKind k = t[j].kind();
      if (k == TokenKind.RPAREN) {
        depth++;
      } else if (k == TokenKind.LPAREN) {
        if (depth == 0) {
          return j > from && t[j - 1].isAny("cast", "treat");
        }
        depth--;
      }
    }
    return false;
  }

  private static boolean isTypeWithModifier(String name) {
    switch (name) {
      case "varchar":
      case "char":
      case "character":
      case "timestamp":
      case "timestamptz":
      case "time":
      case "timetz":
      case "decimal":
      case "bit":
      case "varbit":
        return true;
      default:
        return false;
    }
  }

  /** Literal, signed number, typed literal, {@code ARRAY[...]} of constants, each optionally cast. */
  static boolean isConstant(Token[] t, int from, int to) {
    int end = constantEnd(t, from, to);
    return end == to;
  }

  private static int constantEnd(Token[] t, int i, int to) {
    if (i >= to) {
      return -1;
    }
    int j = primaryConstantEnd(t, i, to);
    if (j < 0) {
      return -1;
    }
    while (j < to && t[j].isPunct("::")) {
      j = typeEnd(t, j + 1, to);
      if (j < 0) {
        return -1;
      }
    }
    return j;
  }

  private static int primaryConstantEnd(Token[] t, int i, int to) {
    Token a = t[i];
    switch (a.kind()) {
      case STRING:
      case DOLLAR_STRING:
      case NUMBER:
        return i + 1;
      case OPERATOR:
        if ((a.text().equals("-") || a.text().equals("+")) && i + 1 < to && t[i + 1].kind() == TokenKind.NUMBER) {
          return i + 2;
        }
        return -1;
      case LPAREN: {
        int depth = 0;
        int close = -1;
        for (int j = i; j < to; j++) {
          if (t[j].kind() == TokenKind.LPAREN) {
            depth++;
          } else if (t[j].kind() == TokenKind.RPAREN && --depth == 0) {
            close = j;
            break;
          }
        }
        if (close < 0) {
          return -1;
        }
        return constantEnd(t, i + 1, close) == close ? close + 1 : -1;
      }
      case WORD: {
        if (a.isAny("true", "false", "null")) {
          return i + 1;
        }
        if (a.is("array") && i + 1 < to && t[i + 1].isPunct("[")) {
          int j = i + 2;
          if (j < to && t[j].isPunct("]")) {
            return j + 1;
          }
          while (j < to) {
            j = constantEnd(t, j, to);
            if (j < 0 || j >= to) {
              return -1;
            }
            if (t[j].isPunct("]")) {
              return j + 1;
            }
            if (t[j].kind() != TokenKind.COMMA) {
              return -1;
            }
            j++;
          }
          return -1;
        }
        if (a.is("cast") && i + 1 < to && t[i + 1].kind() == TokenKind.LPAREN) {
          int j = constantEnd(t, i + 2, to);
          if (j < 0 || j >= to || !t[j].is("as")) {
            return -1;
          }
          j = typeEnd(t, j + 1, to);
          return j >= 0 && j < to && t[j].kind() == TokenKind.RPAREN ? j + 1 : -1;
        }
        int j = typeEnd(t, i, to);
        if (j > i && j < to && t[j].kind() == TokenKind.STRING) {
          return j + 1;
        }
        return -1;
      }
      default:
        return -1;
    }
  }

  /** End of a type name starting at {@code i} (words, dots, quoted names, modifiers, array brackets). */
  static int typeEnd(Token[] t, int i, int to) {
    int j = i;
    if (j >= to || !(t[j].kind() == TokenKind.WORD || t[j].kind() == TokenKind.QUOTED_IDENT)) {
      return -1;
    }
    j++;
    while (j < to) {
      Token x = t[j];
      if (x.isPunct(".") && j + 1 < to && Cursor.isIdent(t[j + 1])) {
        j += 2;
      } else if (x.kind() == TokenKind.WORD && x.isAny("varying", "precision", "with", "without", "time", "zone")) {
        j++;
      } else if (x.kind() == TokenKind.LPAREN) {
        int k = j + 1;
        while (k < to && t[k].kind() != TokenKind.RPAREN) {
          k++;
        }
        if (k >= to) {
          return -1;
        }
        j = k + 1;
      } else if (x.isPunct("[")) {
        int k = j + 1;
        if (k < to && t[k].kind() == TokenKind.NUMBER) {
          k++;
        }
        if (k >= to || !t[k].isPunct("]")) {
          return -1;
        }
        j = k + 1;
      } else {
        break;
      }
    }
    return j;
  }
}
