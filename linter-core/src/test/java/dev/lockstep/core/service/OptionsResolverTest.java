package dev.lockstep.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsResolverTest {
  @RuleInfo(id = "loud-rule", summary = "On by default", severity = Severity.ERROR, altNames = "old-loud")
  static final class Loud implements Rule {
    @Override
    public void check(RuleContext ctx) {}
  }

  @RuleInfo(id = "quiet-rule", summary = "Off by default", severity = Severity.WARNING, enabledByDefault = false)
  static final class Quiet implements Rule {
    @Override
    public void check(RuleContext ctx) {}
  }

  @TempDir
  Path tmp;

  final OptionsResolver resolver = new OptionsResolver(RuleRegistry.of(List.of(new Loud(), new Quiet())));

  OptionsResolver.Resolved resolve(String yaml, OptionsResolver.Overrides o) throws IOException, ConfigException {
    if (yaml != null) {
      Files.writeString(tmp.resolve("lockstep.yaml"), yaml);
    }
    Path start = Files.createDirectories(tmp.resolve("db/migrations"));
    return resolver.resolve(Optional.empty(), start, o);
  }

  static OptionsResolver.Overrides rules(List<String> only, List<String> excluded) {
    return new OptionsResolver.Overrides(Optional.empty(), Optional.empty(), only, excluded);
  }

  @Test
  void defaultsWithoutConfig() throws Exception {
    Files.createDirectories(tmp.resolve(".git"));
    OptionsResolver.Resolved r = resolve(null, OptionsResolver.Overrides.none());
    assertEquals(OptionsResolver.DEFAULT_SERVER_VERSION, r.options().serverVersion());
    assertTrue(r.configFile().isEmpty());
    assertTrue(r.failOn().isEmpty());
    ActiveRules rules = r.options().rules();
    assertTrue(rules.isEnabled("loud-rule"));
    assertFalse(rules.isEnabled("quiet-rule"));
    assertTrue(rules.isEnabled("unused-suppression"));
  }

  @Test
  void configIsFoundUpwardAndOverridesWin() throws Exception {
    OptionsResolver.Resolved r = resolve("pg-version: 14\ntool: flyway\nfail-on: warning\nrules:\n"
        + "  quiet-rule: error\n  old-loud: off\nexclude:\n  - db/migrations/legacy/**\n",
        OptionsResolver.Overrides.none());
    assertEquals(Optional.of(tmp.resolve("lockstep.yaml")), r.configFile());
    assertEquals(14, r.options().serverVersion());
    assertEquals(Optional.of(MigrationTool.FLYWAY), r.options().tool());
    assertEquals(Optional.of("warning"), r.failOn());
    assertEquals(Optional.of(Severity.ERROR), r.options().rules().severity("quiet-rule"));
    assertFalse(r.options().rules().isEnabled("loud-rule"), "alt names work in config");
    assertTrue(r.options().excluded().test(tmp.resolve("db/migrations/legacy/V1__a.sql")));
    assertFalse(r.options().excluded().test(tmp.resolve("db/migrations/V2__b.sql")));

    OptionsResolver.Resolved o = resolve(null, new OptionsResolver.Overrides(Optional.of(16), Optional.of("prisma"),
        List.of(), List.of()));
    assertEquals(16, o.options().serverVersion());
    assertEquals(Optional.of(MigrationTool.PRISMA), o.options().tool());
  }

  @Test
  void onlyAndExcludedRules() throws Exception {
    ActiveRules only = resolve(null, rules(List.of("quiet-rule"), List.of())).options().rules();
    assertEquals(List.of("quiet-rule"), List.copyOf(only.asMap().keySet()));
    assertEquals(Optional.of(Severity.WARNING), only.severity("quiet-rule"));
    ActiveRules excluded = resolve(null, rules(List.of(), List.of("old-loud"))).options().rules();
    assertFalse(excluded.isEnabled("loud-rule"));
    assertTrue(excluded.isEnabled("unused-suppression"));
  }

  @Test
  void invalidOverridesNameTheValidChoices() {
    OptionsResolver.InvalidOptionException e = assertThrows(OptionsResolver.InvalidOptionException.class,
        () -> resolve(null, rules(List.of("nope"), List.of())));
    assertTrue(e.getMessage().startsWith("unknown rule 'nope' in --rule; valid rules: loud-rule, quiet-rule"),
        e.getMessage());
    e = assertThrows(OptionsResolver.InvalidOptionException.class, () -> resolve(null,
        new OptionsResolver.Overrides(Optional.of(11), Optional.empty(), List.of(), List.of())));
    assertEquals("PostgreSQL 11 is not supported: valid versions are 12 to 18", e.getMessage());
    e = assertThrows(OptionsResolver.InvalidOptionException.class, () -> resolve(null,
        new OptionsResolver.Overrides(Optional.empty(), Optional.of("rails"), List.of(), List.of())));
    assertTrue(e.getMessage().startsWith("unknown migration tool 'rails'; valid tools: prisma"), e.getMessage());
  }

  @Test
  void configErrorsCarryFileAndLine() throws Exception {
    Files.writeString(tmp.resolve("lockstep.yaml"), "rules:\n  nope: error\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> resolver.resolve(Optional.empty(), tmp, OptionsResolver.Overrides.none()));
    assertEquals(tmp.resolve("lockstep.yaml"), e.file());
    assertEquals(2, e.line().orElse(0));
    ConfigException missing = assertThrows(ConfigException.class,
        () -> resolver.resolve(Optional.of(tmp.resolve("none.yaml")), tmp, OptionsResolver.Overrides.none()));
    assertEquals(tmp.resolve("none.yaml") + ": configuration file not found", missing.getMessage());
  }
}
