package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a data type at the cursor into a {@link TypeRef} with PostgreSQL's canonical names. */
final class Types {
  private Types() {}

  private static final Map<String, String> CANONICAL = Map.ofEntries(
      Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("int4", "int4"),
      Map.entry("bigint", "int8"), Map.entry("int8", "int8"),
      Map.entry("smallint", "int2"), Map.entry("int2", "int2"),
      Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"),
      Map.entry("real", "float4"), Map.entry("float4", "float4"), Map.entry("float8", "float8"),
      Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
      Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
      Map.entry("char", "bpchar"), Map.entry("character", "bpchar"), Map.entry("nchar", "bpchar"),
      Map.entry("varchar", "varchar"), Map.entry("timestamptz", "timestamptz"), Map.entry("timetz", "timetz"),
      Map.entry("varbit", "varbit"));

  private static final String[] INTERVAL_FIELDS = {"year", "month", "day", "hour", "minute", "second", "to"};

  /** Parses a type starting at the cursor. */
  static TypeRef parse(Cursor c) {
    int start = c.pos;
    Token first = c.peek();
    if (first == null || !c.isIdent()) {
      throw c.failHere("type");
    }
    String schema = "";
    String name;
    List<Integer> mods = new ArrayList<>(2);
    if (first.kind() == TokenKind.WORD && !(c.peek(1) != null && c.peek(1).isPunct("."))) {
      String w = first.identifier();
      c.pos++;
      switch (w) {
        case "double":
          c.expect("precision");
          name = "float8";
          break;
        case "character":
        case "char":
        case "nchar":
          if (c.accept("varying")) {
            name = "varchar";
          } else {
            name = "bpchar";
          }
          break;
        case "national":
          c.acceptSeq("character");
          c.accept("char");
          name = c.accept("varying") ? "varchar" : "bpchar";
          break;
        case "bit":
          name = c.accept("varying") ? "varbit" : "bit";
          break;
        case "timestamp":
        case "time": {
          modifiers(c, mods);
          boolean tz = false;
          if (c.isSeq("with", "time", "zone")) {
            c.pos += 3;
            tz = true;
          } else if (c.isSeq("without", "time", "zone")) {
            c.pos += 3;
          }
          name = w.equals("timestamp") ? (tz ? "timestamptz" : "timestamp") : (tz ? "timetz" : "time");
          break;
        }
        case "interval":
          while (c.isAny(INTERVAL_FIELDS)) {
            c.pos++;
          }
          name = "interval";
          break;
        case "float": {
          modifiers(c, mods);
          name = !mods.isEmpty() && mods.get(0) <= 24 ? "float4" : "float8";
          mods.clear();
          break;
        }
        default:
          name = CANONICAL.getOrDefault(w, w);
          break;
      }
    } else {
      c.pos++;
      name = first.identifier();
      if (c.isPunct(".") && c.peek(1) != null && Cursor.isIdent(c.peek(1))) {
        c.pos++;
        schema = name;
        name = c.ident();
        if (c.isPunct(".") && c.peek(1) != null && Cursor.isIdent(c.peek(1))) {
          c.pos++;
          schema = name;
          name = c.ident();
        }
        if (schema.equals("pg_catalog")) {
          schema = "";
          name = CANONICAL.getOrDefault(name, name);
        }
      }
    }
    if (name.equals("interval")) {
      while (c.isAny(INTERVAL_FIELDS)) {
        c.pos++;
      }
    }
    modifiers(c, mods);
    if (name.equals("interval")) {
      while (c.isAny(INTERVAL_FIELDS)) {
        c.pos++;
      }
    }
    int dims = 0;
    while (true) {
      if (c.isPunct("[")) {
        c.pos++;
        if (c.isKind(TokenKind.NUMBER)) {
          c.pos++;
        }
        c.expectPunct("]");
        dims++;
      } else if (c.is("array")) {
        c.pos++;
        if (c.isPunct("[")) {
          c.pos++;
          if (c.isKind(TokenKind.NUMBER)) {
            c.pos++;
          }
          c.expectPunct("]");
        }
        dims++;
      } else {
        break;
      }
    }
    return new TypeRef(name, schema, mods, dims, c.source(start, c.pos));
  }

  /** Reads {@code (n [, m ...])} if present; non-numeric modifiers are skipped. */
  private static void modifiers(Cursor c, List<Integer> mods) {
    if (!c.isKind(TokenKind.LPAREN)) {
      return;
    }
    int close = c.afterGroup(c.pos);
    for (int i = c.pos + 1; i < close - 1; i++) {
      Token t = c.toks[i];
      if (t.kind() == TokenKind.NUMBER) {
        try {
          mods.add(Integer.parseInt(t.text()));
        } catch (NumberFormatException e) {
          // not an integer modifier
        }
      }
    }
    c.pos = close;
  }
}
