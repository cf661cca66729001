package dev.lockstep.trace;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one server did for one case, after the relation filter (see {@link Observer}).
 *
 * @param relations per pre-existing user relation: the strongest lock taken, whether its storage got a
 *     new relfilenode, whether it was sequentially scanned
 * @param nonTransactional the statements failed inside a transaction block with SQLSTATE 25001
 * @param error the error the statements raised where they can run (outside a block when {@code
 *     nonTransactional}), if any
 * @param observed whether locks, rewrites and scans could be read (not when the statements failed:
 *     their locks are gone with the rollback)
 * @param method how locks were read: {@code in-transaction}, {@code simple-query} or {@code watched}
 * @param ignored relations that were locked but filtered out, with the reason (for the report)
 * @param millis how long the observation took
 */
record Observation(Map<ObjectName, Rel> relations, boolean nonTransactional, Optional<SqlError> error,
    boolean observed, String method, List<String> ignored, long millis) {

  Observation {
    relations = new TreeMap<>(relations);
    ignored = List.copyOf(ignored);
  }

  /** One observed relation. {@code lock} is empty when it was not locked (only rewritten or scanned). */
  record Rel(ObjectName name, RelationKind kind, Optional<LockMode> lock, boolean rewrite, boolean scan,
      long seqTupRead) {}

  record SqlError(String sqlState, String message) {
    /** Class 22 (data exception) and 23 (integrity constraint violation): the rows refuse the change. */
    boolean dataError() {
      return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }

    @Override
    public String toString() {
      return sqlState + " " + message;
    }
  }

  static RelationKind kind(String relkind) {
    switch (relkind) {
      case "r":
      case "p":
      case "f":
        return RelationKind.TABLE;
      case "i":
      case "I":
        return RelationKind.INDEX;
      case "v":
        return RelationKind.VIEW;
      case "m":
        return RelationKind.MATERIALIZED_VIEW;
      case "S":
        return RelationKind.SEQUENCE;
      default:
        return RelationKind.OTHER;
    }
  }
}
