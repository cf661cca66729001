package dev.lockstep.core.service;

import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How to lint: everything configuration and command-line flags decide.
 *
 * @param serverVersion PostgreSQL major version the migrations target
 * @param tool forces the migration tool (else detected from the layout)
 * @param dialect forces the dialect (else detected)
 * @param rules enabled rules with their severities
 * @param overlays file contents that replace what is on disk (unsaved editor buffers), by absolute path
 * @param excluded files that are not linted (they still count as history for later files)
 * @param plainExecutionModel how plain {@code .sql} sets (no recognizable tool) are run
 */
public record LintOptions(int serverVersion, Optional<MigrationTool> tool, Optional<Dialect> dialect, ActiveRules rules,
    Map<Path, String> overlays, Predicate<Path> excluded, Optional<ExecutionModel> plainExecutionModel) {

  public LintOptions {
    overlays = Map.copyOf(overlays);
  }

  public LintOptions withOverlays(Map<Path, String> o) {
    return new LintOptions(serverVersion, tool, dialect, rules, o, excluded, plainExecutionModel);
  }

  public static Predicate<Path> nothingExcluded() {
    return p -> false;
  }
}
