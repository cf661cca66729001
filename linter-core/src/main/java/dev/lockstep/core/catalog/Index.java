package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;
import java.util.List;
import java.util.Optional;

/**
 * An index.
 *
 * @param valid false for an index that a failed concurrent build would leave behind (never set by replay today)
 * @param constraint the name of the constraint it backs, or empty
 * @param method the access method ({@code btree}, {@code gin}, ...), or empty when not known
 * @param elements the source text of each index element (a column or an expression, with its
 *     opclass and ordering), as written in {@code CREATE INDEX}; empty when not known
 * @param predicate the {@code WHERE} of a partial index
 * @param options its {@code INCLUDE}, {@code NULLS [NOT] DISTINCT}, {@code WITH} and {@code TABLESPACE}
 *     clauses as written (see {@link dev.lockstep.core.ir.Operation.CreateIndex#options}); empty when none
 */
public record Index(ObjectName name, ObjectName table, boolean unique, List<String> columns, boolean valid,
    String constraint, Origin origin, String method, List<String> elements, Optional<String> predicate,
    String options) {
  public Index {
    columns = List.copyOf(columns);
    elements = List.copyOf(elements);
  }

  /** An index without INCLUDE, NULLS, WITH or TABLESPACE clauses. */
  public Index(ObjectName name, ObjectName table, boolean unique, List<String> columns, boolean valid,
      String constraint, Origin origin, String method, List<String> elements, Optional<String> predicate) {
    this(name, table, unique, columns, valid, constraint, origin, method, elements, predicate, "");
  }

  /** An index whose definition beyond its columns is not known. */
  public Index(ObjectName name, ObjectName table, boolean unique, List<String> columns, boolean valid,
      String constraint, Origin origin) {
    this(name, table, unique, columns, valid, constraint, origin, "", List.of(), Optional.empty(), "");
  }

  private static final java.util.regex.Pattern INCLUDE = java.util.regex.Pattern.compile(
      "(?i)\\bINCLUDE\\s*\\(([^()]*)\\)");

  /** The column list of the {@code INCLUDE (...)} clause among {@code options}; empty when none. */
  public static String include(String options) {
    java.util.regex.Matcher m = INCLUDE.matcher(options);
    return m.find() ? m.group(1) : "";
  }

  /** {@code options} with the column list of their {@code INCLUDE (...)} clause replaced. */
  public static String withInclude(String options, String columns) {
    java.util.regex.Matcher m = INCLUDE.matcher(options);
    return m.find() ? options.substring(0, m.start(1)) + columns + options.substring(m.end(1)) : options;
  }

  /** The same index under another name, on another table, backing another constraint. */
  public Index moved(ObjectName newName, ObjectName newTable, String newConstraint) {
    return new Index(newName, newTable, unique, columns, valid, newConstraint, origin, method, elements, predicate,
        options);
  }
}
