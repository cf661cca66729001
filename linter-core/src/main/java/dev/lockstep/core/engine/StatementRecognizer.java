package dev.lockstep.core.engine;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.SqlStatement;
import java.util.List;

/** Turns one split statement into operations; never throws, returns at least one operation. */
@FunctionalInterface
public interface StatementRecognizer {
  List<Operation> recognize(SqlStatement statement, String fileText, Dialect dialect);
}
