package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers for recognizer tests. */
final class R {
  static final Recognizer RECOGNIZER = new Recognizer();

  private R() {}

  /** All operations of all statements of {@code sql}. */
  static List<Operation> ops(String sql) {
    List<Operation> out = new ArrayList<>();
    for (SqlStatement s : Splitter.split(sql, Dialect.POSTGRESQL).statements()) {
      List<Operation> ops = RECOGNIZER.recognize(s, sql, Dialect.POSTGRESQL);
      assertTrue(!ops.isEmpty(), "no operation");
      out.addAll(ops);
    }
    return out;
  }

  /** The one operation of {@code sql}, which must be of {@code type}. */
  static <T extends Operation> T op(String sql, Class<T> type) {
    List<Operation> ops = ops(sql);
    assertEquals(1, ops.size(), () -> "operations: " + ops);
    assertTrue(type.isInstance(ops.get(0)), () -> "expected " + type.getSimpleName() + " but got " + ops.get(0));
    return type.cast(ops.get(0));
  }

  /** The span of the first occurrence of {@code part} in {@code text}. */
  static Span span(String text, String part) {
    int i = text.indexOf(part);
    assertTrue(i >= 0, () -> "'" + part + "' not in text");
    return new Span(i, i + part.length());
  }

  /** The span of the {@code n}-th (0-based) occurrence of {@code part}. */
  static Span span(String text, String part, int n) {
    int i = -1;
    for (int k = 0; k <= n; k++) {
      i = text.indexOf(part, i + 1);
      assertTrue(i >= 0, () -> "'" + part + "' not in text");
    }
    return new Span(i, i + part.length());
  }

  static ObjectName name(String n) {
    return ObjectName.of(n);
  }

  static ObjectName name(String schema, String n) {
    return ObjectName.of(schema, n);
  }

  static TypeRef type(String name, String text, Integer... mods) {
    return new TypeRef(name, "", List.of(mods), 0, text);
  }

  static Expr expr(String text, String part, Volatility v, boolean constant) {
    return new Expr(part, span(text, part), v, constant);
  }

  static ColumnDef column(String text, String def, String name, TypeRef type, boolean notNull,
      Optional<Expr> dflt, List<ConstraintDef> constraints) {
    return new ColumnDef(name, type, notNull, dflt, ColumnDef.Generated.NONE, ColumnDef.Identity.NONE,
        constraints, Optional.empty(), span(text, def));
  }

  static ConstraintDef constraint(String text, String clause, String name, ConstraintKind kind, List<String> cols) {
    return new ConstraintDef(Optional.ofNullable(name), kind, cols, Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), false, Optional.empty(), span(text, clause));
  }
}
