package dev.lockstep.cli.report;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Severity;

/** Counts over a lint result. */
public record Summary(int files, int statements, int notUnderstood, int errors, int warnings, int infos) {

  public static Summary of(LintResult result) {
    int statements = 0;
    int unknown = 0;
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (FileResult f : result.files()) {
      for (StatementResult s : f.statements()) {
        statements++;
        if (!s.recognized()) {
          unknown++;
        }
      }
      for (Finding x : f.findings()) {
        if (x.severity() == Severity.ERROR) {
          errors++;
        } else if (x.severity() == Severity.WARNING) {
          warnings++;
        } else {
          infos++;
        }
      }
    }
    return new Summary(result.files().size(), statements, unknown, errors, warnings, infos);
  }

  /** {@code 2 errors, 1 warning in 10 files (54 statements, 1 not understood)}. */
  public String line() {
    StringBuilder sb = new StringBuilder();
    sb.append(count(errors, "error")).append(", ").append(count(warnings, "warning"));
    if (infos > 0) {
      sb.append(", ").append(infos).append(" info");
    }
    sb.append(" in ").append(count(files, "file"));
    sb.append(" (").append(count(statements, "statement")).append(", ").append(notUnderstood)
        .append(" not understood)");
    return sb.toString();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
