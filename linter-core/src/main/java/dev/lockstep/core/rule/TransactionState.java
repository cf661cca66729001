package dev.lockstep.core.rule;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import java.util.List;
import java.util.Optional;

/**
 * The transaction a statement runs in, as the execution model of the migration tool and the
 * file's own {@code BEGIN}/{@code COMMIT} make it.
 *
 * @param inTransaction whether the statement runs inside a transaction block (explicit, wrapped by
 *     the tool, or the implicit block of a multi-statement query)
 * @param kind how the transaction came about
 * @param transactionId unique within one replay; {@code -1} outside a transaction
 * @param lockTimeout the {@code lock_timeout} in force (set earlier in the transaction or session), if any
 * @param statementTimeout the {@code statement_timeout} in force, if any
 * @param heldLocks locks taken by earlier statements of the same transaction, strongest per relation
 * @param earlier operations of earlier statements in the same transaction, in order
 */
public record TransactionState(boolean inTransaction, Kind kind, long transactionId, Optional<String> lockTimeout,
    Optional<String> statementTimeout, List<HeldLock> heldLocks, List<PriorOperation> earlier) {

  public TransactionState {
    heldLocks = List.copyOf(heldLocks);
    // The engine hands out O(1) immutable snapshots of a growing list; copying here would make
    // every statement of a long transaction cost as much as all the statements before it.
    earlier = java.util.Collections.unmodifiableList(earlier);
  }

  public enum Kind {
    /** No transaction block: the statement commits on its own. */
    NONE,
    /** {@code BEGIN} in the file. */
    EXPLICIT,
    /** The migration tool wraps the file (or the run) in a transaction. */
    TOOL,
    /** The file is sent as one multi-statement query, which PostgreSQL runs as one implicit transaction. */
    IMPLICIT
  }

  public Optional<HeldLock> held(ObjectName relation) {
    for (int i = 0; i < heldLocks.size(); i++) {
      HeldLock h = heldLocks.get(i);
      if (h.relation().equals(relation)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** A lock held since an earlier statement of the transaction. */
  public record HeldLock(ObjectName relation, RelationKind kind, LockMode mode, int statementIndex) {}

  /** An operation of an earlier statement in the same transaction (possibly in an earlier file). */
  public record PriorOperation(Operation operation, String file, int statementIndex) {}
}
