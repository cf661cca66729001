package dev.lockstep.core.ir;

/**
 * A possibly schema-qualified object name, case already resolved (unquoted identifiers are folded
 * to lower case by the recognizer; quoted ones keep their case). {@code schema} is empty when the
 * name was not qualified.
 */
public record ObjectName(String schema, String name) implements Comparable<ObjectName> {
  public ObjectName {
    if (schema == null || name == null) {
      throw new IllegalArgumentException("null name part");
    }
  }

  public static ObjectName of(String name) {
    return new ObjectName("", name);
  }

  public static ObjectName of(String schema, String name) {
    return new ObjectName(schema, name);
  }

  public boolean qualified() {
    return !schema.isEmpty();
  }

  /** This name, qualified with {@code defaultSchema} when it was not qualified. */
  public ObjectName resolve(String defaultSchema) {
    return qualified() ? this : new ObjectName(defaultSchema, name);
  }

  /** {@code schema.name} without quoting, as used in JSON output ({@code public.User}). */
  public String display() {
    return qualified() ? schema + "." + name : name;
  }

  /** SQL spelling with quotes where needed ({@code "User"}, {@code public.orders}). */
  public String sql() {
    return qualified() ? quote(schema) + "." + quote(name) : quote(name);
  }

  public static String quote(String ident) {
    if (isPlain(ident) && !Keywords.isReserved(ident) || isTemplate(ident)) {
      return ident;
    }
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  /**
   * Whether a name part is a template placeholder kept as written ({@code {{ .Schema }}}, {@code
   * ${schema}}, {@code $%SCHEMA%$}): SQL and messages show it unquoted, as the migration tool
   * expects to find it.
   */
  public static boolean isTemplate(String part) {
    return part.length() >= 4 && (part.startsWith("{{") && part.endsWith("}}")
        || part.startsWith("${") && part.endsWith("}") || part.startsWith("$%") && part.endsWith("%$"));
  }

  /** Whether {@code ident} is {@code [a-z_][a-z0-9_$]*}: a name PostgreSQL folds to itself when unquoted. */
  public static boolean isPlain(String ident) {
    if (ident.isEmpty()) {
      return false;
    }
    char first = ident.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first == '_')) {
      return false;
    }
    for (int i = 1; i < ident.length(); i++) {
      char ch = ident.charAt(i);
      if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '$')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return display();
  }

  // Written out instead of the generated record methods, which are slow before the JIT has
  // compiled them; the same results (the hash is the generated one's: 31 * schema + name).
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof ObjectName n && name.equals(n.name) && schema.equals(n.schema);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + name.hashCode();
  }

  @Override
  public int compareTo(ObjectName o) {
    int c = schema.compareTo(o.schema);
    return c != 0 ? c : name.compareTo(o.name);
  }
}
