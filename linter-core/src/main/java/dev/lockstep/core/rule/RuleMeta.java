package dev.lockstep.core.rule;

import java.util.List;
import java.util.Optional;

/**
 * A rule's metadata with its documentation.
 *
 * @param doc the markdown doc ({@code ## Why}, {@code ## Bad}, {@code ## Good}, {@code ## Fix})
 * @param rule the check, empty for rules the engine itself implements
 */
public record RuleMeta(String id, String summary, Severity severity, List<String> tags, boolean enabledByDefault,
    List<String> altNames, String doc, Optional<Rule> rule) {

  public RuleMeta {
    tags = List.copyOf(tags);
    altNames = List.copyOf(altNames);
  }

  public boolean answersTo(String name) {
    return id.equals(name) || altNames.contains(name);
  }

  /** The text of one {@code ## Section} of the doc, without its heading; empty if absent. */
  public String docSection(String heading) {
    String marker = "## " + heading;
    int start = -1;
    for (String line : doc.split("\n", -1)) {
      if (line.trim().equalsIgnoreCase(marker)) {
        start = doc.indexOf(line);
        break;
      }
    }
    if (start < 0) {
      return "";
    }
    int bodyStart = doc.indexOf('\n', start);
    if (bodyStart < 0) {
      return "";
    }
    int next = doc.indexOf("\n## ", bodyStart);
    return (next < 0 ? doc.substring(bodyStart) : doc.substring(bodyStart, next)).trim();
  }
}
