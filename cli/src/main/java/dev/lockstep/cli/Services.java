package dev.lockstep.cli;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.service.LintService;
import java.util.List;

/** Builds the lint service every command uses. */
final class Services {
  private Services() {}

  static LintService lintService() {
    LintEngine engine = new LintEngine(
        (statement, text, dialect) -> List.of(new Operation.Unrecognized(statement.span(), "not recognized yet")),
        (op, catalog, version) -> Effects.UNKNOWN);
    return new LintService(engine);
  }
}
