package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * The rules' metadata (summaries, whole docs) is checked by the reporter's own golden file; here
   * only which rules are listed matters, so that editing a rule's doc does not change this file.
   */
  static String withRuleIdsOnly(String sarif) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(sarif);
    ObjectNode driver = (ObjectNode) root.get("runs").get(0).get("tool").get("driver");
    ArrayNode ids = mapper.createArrayNode();
    driver.get("rules").forEach(r -> ids.add(r.get("id").asText()));
    driver.set("rules", ids);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

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
      out = withRuleIdsOnly(out);
    }
    Golden.check(golden, out);
  }
}
