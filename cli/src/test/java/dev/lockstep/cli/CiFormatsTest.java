package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats (GitLab Code Quality, JUnit XML, Markdown comment) on the golden Prisma project:
 * golden files, plus the fields each consumer requires.
 */
class CiFormatsTest {
  static final Path WORK_DIR = Golden.DIR.toAbsolutePath();
  static final Set<String> GITLAB_SEVERITIES = Set.of("info", "minor", "major", "critical", "blocker");

  static Run lint(String format) {
    Run r = Run.in(WORK_DIR, "lint", "--format", format, "project");
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.err());
    return r;
  }

  @Test
  void gitlabCodeQuality() throws IOException {
    String out = lint("gitlab").out();
    Golden.check("project.gitlab.json", out);
    // GitLab's Code Quality report: an array of issues with description, check_name, a unique
    // fingerprint, a severity of the five GitLab knows and location.path + location.lines.begin.
    JsonNode issues = new ObjectMapper().readTree(out);
    assertTrue(issues.isArray());
    assertEquals(5, issues.size());
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode i : issues) {
      assertTrue(i.path("description").isTextual() && !i.path("description").asText().isBlank(), i.toString());
      assertTrue(i.path("check_name").isTextual(), i.toString());
      assertTrue(fingerprints.add(i.path("fingerprint").asText()), "duplicate fingerprint: " + i);
      assertTrue(GITLAB_SEVERITIES.contains(i.path("severity").asText()), i.toString());
      String path = i.path("location").path("path").asText();
      assertTrue(path.startsWith("cli/src/test/resources/golden/project/prisma/migrations/"),
          "repository-relative path expected: " + path);
      assertTrue(i.path("location").path("lines").path("begin").asInt() >= 1, i.toString());
      // Code Climate spec fields GitLab tolerates: content is an object with a markdown body.
      assertEquals("issue", i.path("type").asText());
      assertTrue(i.path("content").isMissingNode() || i.path("content").path("body").isTextual(), i.toString());
      assertTrue(i.path("categories").isArray() && i.path("categories").size() > 0, i.toString());
    }
  }

  @Test
  void junitXml() throws Exception {
    String out = lint("junit").out();
    Golden.check("project.junit.xml", out);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("6", root.getAttribute("tests"));
    assertEquals("5", root.getAttribute("failures"));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(2, suites.getLength());
    int cases = 0;
    int failures = 0;
    for (int s = 0; s < suites.getLength(); s++) {
      Element suite = (Element) suites.item(s);
      NodeList tc = suite.getElementsByTagName("testcase");
      assertEquals(Integer.parseInt(suite.getAttribute("tests")), tc.getLength());
      int f = suite.getElementsByTagName("failure").getLength();
      assertEquals(Integer.parseInt(suite.getAttribute("failures")), f);
      cases += tc.getLength();
      failures += f;
    }
    assertEquals(6, cases);
    assertEquals(5, failures);
  }

  @Test
  void markdownComment() throws IOException {
    String out = lint("markdown").out();
    Golden.check("project.md", out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).startsWith("<!-- lockstep-report -->"));
    assertTrue(lines.contains("| File | Errors | Warnings | Strongest lock |"));
    assertTrue(out.contains("```sql\n   CREATE INDEX CONCURRENTLY \"Order_userId_idx\""), "plan SQL expected");
    long fences = lines.stream().filter(l -> l.strip().startsWith("```")).count();
    assertEquals(0, fences % 2, "unbalanced code fences");
  }

  @Test
  void markdownWithoutFindings() {
    Run r = Run.in(WORK_DIR, "lint", "--format", "markdown", "--rule", "drop-table", "project");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("No findings"), r.out());
    assertFalse(r.out().contains("| File |"), r.out());
  }
}
