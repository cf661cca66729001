package dev.lockstep.core.engine;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.LineIndex;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of linting one migration file.
 *
 * @param path display path (relative to the project root or the working directory, '/' separators)
 * @param file the file on disk
 * @param text the file's text as linted
 * @param findings sorted by position
 */
public record FileResult(String path, Path file, String text, MigrationTool tool, Dialect dialect,
    ExecutionModel executionModel, List<StatementResult> statements, List<Finding> findings) {

  public FileResult {
    statements = List.copyOf(statements);
    findings = List.copyOf(findings);
  }

  public LineIndex lines() {
    return new LineIndex(text);
  }
}
