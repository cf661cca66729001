package dev.lockstep.core.config;

import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of a {@code lockstep.yaml} file. Absent settings are empty; the command line and
 * built-in defaults fill them in.
 *
 * @param source the file the settings came from (empty for {@link #empty()})
 * @param pgVersion {@code pg-version}: the PostgreSQL major version the migrations run on (12..18)
 * @param tool {@code tool}: forces the migration tool (see {@link MigrationTool#id()})
 * @param failOn {@code fail-on}: {@code error}, {@code warning} or {@code never}
 * @param rules {@code rules}: level per rule id, sorted by id
 * @param exclude {@code exclude}: glob patterns relative to the configuration file's directory
 * @param dialect {@code dialect}: forces the SQL dialect ({@code postgresql} or {@code mysql})
 * @param execution {@code execution}: the execution model of files whose tool lockstep cannot
 *     recognise (plain {@code .sql}); see {@link ExecutionModel#id()}
 */
public record LockstepConfig(
    Optional<Path> source,
    Optional<Integer> pgVersion,
    Optional<MigrationTool> tool,
    Optional<String> failOn,
    Map<String, RuleLevel> rules,
    List<String> exclude,
    Optional<Dialect> dialect,
    Optional<ExecutionModel> execution) {

  /** The values {@code fail-on} accepts. */
  public static final List<String> FAIL_ON_VALUES = List.of("error", "warning", "never");

  /** The PostgreSQL major versions {@code pg-version} accepts. */
  public static final int MIN_PG_VERSION = 12;

  public static final int MAX_PG_VERSION = 18;

  public LockstepConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pgVersion, "pgVersion");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(failOn, "failOn");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(execution, "execution");
    rules = Collections.unmodifiableMap(new TreeMap<>(rules));
    exclude = List.copyOf(exclude);
  }

  /** No settings: everything from defaults. */
  public static LockstepConfig empty() {
    return new LockstepConfig(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** The directory exclusion patterns are relative to (the file's directory). */
  public Optional<Path> directory() {
    return source.map(p -> p.toAbsolutePath().normalize().getParent());
  }

  /** The configured level of {@code ruleId}, if the file sets one. */
  public Optional<RuleLevel> level(String ruleId) {
    return Optional.ofNullable(rules.get(ruleId));
  }

  /** The exclusion patterns, resolved against the configuration file's directory. */
  public Exclusion exclusion() {
    return directory().map(d -> Exclusion.of(d, exclude)).orElse(Exclusion.none());
  }
}
