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
    String prefix = plainPrefix(root.get(), base);
    List<Finding> findings = new ArrayList<>();
    boolean moved = false;
    for (Finding x : f.findings()) {
      Plan plan = x.plan().isEmpty() ? null : move(x.plan().get(), root.get(), base, prefix);
      if (plan == null || plan == x.plan().get()) {
        findings.add(x);
      } else {
        findings.add(new Finding(x.ruleId(), x.severity(), x.message(), x.help(), x.statementIndex(), x.span(),
            x.fix(), Optional.of(plan)));
        moved = true;
      }
    }
    return moved ? new FileResult(f.path(), f.file(), f.text(), f.tool(), f.dialect(), f.executionModel(),
        f.statements(), findings) : f;
  }

  /**
   * What a plain relative path (see {@link #isPlainRelative}) below {@code root} becomes relative to
   * {@code base}: itself after this prefix (empty when the two are the same directory); null when
   * {@code root} is not {@code base} or a directory inside it, or paths do not use {@code /}.
   */
  static String plainPrefix(Path root, Path base) {
    if (!"/".equals(base.getFileSystem().getSeparator())) {
      return null;
    }
    if (root.equals(base)) {
      return "";
    }
    if (!root.startsWith(base)) {
      return null;
    }
    String inside = Paths.slashes(base.relativize(root));
    return isPlainRelative(inside) ? inside + "/" : null;
  }

  /**
   * The plan with its step paths relative to {@code base} (absolute and normalized); the same plan
   * when no path changes. A plain step path is only put after {@code prefix} ({@link #plainPrefix}),
   * when there is one.
   */
  private static Plan move(Plan plan, Path root, Path base, String prefix) {
    List<PlanStep> steps = new ArrayList<>();
    boolean moved = false;
    for (PlanStep s : plan.steps()) {
      if (s.path().isEmpty()) {
        steps.add(s);
        continue;
      }
      String from = s.path().get();
      String path = prefix != null && isPlainRelative(from) ? (prefix.isEmpty() ? from : prefix + from)
          : Paths.relativeToNormalized(base, root.resolve(from).normalize());
      if (path.equals(from)) {
        steps.add(s);
        continue;
      }
      steps.add(new PlanStep(s.kind(), s.title(), Optional.of(path), s.sql(), s.why()));
      moved = true;
    }
    return moved ? new Plan(plan.title(), steps) : plan;
  }

  /**
   * Whether {@code path} is relative and already normal with {@code /} separators: not empty, no
   * leading or trailing {@code /}, no empty, {@code .} or {@code ..} segment. Resolved against a
   * base and made relative to that base again, such a path comes back unchanged.
   */
  static boolean isPlainRelative(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) == '/' || path.charAt(n - 1) == '/') {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        int len = i - start;
        if (len == 0 || (len == 1 && path.charAt(start) == '.')
            || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
          return false;
        }
        start = i + 1;
      } else if (path.charAt(i) == '\0') {
        return false;
      }
    }
    return true;
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
