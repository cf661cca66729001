package dev.lockstep.core.project;

import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration history: the files one tool applies, in order, to one database.
 *
 * @param root the directory that holds the history (the Prisma/diesel {@code migrations} folder,
 *     the folder of the {@code .sql} files otherwise)
 * @param tool the tool that runs the files
 * @param dialect the SQL dialect of the history
 * @param files the forward ({@link Direction#UP}) files in execution order
 * @param downFiles the reverting files, in the order of the migration they revert
 */
public record MigrationSet(
    Path root, MigrationTool tool, Dialect dialect, List<MigrationFile> files, List<MigrationFile> downFiles) {

  public MigrationSet {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(dialect, "dialect");
    files = List.copyOf(files);
    downFiles = List.copyOf(downFiles);
  }

  /**
   * The forward files applied before {@code file} runs: for a forward file the files before it; for
   * a down file every forward file up to and including the one it reverts (same version); empty
   * for a file of another set.
   */
  public List<MigrationFile> history(MigrationFile file) {
    int i = files.indexOf(file);
    if (i >= 0) {
      return files.subList(0, i);
    }
    if (downFiles.contains(file)) {
      for (int j = files.size() - 1; j >= 0; j--) {
        if (files.get(j).version().equals(file.version())) {
          return files.subList(0, j + 1);
        }
      }
    }
    return List.of();
  }

  /** The up or down file at this path. */
  public Optional<MigrationFile> find(Path path) {
    Path p = path.toAbsolutePath().normalize();
    for (MigrationFile f : files) {
      if (f.path().equals(p)) {
        return Optional.of(f);
      }
    }
    for (MigrationFile f : downFiles) {
      if (f.path().equals(p)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
