package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import org.junit.jupiter.api.Test;

class TextFrameTest {

  static String frame(String text, Span statement, Span mark) {
    StringBuilder sb = new StringBuilder();
    TextReporter.frame(sb, new TextReporter.Ansi(false), text, new LineIndex(text), statement, mark, Severity.ERROR);
    return sb.toString();
  }

  @Test
  void longStatementsShowTheirFirstLineAndTheFindingWithContext() {
    StringBuilder sql = new StringBuilder("CREATE TABLE t (\n");
    for (int i = 1; i <= 20; i++) {
      sql.append("  c").append(i).append(" int,\n");
    }
    sql.append("  last int\n);");
    String text = sql.toString();
    int at = text.indexOf("c12");
    String out = frame(text, new Span(0, text.length()), new Span(at, at + 3));
    assertEquals(""
        + " 1 | CREATE TABLE t (\n"
        + "   ...\n"
        + "12 |   c11 int,\n"
        + "13 |   c12 int,\n"
        + "   |   ^^^\n"
        + "14 |   c13 int,\n"
        + "   ...\n", out.replaceAll("(?m)^  ", ""));
  }

  @Test
  void tabsAreExpandedInTheLineAndTheUnderline() {
    String text = "ALTER TABLE t\n\tADD COLUMN\tx int;";
    int at = text.indexOf("x int");
    String out = frame(text, new Span(0, text.length()), new Span(at, at + 5));
    assertEquals(""
        + "1 | ALTER TABLE t\n"
        + "2 |     ADD COLUMN  x int;\n"
        + "  |                 ^^^^^\n", out.replaceAll("(?m)^  ", ""));
  }

  @Test
  void emptySpansGetOneCaret() {
    String text = "CREATE INDEX i ON t (a);";
    int at = text.indexOf("i ON");
    assertEquals("1 | CREATE INDEX i ON t (a);\n  |              ^\n",
        frame(text, new Span(0, text.length()), new Span(at, at)).replaceAll("(?m)^  ", ""));
  }
}
