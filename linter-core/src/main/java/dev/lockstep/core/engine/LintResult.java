package dev.lockstep.core.engine;

import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Severity;
import java.util.List;

/** Everything one lint run produced. */
public record LintResult(List<FileResult> files, List<Problem> problems, int serverVersion) {
  public LintResult {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
  }

  public long count(Severity atLeast) {
    return files.stream().flatMap(f -> f.findings().stream()).filter(f -> f.severity().atLeast(atLeast)).count();
  }

  public List<Finding> findings() {
    return files.stream().flatMap(f -> f.findings().stream()).toList();
  }
}
