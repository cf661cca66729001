package dev.lockstep.core.engine;

import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code lockstep:ignore} directive.
 *
 * <pre>
 * -- lockstep:ignore rule-id[, rule-id...] -- reason
 * -- lockstep:ignore-file rule-id[, rule-id...] -- reason
 * </pre>
 *
 * The first form applies to the statement that follows the comment; the second to the whole file.
 *
 * @param fileWide {@code ignore-file}
 * @param ruleIds the rule ids as written
 * @param reason the text after the second {@code --}, possibly empty
 * @param span the comment
 */
public record Suppression(boolean fileWide, List<String> ruleIds, String reason, Span span) {
  private static final Pattern DIRECTIVE = Pattern.compile(
      "^(?:--|/\\*)\\s*lockstep:(ignore-file|ignore)\\b\\s*(.*?)\\s*(?:\\*/)?\\s*$", Pattern.DOTALL);

  public Suppression {
    ruleIds = List.copyOf(ruleIds);
  }

  /** Parses every directive among {@code comments}. */
  public static List<Suppression> parse(List<Token> comments) {
    List<Suppression> out = new ArrayList<>();
    for (Token t : comments) {
      if (!t.text().contains("lockstep:ignore")) {
        continue;
      }
      Matcher m = DIRECTIVE.matcher(t.text().trim());
      if (!m.matches()) {
        continue;
      }
      boolean file = m.group(1).equals("ignore-file");
      String rest = m.group(2);
      String reason = "";
      int sep = rest.indexOf("--");
      if (sep >= 0) {
        reason = rest.substring(sep + 2).trim();
        rest = rest.substring(0, sep);
      }
      List<String> ids = new ArrayList<>();
      for (String id : rest.split("[,\\s]+")) {
        if (!id.isBlank()) {
          ids.add(id.trim());
        }
      }
      out.add(new Suppression(file, ids, reason, t.span()));
    }
    return out;
  }
}
