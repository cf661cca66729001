package dev.lockstep.core.effects;

/**
 * Whether an operation reads every row of a relation.
 *
 * <p>{@link #PLAN_DEPENDENT} is for the reads the statement text and the schema cannot decide: the
 * planner's choice (statistics, table size, a merge join over a unique index instead of a hash
 * join) or the data (a foreign key whose referencing column holds only NULLs has nothing to look
 * up). The reason is given in the notes of the operation.
 */
public enum ScanKind {
  /** No row is read in full. */
  NONE("no"),
  /** Every row is read. */
  FULL("reads every row"),
  /** Every row may be read, depending on the plan or the data. */
  PLAN_DEPENDENT("plan-dependent");

  private final String label;

  ScanKind(String label) {
    this.label = label;
  }

  /** Kebab-case id: {@code none}, {@code full}, {@code plan-dependent}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public String label() {
    return label;
  }

  /** The more certain of two: a full scan wins over a plan-dependent one, which wins over none. */
  public ScanKind max(ScanKind o) {
    return compareTo(o) == 0 ? this : this == FULL || o == FULL ? FULL : PLAN_DEPENDENT;
  }

  public static ScanKind of(boolean scan) {
    return scan ? FULL : NONE;
  }
}
