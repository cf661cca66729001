package dev.lockstep.cli.report;

import dev.lockstep.core.rule.RuleMeta;
import java.util.regex.Pattern;

/** Plain-text extracts of a rule's markdown doc. */
public final class RuleText {
  private static final Pattern SENTENCE_END = Pattern.compile(
      "(?<![.][.!?])(?<!\\be\\.g\\.)(?<!\\bi\\.e\\.)(?<=[.!?])\\s+(?=[A-Z\"(`])");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");

  private RuleText() {}

  /** The first paragraph of the doc's {@code ## Why} section as plain text; empty if there is none. */
  public static String whyParagraph(RuleMeta meta) {
    String why = meta.docSection("Why");
    if (why.isBlank()) {
      return "";
    }
    StringBuilder para = new StringBuilder();
    for (String line : why.split("\\R", -1)) {
      if (line.isBlank()) {
        if (para.length() > 0) {
          break;
        }
        continue;
      }
      if (para.length() > 0) {
        para.append(' ');
      }
      para.append(line.trim());
    }
    return plain(para.toString());
  }

  /** The first sentence of the Why section, with the second when the first is short. */
  public static String whySummary(RuleMeta meta) {
    String para = whyParagraph(meta);
    if (para.isEmpty()) {
      return "";
    }
    String[] sentences = SENTENCE_END.split(para);
    String out = sentences[0];
    if (out.length() < 100 && sentences.length > 1) {
      out = out + " " + sentences[1];
    }
    return out;
  }

  /** Markdown inline markup removed: links become their text, code spans and emphasis lose their markers. */
  public static String plain(String markdown) {
    String s = LINK.matcher(markdown).replaceAll("$1");
    s = s.replace("`", "").replace("**", "").replace("__", "");
    return s.replaceAll("\\s+", " ").trim();
  }
}
