package dev.lockstep.cli;

import dev.lockstep.core.service.OptionsResolver;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads a migration history ({@code lint}, {@code plan}, {@code
 * rollback}, {@code trace}): the server version, the migration tool and the configuration file. A
 * picocli mixin.
 */
public final class ProjectOptions {
  @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major version the migrations run on,"
      + " 12 to 18 (default: pg-version from lockstep.yaml, else " + OptionsResolver.DEFAULT_SERVER_VERSION + ").")
  Integer pgVersion;

  @Option(names = "--tool", paramLabel = "TOOL", description = "Migration tool, instead of detecting it: prisma,"
      + " flyway, golang-migrate, goose, dbmate, drizzle, diesel, sqlx, supabase, popx, plain.")
  String tool;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: the nearest"
      + " lockstep.yaml or .lockstep.yaml at or above the first PATH, up to the git root).")
  String config;

  /** {@code --pg-version}, if given; a usage error when it is not a supported major. */
  Optional<Integer> pgVersion() {
    if (pgVersion != null) {
      try {
        OptionsResolver.checkVersion(pgVersion);
      } catch (OptionsResolver.InvalidOptionException e) {
        throw new UsageException("invalid --pg-version " + pgVersion + ": " + e.getMessage());
      }
    }
    return Optional.ofNullable(pgVersion);
  }

  Optional<String> tool() {
    return Optional.ofNullable(tool);
  }

  /** {@code --config}, resolved against the working directory. */
  Optional<Path> config(Environment env) {
    return Optional.ofNullable(config).map(env::resolve);
  }
}
