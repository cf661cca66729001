package dev.lockstep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.RuleMeta;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule's doc has a title, a one-line summary and the sections Why, Bad, Good and Fix; its Bad
 * SQL fires the rule and its Good SQL does not. The SQL blocks use the fixture format of {@link
 * FixtureRunner} (a {@code -- settings:} first line and {@code -- migration} separators are
 * allowed) with defaults {@code pg=16 tool=plain}.
 */
class DocTest {
  private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n(.*?)```");

  @TempDir
  Path temp;

  static Stream<String> ruleIds() {
    return FixtureRunner.registry().all().stream().filter(m -> m.rule().isPresent()).map(RuleMeta::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void docIsCompleteAndItsExamplesBehave(String id) {
    RuleMeta meta = FixtureRunner.registry().find(id).orElseThrow();
    String doc = meta.doc();
    assertFalse(doc.isBlank(), id + ": no doc at rules/" + id + ".md");
    String[] lines = doc.split("\n");
    assertEquals("# " + id, lines[0].trim(), id + ": doc title");
    assertTrue(lines.length > 2 && lines[1].isBlank() && !lines[2].isBlank() && !lines[2].startsWith("#"),
        id + ": doc needs a one-line summary after the title");
    for (String section : List.of("Why", "Bad", "Good", "Fix")) {
      assertFalse(meta.docSection(section).isBlank(), id + ": doc section ## " + section + " is missing or empty");
    }
    String bad = sql(id, meta.docSection("Bad"), "Bad");
    String good = sql(id, meta.docSection("Good"), "Good");
    List<Finding> badFindings = FixtureRunner.lint(bad, FixtureRunner.Settings.DEFAULT, id, temp).findings();
    assertFalse(badFindings.isEmpty(), id + ": the doc's Bad example does not fire the rule");
    List<Finding> goodFindings = FixtureRunner.lint(good, FixtureRunner.Settings.DEFAULT, id, temp).findings();
    assertEquals(List.of(), goodFindings.stream().map(Finding::message).toList(),
        id + ": the doc's Good example fires the rule");
  }

  private static String sql(String id, String section, String name) {
    Matcher m = SQL_BLOCK.matcher(section);
    assertTrue(m.find(), id + ": ## " + name + " has no ```sql block");
    String block = m.group(1);
    assertFalse(m.find(), id + ": ## " + name + " has more than one ```sql block");
    return block;
  }
}
