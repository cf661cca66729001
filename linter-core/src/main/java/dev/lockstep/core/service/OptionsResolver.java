package dev.lockstep.core.service;

import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.Exclusion;
import dev.lockstep.core.config.LockstepConfig;
import dev.lockstep.core.config.RuleLevel;
import dev.lockstep.core.effects.ServerVersions;
import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a configuration file plus explicit overrides (command-line flags, editor settings) into
 * {@link LintOptions}. Every surface resolves its options here, so a setting means the same thing
 * on the command line and in the editor.
 *
 * <p>Precedence: an override beats the configuration file, which beats the built-in default.
 * Rules: a rule runs when it is enabled by default or the file gives it a level other than {@code
 * off}; a non-empty {@link Overrides#onlyRules()} replaces that set (at configured or default
 * severity); {@link Overrides#excludedRules()} is removed last.
 */
public final class OptionsResolver {
  /** The PostgreSQL major version assumed when neither the configuration nor an override sets one. */
  public static final int DEFAULT_SERVER_VERSION = ServerVersions.DEFAULT;

  private final RuleRegistry registry;

  public OptionsResolver(RuleRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Settings that win over the configuration file.
   *
   * @param serverVersion PostgreSQL major version
   * @param tool migration tool id (see {@link MigrationTool#id()})
   * @param onlyRules when not empty, run exactly these rules (ids or alternative names)
   * @param excludedRules never run these rules (ids or alternative names)
   */
  public record Overrides(Optional<Integer> serverVersion, Optional<String> tool, List<String> onlyRules,
      List<String> excludedRules) {

    public Overrides {
      Objects.requireNonNull(serverVersion, "serverVersion");
      Objects.requireNonNull(tool, "tool");
      onlyRules = List.copyOf(onlyRules);
      excludedRules = List.copyOf(excludedRules);
    }

    public static Overrides none() {
      return new Overrides(Optional.empty(), Optional.empty(), List.of(), List.of());
    }
  }

  /**
   * The outcome.
   *
   * @param options what to pass to {@link LintService#lint}
   * @param config the configuration file's settings ({@link LockstepConfig#empty()} when there is none)
   * @param failOn {@code fail-on} from the configuration file, if set
   */
  public record Resolved(LintOptions options, LockstepConfig config, Optional<String> failOn) {
    /** The configuration file used, if any. */
    public Optional<Path> configFile() {
      return config.source();
    }
  }

  /** An override that is not valid; the message names the valid choices. */
  public static final class InvalidOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
      super(message);
    }
  }

  /**
   * Resolves options for linting.
   *
   * @param explicitConfig a configuration file named explicitly (must exist); when empty, the nearest
   *     {@code lockstep.yaml} at or above {@code start} is used, if there is one
   * @param start where the upward search for a configuration file starts (a directory or a file)
   * @throws ConfigException when the configuration file is missing, unreadable or invalid
   * @throws InvalidOptionException when an override is not valid
   */
  public Resolved resolve(Optional<Path> explicitConfig, Path start, Overrides overrides) throws ConfigException {
    LockstepConfig config;
    if (explicitConfig.isPresent()) {
      Path file = explicitConfig.get();
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(file, 0, "configuration file not found");
      }
      config = ConfigLoader.load(file, ruleNames());
    } else {
      config = ConfigLoader.loadNearest(start, ruleNames());
    }
    return resolve(config, overrides);
  }

  /** Resolves options from already loaded settings (an editor that watches the file itself). */
  public Resolved resolve(LockstepConfig config, Overrides overrides) {
    int version = overrides.serverVersion().orElse(config.pgVersion().orElse(DEFAULT_SERVER_VERSION));
    checkVersion(version);
    Optional<MigrationTool> tool = config.tool();
    if (overrides.tool().isPresent()) {
      String t = overrides.tool().get();
      tool = Optional.of(MigrationTool.fromId(t).orElseThrow(() -> new InvalidOptionException(
          "unknown migration tool '" + t + "'; valid tools: " + MigrationTool.validIds())));
    }
    ActiveRules rules = rules(config, overrides);
    Exclusion exclusion = config.exclusion();
    LintOptions options = new LintOptions(version, tool, config.dialect(), rules, Map.of(), exclusion::isExcluded,
        config.execution());
    return new Resolved(options, config, config.failOn());
  }

  /** The rules that run, with their severities. */
  ActiveRules rules(LockstepConfig config, Overrides overrides) {
    Map<String, Severity> configured = new LinkedHashMap<>();
    Set<String> off = new LinkedHashSet<>();
    for (Map.Entry<String, RuleLevel> e : config.rules().entrySet()) {
      String id = registry.find(e.getKey()).map(RuleMeta::id).orElse(e.getKey());
      if (e.getValue().enabled()) {
        configured.put(id, Severity.valueOf(e.getValue().name()));
      } else {
        off.add(id);
      }
    }
    List<String> only = canonical(overrides.onlyRules(), "--rule");
    List<String> excluded = canonical(overrides.excludedRules(), "--exclude-rule");

    Map<String, Severity> enabled = new LinkedHashMap<>();
    for (RuleMeta meta : registry.all()) {
      String id = meta.id();
      boolean on = only.isEmpty()
          ? configured.containsKey(id) || (meta.enabledByDefault() && !off.contains(id))
          : only.contains(id);
      if (on && !excluded.contains(id)) {
        enabled.put(id, configured.getOrDefault(id, meta.severity()));
      }
    }
    return new ActiveRules(registry, enabled);
  }

  private List<String> canonical(List<String> names, String option) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Optional<RuleMeta> meta = registry.find(n.trim());
      if (meta.isEmpty()) {
        throw new InvalidOptionException("unknown rule '" + n + "' in " + option + "; valid rules: "
            + String.join(", ", registry.ids()));
      }
      out.add(meta.get().id());
    }
    return out;
  }

  /** Every name a configuration file may use for a rule: ids and alternative names. */
  public Set<String> ruleNames() {
    Set<String> names = new LinkedHashSet<>(registry.ids());
    for (RuleMeta m : registry.all()) {
      names.addAll(m.altNames());
    }
    return names;
  }

  /**
   * @throws InvalidOptionException naming the supported range when lockstep does not model {@code version}
   */
  public static int checkVersion(int version) {
    if (!ServerVersions.isSupported(version)) {
      throw new InvalidOptionException("PostgreSQL " + version + " is not supported: valid versions are "
          + ServerVersions.MIN + " to " + ServerVersions.MAX);
    }
    return version;
  }

  /** The valid {@code fail-on} values, for messages. */
  public static String failOnValues() {
    return LockstepConfig.FAIL_ON_VALUES.stream().collect(Collectors.joining(", "));
  }
}
