package dev.lockstep.core.catalog;

/**
 * Where an object of the catalog was created (or last re-created).
 *
 * @param file display path of the migration file
 * @param fileIndex position of that file in the replayed history (0-based; -1 for a baseline)
 * @param statementIndex statement index within the file
 * @param transactionId id of the transaction the statement ran in, unique within one replay
 *     ({@link #NO_TRANSACTION} when it ran in autocommit mode)
 */
public record Origin(String file, int fileIndex, int statementIndex, long transactionId) {
  public static final long NO_TRANSACTION = -1;
  public static final Origin BASELINE = new Origin("<baseline>", -1, -1, NO_TRANSACTION);
}
