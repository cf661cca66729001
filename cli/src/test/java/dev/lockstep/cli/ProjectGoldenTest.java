package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.cli.report.Paths;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every format on a small fixed Prisma project ({@code golden/project}) through the whole
 * pipeline. When a rule's wording changes on purpose, regenerate with {@code -Dlockstep.regenerate=true}.
 */
class ProjectGoldenTest {
  static final Path WORK_DIR = Golden.DIR.toAbsolutePath();

  @ParameterizedTest
  @CsvSource({"text, project.txt", "json, project.json", "sarif, project.sarif", "github, project.github"})
  void format(String format, String golden) throws IOException {
    Run r = Run.in(WORK_DIR, "lint", "--format", format, "project");
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.err());
    String out = r.out();
    if (format.equals("sarif")) {
      Path root = Paths.gitRoot(WORK_DIR).orElse(WORK_DIR);
      out = out.replace(root.toUri().toString(), "file:///REPOSITORY/")
          .replace(root.toAbsolutePath() + "/", "/REPOSITORY/");
    }
    Golden.check(golden, out);
  }
}
