package dev.lockstep.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.cli.Golden;
import dev.lockstep.cli.SarifValidator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
  void sarifWithProblemsAndFixesPassesTheValidator() throws Exception {
    Optional<Path> tool = SarifValidator.tool();
    assumeTrue(tool.isPresent(),
        "shared/tools/validate-sarif not found: SARIF validation skipped");
    Path file = Files.createTempFile("lockstep-sample", ".sarif");
    try {
      Files.writeString(file, render(Reporter.Format.SARIF, false));
      SarifValidator.Outcome o = SarifValidator.validate(tool.get(), file);
      assertEquals(0, o.errors(), o.output());
      assertEquals(0, o.exitCode(), o.output());
    } finally {
      Files.deleteIfExists(file);
    }
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
