package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's generated parts: the rule table and the tool table from metadata, and the pasted
 * output of {@code ./lockstep lint examples/prisma-shop}. Run with {@code -Dlockstep.regenerate=true}
 * to rewrite them.
 */
class ReadmeTest {
  static final Path README = Golden.repoRoot().resolve("README.md");
  static final String COMMAND = "./lockstep lint examples/prisma-shop";
  static final String ELLIPSIS = "...";
  /** The findings the README shows, first of each, in this order. */
  static final List<String> SHOWN = List.of("require-concurrent-index-creation", "foreign-key-missing-not-valid",
      "statement-cannot-run-in-transaction");

  @Test
  void ruleTableIsCurrent() throws IOException {
    section("rules", "\n" + RulesCommand.markdown(RuleRegistry.load().all()) + "\n");
  }

  @Test
  void toolTableIsCurrent() throws IOException {
    section("tools", "\n" + toolTable() + "\n");
  }

  @Test
  void pastedOutputIsReal() throws IOException {
    Run run = Run.in(Golden.repoRoot(), "lint", "--color", "never", "examples/prisma-shop");
    String real = run.out();
    if (Golden.regenerate()) {
      section("output", "\n```console\n$ " + COMMAND + "\n" + excerpt(real) + "```\n");
      return;
    }
    String text = read();
    String block = between(text, "output");
    String body = block.substring(block.indexOf("$ " + COMMAND + "\n") + COMMAND.length() + 3,
        block.lastIndexOf("```"));
    for (String chunk : body.split("\n" + ELLIPSIS + "\n")) {
      String c = chunk.strip();
      assertTrue(real.contains(c), "README.md shows output that '" + COMMAND + "' no longer prints (run the tests"
          + " with -Dlockstep.regenerate=true to refresh it):\n" + c + "\n\nreal output:\n" + real);
    }
    assertEquals(1, run.exit());
  }

  /** Chosen finding blocks, then the summary line, separated by "...". */
  static String excerpt(String real) {
    String[] blocks = real.split("\n\n");
    List<String> chosen = new ArrayList<>();
    for (String rule : SHOWN) {
      for (String b : blocks) {
        String first = b.lines().findFirst().orElse("");
        if (first.endsWith("  " + rule)) {
          chosen.add(b.strip());
          break;
        }
      }
    }
    String summary = real.strip().substring(real.strip().lastIndexOf('\n') + 1);
    StringBuilder sb = new StringBuilder();
    for (String c : chosen) {
      sb.append(c).append("\n\n").append(ELLIPSIS).append("\n\n");
    }
    sb.append(summary).append('\n');
    return sb.toString();
  }

  static String toolTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| tool (`--tool`, `tool:`) | execution model | how it runs migrations |\n");
    sb.append("|---|---|---|\n");
    for (MigrationTool t : MigrationTool.values()) {
      sb.append("| `").append(t.id()).append("` | `").append(t.defaultExecutionModel().id()).append("` | ")
          .append(markdownText(t.description())).append(" |\n");
    }
    return sb.toString();
  }

  /** Plain text made safe for a markdown table cell. */
  static String markdownText(String s) {
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("__", "\\_\\_");
  }

  private static void section(String name, String expected) throws IOException {
    String text = read();
    String current = between(text, name);
    if (Golden.regenerate()) {
      String start = "<!-- " + name + ":start -->";
      int a = text.indexOf(start) + start.length();
      int b = text.indexOf("<!-- " + name + ":end -->");
      Files.writeString(README, text.substring(0, a) + expected + text.substring(b), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, current, "README.md section '" + name + "' is stale: run the tests with"
        + " -Dlockstep.regenerate=true to regenerate it");
  }

  private static String read() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  private static String between(String text, String name) {
    String start = "<!-- " + name + ":start -->";
    String end = "<!-- " + name + ":end -->";
    int a = text.indexOf(start);
    int b = text.indexOf(end);
    if (a < 0 || b < a) {
      fail("README.md lacks the markers " + start + " and " + end);
    }
    return text.substring(a + start.length(), b);
  }
}
