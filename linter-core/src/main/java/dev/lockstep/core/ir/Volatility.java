package dev.lockstep.core.ir;

/**
 * Volatility of an expression, as PostgreSQL classifies functions. A column default that is
 * {@code VOLATILE} (for example {@code gen_random_uuid()}, {@code clock_timestamp()},
 * {@code nextval(...)}) forces a table rewrite when the column is added; {@code STABLE} and
 * {@code IMMUTABLE} defaults ({@code now()}, constants) do not on PostgreSQL 11 and later.
 */
public enum Volatility {
  IMMUTABLE,
  STABLE,
  VOLATILE,
  /** The expression calls a function whose volatility is not known (a user-defined function). */
  UNKNOWN;

  /** The weaker guarantee of the two ({@code VOLATILE} > {@code UNKNOWN} > {@code STABLE} > {@code IMMUTABLE}). */
  public Volatility combine(Volatility other) {
    return rank(this) >= rank(other) ? this : other;
  }

  private static int rank(Volatility v) {
    return switch (v) {
      case IMMUTABLE -> 0;
      case STABLE -> 1;
      case UNKNOWN -> 2;
      case VOLATILE -> 3;
    };
  }
}
