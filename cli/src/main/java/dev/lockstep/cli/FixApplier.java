package dev.lockstep.cli;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code lint --fix}: applies the automatic fixes of a lint result to the files in place. Fixes
 * whose edits overlap an earlier fix's are left for the next pass (the caller lints again); a file
 * changed on disk since it was linted is left alone.
 */
final class FixApplier {
  /** What one pass did. */
  record Applied(int fixes, int files) {}

  private FixApplier() {}

  static Applied apply(LintResult result) throws IOException {
    int fixes = 0;
    int files = 0;
    for (FileResult f : result.files()) {
      List<TextEdit> accepted = new ArrayList<>();
      int here = 0;
      for (Finding x : f.findings()) {
        if (x.fix().isEmpty()) {
          continue;
        }
        List<TextEdit> edits = x.fix().get().edits();
        if (edits.stream().allMatch(accepted::contains)) {
          continue; // the same edit, suggested by another finding
        }
        if (edits.stream().anyMatch(e -> accepted.stream().anyMatch(a -> overlaps(a, e)))) {
          continue;
        }
        accepted.addAll(edits);
        here++;
      }
      if (accepted.isEmpty()) {
        continue;
      }
      String onDisk = Files.readString(f.file(), StandardCharsets.UTF_8);
      if (!onDisk.equals(f.text())) {
        continue;
      }
      StringBuilder sb = new StringBuilder(f.text());
      accepted.stream().distinct()
          .sorted(Comparator.comparingInt((TextEdit e) -> e.span().start()).thenComparingInt(e -> e.span().end())
              .reversed())
          .forEach(e -> sb.replace(e.span().start(), e.span().end(), e.replacement()));
      Files.writeString(f.file(), sb.toString(), StandardCharsets.UTF_8);
      fixes += here;
      files++;
    }
    return new Applied(fixes, files);
  }

  /** Overlapping ranges, or two insertions at the same place (their order would be arbitrary). */
  private static boolean overlaps(TextEdit a, TextEdit b) {
    if (a.equals(b)) {
      return false;
    }
    int as = a.span().start();
    int ae = a.span().end();
    int bs = b.span().start();
    int be = b.span().end();
    if (as == ae && bs == be) {
      return as == bs;
    }
    return as < be && bs < ae || as == ae && as > bs && as < be || bs == be && bs > as && bs < ae;
  }
}
