package dev.lockstep.cli.report;

import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.rule.RuleMeta;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a reporter needs besides the result.
 *
 * @param rules the rules of the run (their docs, and which are enabled)
 * @param workDir the directory paths in text, JSON and GitHub reports are relative to
 * @param sourceRoot the directory SARIF artifact URIs are relative to (the git root, else the working directory)
 * @param color whether to use ANSI colors (text report only)
 * @param toolVersion lockstep's version
 */
public record ReportContext(ActiveRules rules, Path workDir, Path sourceRoot, boolean color, String toolVersion) {

  public Optional<RuleMeta> rule(String id) {
    return rules.registry().find(id);
  }

  /** How text, JSON and GitHub reports name a file. */
  public String displayPath(Path file) {
    return Paths.relative(workDir, file);
  }

  /** How a problem's path is shown: relative to the working directory when it is absolute and inside it. */
  public String problemPath(String path) {
    try {
      Path p = Path.of(path);
      if (p.isAbsolute()) {
        return Paths.relative(workDir, p);
      }
    } catch (RuntimeException e) {
      // not a path: show as given
    }
    return path;
  }
}
