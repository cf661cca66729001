package dev.lockstep.cli.report;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plan step paths are made relative to the base of the migration's own display path (the project
 * root); reports name files relative to the working directory. This moves each step's path to the
 * base the report names the migration itself from, so {@code lint m} shows {@code m/003_x.sql}
 * next to {@code m/002_y.sql}.
 */
public final class PlanPaths {
  private PlanPaths() {}

  /** {@code result} with every plan step path relative to {@code workDir}. */
  public static LintResult relativeTo(LintResult result, Path workDir) {
    Path base = workDir.toAbsolutePath().normalize();
    List<FileResult> in = result.files();
    FileResult[] files = new FileResult[in.size()];
    // files are independent: moved in parallel, kept in order
    java.util.stream.IntStream.range(0, files.length).parallel().forEach(i -> files[i] = relativeTo(in.get(i), base));
    return new LintResult(List.of(files), result.problems(), result.serverVersion());
  }

  private static FileResult relativeTo(FileResult f, Path base) {
    if (f.findings().stream().noneMatch(x -> x.plan().isPresent())) {
      return f;
    }
    Optional<Path> root = root(f);
    if (root.isEmpty()) {
      return f;
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding x : f.findings()) {
      findings.add(x.plan().isEmpty() ? x : new Finding(x.ruleId(), x.severity(), x.message(), x.help(),
          x.statementIndex(), x.span(), x.fix(), Optional.of(move(x.plan().get(), root.get(), base))));
    }
    return new FileResult(f.path(), f.file(), f.text(), f.tool(), f.dialect(), f.executionModel(), f.statements(),
        findings);
  }

  /** The plan with its step paths relative to {@code base} (absolute and normalized). */
  private static Plan move(Plan plan, Path root, Path base) {
    List<PlanStep> steps = new ArrayList<>();
    for (PlanStep s : plan.steps()) {
      steps.add(s.path().isEmpty() ? s : new PlanStep(s.kind(), s.title(),
          Optional.of(Paths.relativeToNormalized(base, root.resolve(s.path().get()).normalize())), s.sql(),
          s.why()));
    }
    return new Plan(plan.title(), steps);
  }

  /** The directory the file's display path is relative to, when the two agree. */
  static Optional<Path> root(FileResult f) {
    if (f.file() == null || f.path() == null || f.path().isEmpty() || Path.of(f.path()).isAbsolute()) {
      return Optional.empty();
    }
    Path file = f.file().toAbsolutePath().normalize();
    Path root = file;
    for (int i = 0; i < Path.of(f.path()).getNameCount() && root != null; i++) {
      root = root.getParent();
    }
    if (root == null || !root.resolve(f.path()).normalize().equals(file)) {
      return Optional.empty();
    }
    return Optional.of(root);
  }
}
