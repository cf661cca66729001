package dev.lockstep.core.service;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.project.MigrationFile;
import java.util.List;
import java.util.Optional;

/**
 * The schema at one point of a migration history, with the files that built it.
 *
 * @param catalog the replayed schema; every object's origin names the statement that created it
 * @param files the replayed files in order; {@link Origin#fileIndex()} indexes this list
 */
public record SchemaSnapshot(Catalog catalog, List<MigrationFile> files) {
  public SchemaSnapshot {
    files = List.copyOf(files);
  }

  /** The file an origin points into; empty for the baseline. */
  public Optional<MigrationFile> fileOf(Origin origin) {
    int i = origin.fileIndex();
    return i >= 0 && i < files.size() ? Optional.of(files.get(i)) : Optional.empty();
  }
}
