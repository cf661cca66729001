package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Golden;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every reporter on a hand-built result that uses every field. */
class ReporterGoldenTest {

  static String render(Reporter.Format format, boolean color) throws IOException {
    StringWriter w = new StringWriter();
    Reporter.forFormat(format).write(SampleResult.result(), SampleResult.context(color), w);
    return w.toString();
  }

  @Test
  void text() throws IOException {
    Golden.check("sample.txt", render(Reporter.Format.TEXT, false));
  }

  @Test
  void textWithColors() throws IOException {
    String colored = render(Reporter.Format.TEXT, true);
    assertTrue(colored.contains("\u001b[1;31merror\u001b[0m"), colored);
    assertEquals(render(Reporter.Format.TEXT, false), colored.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void json() throws IOException {
    Golden.check("sample.json", render(Reporter.Format.JSON, false));
  }

  @Test
  void sarif() throws IOException {
    Golden.check("sample.sarif", render(Reporter.Format.SARIF, false));
  }

  @Test
  void github() throws IOException {
    Golden.check("sample.github", render(Reporter.Format.GITHUB, false));
  }

  @Test
  void githubEscapesPropertiesAndData() {
    assertEquals("a%25b%0D%0Ac", GithubReporter.data("a%b\r\nc"));
    assertEquals("x%3Ay%2Cz%0A", GithubReporter.property("x:y,z\n"));
  }
}
