package dev.lockstep.core.rule;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;

/**
 * The migration file being linted.
 *
 * @param path display path (relative to the project, '/' separators)
 * @param text the whole file
 * @param tool the migration tool that runs it
 * @param executionModel how the tool runs it, after the file's own directives
 * @param dialect SQL dialect
 * @param forwardStatements number of statements that run forward, {@code BEGIN}/{@code COMMIT} excluded
 */
public record FileInfo(String path, String text, MigrationTool tool, ExecutionModel executionModel, Dialect dialect,
    int forwardStatements) {}
