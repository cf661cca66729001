package dev.lockstep.core.service;

import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.List;
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
 */
public record LintOptions(int serverVersion, Optional<MigrationTool> tool, Optional<Dialect> dialect, ActiveRules rules,
    Map<Path, String> overlays, Predicate<Path> excluded) {

  public LintOptions {
    overlays = Map.copyOf(overlays);
  }

  public LintOptions withOverlays(Map<Path, String> o) {
    return new LintOptions(serverVersion, tool, dialect, rules, o, excluded);
  }

  public static Predicate<Path> nothingExcluded() {
    return p -> false;
  }

  static List<Path> normalize(List<Path> paths) {
    return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }
}
