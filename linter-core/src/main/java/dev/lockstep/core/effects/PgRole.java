package dev.lockstep.core.effects;

/**
 * The part a relation plays in an operation, so the effects table can say what happens to each
 * (and a verification run can find each in {@code pg_locks}).
 */
public enum PgRole {
  /** The table (or view, materialized view) the statement names; for {@code REINDEX INDEX}, the index's table. */
  TARGET("target"),
  /** A table, view or materialized view the statement creates. */
  NEW_RELATION("new relation"),
  /** An index the statement creates. */
  NEW_INDEX("new index"),
  /** The existing index the statement names or uses (dropped, renamed, rebuilt, adopted by USING INDEX). */
  INDEX("index"),
  /** Every index of the target table. */
  TABLE_INDEXES("table indexes"),
  /** The indexes that involve the altered column. */
  COLUMN_INDEXES("column indexes"),
  /** Tables that the target's foreign keys reference. */
  REFERENCED_TABLES("referenced tables"),
  /** Tables whose foreign keys reference the target. */
  REFERENCING_TABLES("referencing tables"),
  /** The partition attached or detached. */
  PARTITION("partition"),
  /** Every partition of a partitioned target (the command recurses). */
  PARTITIONS("partitions"),
  /** The default partition of the partitioned target. */
  DEFAULT_PARTITION("default partition"),
  /** The partitioned parent of a partition being created. */
  PARENT("parent"),
  /** The indexes of the partition attached or detached (or of every partition, where the command recurses). */
  PARTITION_INDEXES("partition indexes"),
  /** The indexes of the referenced tables (opened by the foreign key checks). */
  REFERENCED_INDEXES("referenced tables' indexes"),
  /** The indexes of the referencing tables. */
  REFERENCING_INDEXES("referencing tables' indexes"),
  /** Sequences the statement draws values from (nextval) or, when it drops the table, owns. */
  SEQUENCES("sequences"),
  /**
   * Tables (and views) a query reads besides the target: the base tables of a view's query, the
   * source of {@code INSERT ... SELECT}, {@code UPDATE ... FROM}, subqueries.
   */
  SOURCE_TABLES("tables read"),
  /** The indexes of the tables read (the planner opens them). */
  SOURCE_INDEXES("indexes of the tables read"),
  /** Views that depend on what the statement drops, dropped with it ({@code CASCADE}). */
  DEPENDENT_VIEWS("dependent views"),
  /** The indexes of the dependent (materialized) views. */
  DEPENDENT_INDEXES("dependent views' indexes"),
  /** The partitions the inserted rows are routed to, where the catalog's partition bounds tell. */
  ROUTED_PARTITIONS("partitions routed to");

  private final String label;

  PgRole(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Whether the role names a relation that the statement itself creates: its lock blocks nobody
   * (no other session can see the relation before commit), so {@link Effects} does not list it.
   */
  public boolean createdByStatement() {
    return this == NEW_RELATION || this == NEW_INDEX;
  }
}
