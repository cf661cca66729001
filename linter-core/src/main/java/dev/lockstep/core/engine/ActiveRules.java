package dev.lockstep.core.engine;

import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules a run uses, each with its effective severity. */
public final class ActiveRules {
  private final RuleRegistry registry;
  private final Map<String, Severity> enabled;
  private final List<RuleMeta> checks;

  public ActiveRules(RuleRegistry registry, Map<String, Severity> enabled) {
    this.registry = registry;
    this.enabled = new LinkedHashMap<>(enabled);
    this.checks = registry.all().stream().filter(m -> this.enabled.containsKey(m.id()) && m.rule().isPresent())
        .toList();
  }

  /** Every rule that is enabled by default, at its default severity. */
  public static ActiveRules defaults(RuleRegistry registry) {
    Map<String, Severity> m = new LinkedHashMap<>();
    for (RuleMeta meta : registry.all()) {
      if (meta.enabledByDefault()) {
        m.put(meta.id(), meta.severity());
      }
    }
    return new ActiveRules(registry, m);
  }

  public RuleRegistry registry() {
    return registry;
  }

  public Optional<Severity> severity(String ruleId) {
    return Optional.ofNullable(enabled.get(ruleId));
  }

  public boolean isEnabled(String ruleId) {
    return enabled.containsKey(ruleId);
  }

  /** The enabled rules that have a check, in id order. */
  public List<RuleMeta> checks() {
    return checks;
  }

  public Map<String, Severity> asMap() {
    return Map.copyOf(enabled);
  }
}
