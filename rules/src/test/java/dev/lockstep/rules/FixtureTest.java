package dev.lockstep.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture under {@code fixtures/<rule-id>/}, linted with only that rule enabled; see {@link FixtureRunner}. */
class FixtureTest {
  @TempDir
  Path temp;

  static Path fixturesRoot() {
    try {
      return Path.of(FixtureTest.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> fixtures() throws IOException {
    try (Stream<Path> files = Files.walk(fixturesRoot())) {
      return files.filter(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".fixed.sql"))
          .sorted()
          .map(p -> Arguments.of(p.getParent().getFileName() + "/" + p.getFileName(), p))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(String name, Path file) throws IOException {
    String rule = file.getParent().getFileName().toString();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    FixtureRunner.Run run = FixtureRunner.lint(text, FixtureRunner.Settings.DEFAULT, rule, temp);
    List<String> errors = new java.util.ArrayList<>(FixtureRunner.verify(run));
    for (dev.lockstep.core.rule.Finding f : run.findings()) {
      for (String said : List.of(f.message(), f.help())) {
        if (said.contains("Optional[") || said.contains("Optional.empty") || said.isBlank()) {
          errors.add("message or help looks broken: '" + said + "'");
        }
      }
    }
    if (!errors.isEmpty()) {
      fail(name + ":\n  " + String.join("\n  ", errors));
    }
    Path fixed = file.resolveSibling(file.getFileName().toString().replaceAll("\\.sql$", ".fixed.sql"));
    if (Files.exists(fixed)) {
      String expected = Files.readString(fixed, StandardCharsets.UTF_8);
      assertTrue(run.findings().stream().anyMatch(f -> f.fix().isPresent()), name + ": no finding has a fix");
      assertEquals(expected, FixtureRunner.applyFixes(text, run), name + ": fixed text");
      FixtureRunner.Run again = FixtureRunner.lint(expected, FixtureRunner.Settings.DEFAULT, rule, temp);
      assertEquals(List.of(), again.findings().stream().map(f -> f.message()).toList(),
          name + ": findings after applying the fixes");
    }
  }

  @Test
  void everyFixtureFolderIsARule() throws IOException {
    try (Stream<Path> dirs = Files.list(fixturesRoot())) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        String id = d.getFileName().toString();
        assertTrue(FixtureRunner.registry().find(id).filter(m -> m.id().equals(id)).isPresent(),
            "fixture folder " + id + " names no rule");
      }
    }
  }
}
