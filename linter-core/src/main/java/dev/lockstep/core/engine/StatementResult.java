package dev.lockstep.core.engine;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Section;
import dev.lockstep.core.source.Span;
import java.util.List;

/**
 * One statement of a linted file with what lockstep understood of it.
 *
 * @param index position in the file (0-based)
 * @param span the statement
 * @param section which section of the file it is in; {@code DOWN} statements are listed but not linted
 * @param operations what it does ({@link Operation.Unrecognized} when not understood)
 * @param transaction the transaction it runs in
 * @param effects predicted effects on the target server version (combined over its operations)
 */
public record StatementResult(int index, Span span, Section section, List<Operation> operations,
    TransactionState.Kind transaction, Effects effects) {

  public StatementResult {
    operations = List.copyOf(operations);
  }

  public boolean recognized() {
    for (Operation o : operations) {
      if (o instanceof Operation.Unrecognized) {
        return false;
      }
    }
    return true;
  }

  public boolean inTransaction() {
    return transaction != TransactionState.Kind.NONE;
  }

  public List<String> operationKinds() {
    return operations.stream().map(Operation::kind).toList();
  }
}
