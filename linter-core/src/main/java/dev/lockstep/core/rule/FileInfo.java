package dev.lockstep.core.rule;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.SqlStatement;
import java.util.List;

/**
 * The migration file being linted.
 *
 * @param path display path (relative to the project, '/' separators)
 * @param text the whole file
 * @param tool the migration tool that runs it
 * @param executionModel how the tool runs it, after the file's own directives
 * @param dialect SQL dialect
 * @param forwardStatements number of statements that run forward, {@code BEGIN}/{@code COMMIT} excluded
 * @param statements every statement of the file as split, in source order
 */
public record FileInfo(String path, String text, MigrationTool tool, ExecutionModel executionModel, Dialect dialect,
    int forwardStatements, List<SqlStatement> statements) {

  public FileInfo {
    statements = List.copyOf(statements);
  }
}
