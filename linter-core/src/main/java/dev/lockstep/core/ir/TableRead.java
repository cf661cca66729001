package dev.lockstep.core.ir;

import java.util.List;

/**
 * How a statement reads one table (a query block's FROM / JOIN item, the target of an
 * {@code UPDATE} or {@code DELETE}), as far as the text tells: the conditions that restrict the
 * rows read. With the table's indexes from the catalog, the effects model decides whether every
 * row is read.
 *
 * @param table the table as written (names of {@code WITH} queries are not tables)
 * @param conditions one per conjunct of the block's {@code WHERE} and {@code ON} conditions that
 *     compares a column of this table
 * @param columns the table's columns the block mentions anywhere ({@code *} when it selects all);
 *     an unqualified column in a block of several tables is listed for each of them
 * @param preserved the table is the preserved side of an outer join: each of its rows is read
 * @param orderedLimit the block has {@code ORDER BY} with {@code LIMIT} / {@code FETCH}: an index
 *     scan may deliver the first rows without reading the table
 * @param known false when the statement could not be read this far (only the table name is known)
 */
public record TableRead(ObjectName table, List<Condition> conditions, List<String> columns, boolean preserved,
    boolean orderedLimit, boolean known) {

  public TableRead {
    conditions = List.copyOf(conditions);
    columns = List.copyOf(columns);
  }

  /** A table read without anything known about its conditions. */
  public static TableRead unknown(ObjectName table) {
    return new TableRead(table, List.of(), List.of(), false, false, false);
  }

  /** How a condition compares the table's columns. */
  public enum Match {
    /** {@code col = constant}, {@code col IN (constants)}: with a unique index on the columns, one lookup. */
    EQUALS_CONSTANT,
    /** Any other comparison of a column with a constant, a parameter or a subquery ({@code >}, {@code IS NULL}, ...). */
    OTHER_CONSTANT,
    /** {@code col = other.col}: a join or correlation condition. */
    JOIN
  }

  /**
   * One conjunct.
   *
   * @param columns the columns of this table it compares
   * @param match how
   * @param everyColumn an {@code OR} of comparisons: an index can serve it only if one leads with each column
   */
  public record Condition(List<String> columns, Match match, boolean everyColumn) {
    public Condition {
      columns = List.copyOf(columns);
    }
  }
}
