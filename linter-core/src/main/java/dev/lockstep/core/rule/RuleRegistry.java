package dev.lockstep.core.rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every rule lockstep knows: the checks found through {@link ServiceLoader} plus the few the
 * engine implements itself (suppression bookkeeping). Sorted by id.
 */
public final class RuleRegistry {
  /** A suppression comment that matched no finding. */
  public static final String UNUSED_SUPPRESSION = "unused-suppression";
  /** A suppression comment naming a rule that does not exist. */
  public static final String UNKNOWN_RULE_IN_SUPPRESSION = "unknown-rule-in-suppression";

  private final Map<String, RuleMeta> byId;
  private final List<RuleMeta> all;

  private RuleRegistry(List<RuleMeta> metas) {
    Map<String, RuleMeta> m = new LinkedHashMap<>();
    metas.stream().sorted(Comparator.comparing(RuleMeta::id)).forEach(meta -> {
      if (m.put(meta.id(), meta) != null) {
        throw new IllegalStateException("duplicate rule id " + meta.id());
      }
    });
    this.byId = m;
    this.all = List.copyOf(m.values());
  }

  /** Loads the rules on the class path of {@code loader}. */
  public static RuleRegistry load(ClassLoader loader) {
    List<RuleMeta> metas = new ArrayList<>(builtIns());
    for (Rule rule : ServiceLoader.load(Rule.class, loader)) {
      metas.add(meta(rule));
    }
    return new RuleRegistry(metas);
  }

  public static RuleRegistry load() {
    return load(RuleRegistry.class.getClassLoader());
  }

  /** A registry of exactly these rules (plus the engine's own), for tests. */
  public static RuleRegistry of(List<Rule> rules) {
    List<RuleMeta> metas = new ArrayList<>(builtIns());
    rules.forEach(r -> metas.add(meta(r)));
    return new RuleRegistry(metas);
  }

  public static RuleMeta meta(Rule rule) {
    RuleInfo info = rule.getClass().getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalStateException(rule.getClass().getName() + " has no @RuleInfo");
    }
    Class<?> owner = rule.getClass();
    String id = info.id();
    return new RuleMeta(id, info.summary(), info.severity(), Arrays.asList(info.tags()),
        info.enabledByDefault(), Arrays.asList(info.altNames()), () -> readDoc(owner, id), Optional.of(rule));
  }

  private static List<RuleMeta> builtIns() {
    return List.of(
        new RuleMeta(UNUSED_SUPPRESSION, "A lockstep:ignore comment suppresses nothing", Severity.WARNING,
            List.of("suppression"), true, List.of(), () -> readDoc(RuleRegistry.class, UNUSED_SUPPRESSION),
            Optional.empty()),
        new RuleMeta(UNKNOWN_RULE_IN_SUPPRESSION, "A lockstep:ignore comment names a rule that does not exist",
            Severity.WARNING, List.of("suppression"), true, List.of(),
            () -> readDoc(RuleRegistry.class, UNKNOWN_RULE_IN_SUPPRESSION), Optional.empty()));
  }

  private static String readDoc(Class<?> owner, String id) {
    try (InputStream in = owner.getResourceAsStream("/rules/" + id + ".md")) {
      if (in == null) {
        return "";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<RuleMeta> all() {
    return all;
  }

  public Optional<RuleMeta> find(String idOrAltName) {
    RuleMeta direct = byId.get(idOrAltName);
    if (direct != null) {
      return Optional.of(direct);
    }
    return byId.values().stream().filter(m -> m.answersTo(idOrAltName)).findFirst();
  }

  public java.util.Set<String> ids() {
    return byId.keySet();
  }
}
