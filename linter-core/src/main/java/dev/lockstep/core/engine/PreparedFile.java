package dev.lockstep.core.engine;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.source.SplitResult;
import java.util.List;

/**
 * A migration file split and recognized, ready for replay. Preparing is independent per file and
 * runs in parallel; replay is sequential per history.
 *
 * @param operations per statement of {@code split}, in the same order
 * @param executionModel the tool's model after the file's own directives
 */
public record PreparedFile(MigrationFile file, String text, SplitResult split, List<List<Operation>> operations,
    ExecutionModel executionModel, List<Suppression> suppressions) {

  public PreparedFile {
    operations = List.copyOf(operations);
    suppressions = List.copyOf(suppressions);
  }

  /** Statements that run forward, transaction control excluded. */
  public int forwardStatements() {
    int n = 0;
    for (int i = 0; i < split.statements().size(); i++) {
      if (!split.statements().get(i).section().runsForward()) {
        continue;
      }
      for (Operation o : operations.get(i)) {
        if (!(o instanceof Operation.Begin || o instanceof Operation.Commit || o instanceof Operation.Rollback)) {
          n++;
          break;
        }
      }
    }
    return n;
  }
}
