package dev.lockstep.core.rule;

import java.util.Comparator;
import java.util.List;

/**
 * Text edits in the same file that make a finding go away and are safe to apply automatically.
 *
 * @param title short imperative description ("Add CONCURRENTLY")
 * @param edits non-overlapping edits
 */
public record Fix(String title, List<TextEdit> edits) {
  public Fix {
    edits = List.copyOf(edits);
  }

  /** Applies the edits to {@code text}. */
  public String apply(String text) {
    StringBuilder sb = new StringBuilder(text);
    List<TextEdit> sorted = edits.stream()
        .sorted(Comparator.comparingInt((TextEdit e) -> e.span().start()).reversed()).toList();
    for (TextEdit e : sorted) {
      sb.replace(e.span().start(), e.span().end(), e.replacement());
    }
    return sb.toString();
  }
}
