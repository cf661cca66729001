package dev.lockstep.core.project;

import dev.lockstep.core.ir.RecordHash;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One migration file as its tool sees it.
 *
 * @param path the file on disk (absolute and normalized)
 * @param displayPath the path relative to the project root, with {@code /} separators; used in
 *     reports. The project root is the repository root (nearest directory holding {@code .git})
 *     above the input, else the input directory (for a file input: the directory discovery looked
 *     in, usually the migrations folder)
 * @param tool the tool that runs it
 * @param executionModel how the tool runs it, from the tool's default and what discovery could read
 *     from names and side files ({@code .autocommit.}, diesel {@code metadata.toml}, Flyway {@code
 *     .sql.conf}); directives inside the file are applied by {@link
 *     ExecutionDirectives#effectiveModel}
 * @param version the ordering key as the tool spells it ({@code 20240101120000}, {@code 1.10},
 *     {@code 0003}); for plain files the path relative to the set root without extension
 * @param name the descriptive part of the name ({@code add_users})
 * @param direction whether the file migrates forward or reverts
 * @param dialect the SQL dialect of the file
 */
public record MigrationFile(
    Path path,
    String displayPath,
    MigrationTool tool,
    ExecutionModel executionModel,
    String version,
    String name,
    Direction direction,
    Dialect dialect) {

  public MigrationFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(displayPath, "displayPath");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(executionModel, "executionModel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(dialect, "dialect");
  }

  public boolean isUp() {
    return direction == Direction.UP;
  }

  // equals and hashCode written out, not generated: see RecordHash
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof MigrationFile)) {
      return false;
    }
    MigrationFile o = (MigrationFile) other;
    return Objects.equals(path, o.path)
        && Objects.equals(displayPath, o.displayPath)
        && Objects.equals(tool, o.tool)
        && Objects.equals(executionModel, o.executionModel)
        && Objects.equals(version, o.version)
        && Objects.equals(name, o.name)
        && Objects.equals(direction, o.direction)
        && Objects.equals(dialect, o.dialect);
  }

  @Override
  public int hashCode() {
    return RecordHash.of(path, displayPath, tool, executionModel, version, name, direction, dialect);
  }
}
