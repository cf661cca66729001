package dev.lockstep.core.rule;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A rule's metadata with its documentation. The documentation is read when it is first asked for:
 * most runs (JSON output, an editor's diagnostics) never need it.
 */
public final class RuleMeta {
  private final String id;
  private final String summary;
  private final Severity severity;
  private final List<String> tags;
  private final boolean enabledByDefault;
  private final List<String> altNames;
  private final Supplier<String> docSource;
  private final Optional<Rule> rule;
  private volatile String doc;

  /**
   * @param doc the markdown doc ({@code ## Why}, {@code ## Bad}, {@code ## Good}, {@code ## Fix})
   * @param rule the check, empty for rules the engine itself implements
   */
  public RuleMeta(String id, String summary, Severity severity, List<String> tags, boolean enabledByDefault,
      List<String> altNames, String doc, Optional<Rule> rule) {
    this(id, summary, severity, tags, enabledByDefault, altNames, () -> doc, rule);
  }

  /** As the other constructor, with the doc read from {@code docSource} on first use. */
  public RuleMeta(String id, String summary, Severity severity, List<String> tags, boolean enabledByDefault,
      List<String> altNames, Supplier<String> docSource, Optional<Rule> rule) {
    this.id = id;
    this.summary = summary;
    this.severity = severity;
    this.tags = List.copyOf(tags);
    this.enabledByDefault = enabledByDefault;
    this.altNames = List.copyOf(altNames);
    this.docSource = docSource;
    this.rule = rule;
  }

  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }

  public Severity severity() {
    return severity;
  }

  public List<String> tags() {
    return tags;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  public List<String> altNames() {
    return altNames;
  }

  /** The markdown doc ({@code ## Why}, {@code ## Bad}, {@code ## Good}, {@code ## Fix}); empty if none. */
  public String doc() {
    String d = doc;
    if (d == null) {
      d = docSource.get();
      doc = d;
    }
    return d;
  }

  /** The check, empty for rules the engine itself implements. */
  public Optional<Rule> rule() {
    return rule;
  }

  public boolean answersTo(String name) {
    return id.equals(name) || altNames.contains(name);
  }

  /** The text of one {@code ## Section} of the doc, without its heading; empty if absent. */
  public String docSection(String heading) {
    String markdown = doc();
    String marker = "## " + heading;
    int start = -1;
    for (String line : markdown.split("\n", -1)) {
      if (line.trim().equalsIgnoreCase(marker)) {
        start = markdown.indexOf(line);
        break;
      }
    }
    if (start < 0) {
      return "";
    }
    int bodyStart = markdown.indexOf('\n', start);
    if (bodyStart < 0) {
      return "";
    }
    int next = markdown.indexOf("\n## ", bodyStart);
    return (next < 0 ? markdown.substring(bodyStart) : markdown.substring(bodyStart, next)).trim();
  }

  @Override
  public String toString() {
    return "RuleMeta[" + id + "]";
  }
}
