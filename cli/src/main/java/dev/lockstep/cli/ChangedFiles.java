package dev.lockstep.cli;

import dev.lockstep.core.service.LintOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The files added, copied, modified or renamed since a git ref, for {@code lint --changed-since}:
 * the diff from the merge base of the ref and {@code HEAD} (the ref itself when they share no
 * history) to the working tree, plus untracked files that are not ignored. On a pull request
 * whose base branch is the ref, that is exactly the pull request's changes.
 */
final class ChangedFiles {
  private final Set<Path> files;

  private ChangedFiles(Set<Path> files) {
    this.files = Set.copyOf(files);
  }

  Set<Path> files() {
    return files;
  }

  /** The options with every file that did not change excluded from linting (it is still history). */
  LintOptions restrict(LintOptions o) {
    Predicate<Path> unchanged = p -> !files.contains(canonical(p));
    return new LintOptions(o.serverVersion(), o.tool(), o.dialect(), o.rules(), o.overlays(),
        o.excluded().or(unchanged), o.plainExecutionModel());
  }

  static ChangedFiles since(Path workDir, String ref) {
    return since(workDir, java.util.Map.of(), ref);
  }

  /**
   * With the caller's environment variables: git sees them over this process's own (a daemon runs
   * commands for callers with other environments), and no {@code GIT_*} variable the caller lacks.
   */
  static ChangedFiles since(Path workDir, java.util.Map<String, String> env, String ref) {
    if (ref.isBlank() || ref.startsWith("-")) {
      throw new UsageException("invalid --changed-since '" + ref + "': expected a git ref (a branch, tag or commit)");
    }
    Result top = git(env, workDir, "rev-parse", "--show-toplevel");
    if (top.exit() != 0) {
      throw new UsageException("--changed-since needs a git repository, but " + workDir + " is not in one: "
          + top.err().strip());
    }
    Path root = canonical(Path.of(top.out().strip()));
    Result verify = git(env, root, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (verify.exit() != 0) {
      throw new UsageException("--changed-since: unknown git ref '" + ref + "' (in a shallow CI checkout, fetch"
          + " it first, e.g. 'git fetch origin " + ref.replaceFirst("^origin/", "") + "', or check out with"
          + " fetch-depth: 0)");
    }
    String base = verify.out().strip();
    Result mergeBase = git(env, root, "merge-base", base, "HEAD");
    if (mergeBase.exit() == 0 && !mergeBase.out().isBlank()) {
      base = mergeBase.out().strip();
    }
    Result diff = git(env, root, "-c", "core.quotepath=off", "diff", "--name-only", "-z", "--diff-filter=ACMR", base,
        "--");
    if (diff.exit() != 0) {
      throw new UsageException("--changed-since: git diff failed: " + diff.err().strip());
    }
    Result untracked = git(env, root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name");
    Set<Path> changed = new HashSet<>();
    for (String out : List.of(diff.out(), untracked.exit() == 0 ? untracked.out() : "")) {
      for (String name : out.split("\u0000")) {
        if (!name.isEmpty()) {
          changed.add(canonical(root.resolve(name)));
        }
      }
    }
    return new ChangedFiles(changed);
  }

  static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result git(java.util.Map<String, String> env, Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    if (!env.isEmpty()) {
      pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") && !env.containsKey(k));
      pb.environment().putAll(env);
    }
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      String out = readAll(p.getInputStream());
      int exit = p.waitFor();
      return new Result(exit, out, err.get());
    } catch (IOException e) {
      throw new UsageException("--changed-since needs git on PATH: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException("--changed-since: interrupted while running git", e);
    } catch (ExecutionException e) {
      throw new UsageException("--changed-since: cannot read git's output: " + e.getMessage(), e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
