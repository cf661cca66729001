package dev.lockstep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RegistryTest {
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  static List<String> registeredClasses() throws IOException {
    try (InputStream in = RegistryTest.class.getResourceAsStream("/META-INF/services/" + Rule.class.getName())) {
      assertNotNull(in, "services file missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(l -> !l.isEmpty()).toList();
    }
  }

  @Test
  void servicesFileIsSortedAndUnique() throws IOException {
    List<String> lines = registeredClasses();
    List<String> sorted = new ArrayList<>(lines);
    sorted.sort(null);
    assertEquals(sorted, lines, "services file must be sorted");
    assertEquals(lines.size(), new HashSet<>(lines).size(), "services file has duplicates");
    assertTrue(lines.size() >= 28, "expected at least 28 rules, found " + lines.size());
  }

  @Test
  void everyRuleIsAFinalAnnotatedClassWithAGoodId() throws Exception {
    Set<String> ids = new HashSet<>();
    for (String name : registeredClasses()) {
      Class<?> c = Class.forName(name);
      assertTrue(Rule.class.isAssignableFrom(c), name + " is not a Rule");
      assertTrue(Modifier.isFinal(c.getModifiers()), name + " must be final");
      assertTrue(c.getPackageName().equals("dev.lockstep.rules"), name + " must be in dev.lockstep.rules");
      RuleInfo info = c.getAnnotation(RuleInfo.class);
      assertNotNull(info, name + " has no @RuleInfo");
      assertTrue(KEBAB.matcher(info.id()).matches(), info.id() + " is not kebab-case");
      assertTrue(ids.add(info.id()), "duplicate id " + info.id());
      for (String alt : info.altNames()) {
        assertTrue(KEBAB.matcher(alt).matches(), alt + " is not kebab-case");
        assertTrue(ids.add(alt), "alt name " + alt + " clashes");
      }
      String s = info.summary();
      assertFalse(s.isBlank(), info.id() + ": empty summary");
      assertFalse(s.endsWith("."), info.id() + ": summary ends with a period");
      assertFalse(s.matches(".*[`*\\[\\]#].*"), info.id() + ": summary contains markdown");
      assertTrue(Character.isUpperCase(s.charAt(0)), info.id() + ": summary starts in lower case");
      assertNotNull(c.getResource("/rules/" + info.id() + ".md"), info.id() + ": doc missing");
      c.getDeclaredConstructor().newInstance();
    }
  }

  @Test
  void everyRuleHasFixtures() throws Exception {
    Path root = FixtureTest.fixturesRoot();
    for (String name : registeredClasses()) {
      String id = Class.forName(name).getAnnotation(RuleInfo.class).id();
      Path dir = root.resolve(id);
      assertTrue(Files.isDirectory(dir), id + ": no fixture folder");
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.anyMatch(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".fixed.sql")),
            id + ": no fixtures");
      }
    }
  }
}
