package dev.lockstep.core.project;

import java.util.List;
import java.util.Objects;

/**
 * What discovery found for a list of inputs.
 *
 * @param sets every migration history touched by the inputs, sorted by root then dialect then tool
 * @param problems inputs that could not be used (missing, unreadable, empty directory), sorted by
 *     path; the other inputs are still discovered
 * @param skipped files found but deliberately not linted, with the reason (migrations for a
 *     database other than PostgreSQL and MySQL), sorted by path
 */
public record DiscoveryResult(List<Target> sets, List<InputProblem> problems, List<InputProblem> skipped) {

  public DiscoveryResult {
    sets = List.copyOf(sets);
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
  }

  /**
   * A migration history and the files of it to lint. The engine replays {@code set.files()} up to
   * each target for context.
   *
   * @param set the full ordered history
   * @param targets the files to lint, in execution order: every forward file for a directory
   *     input, the named file (forward or down) for a file input
   */
  public record Target(MigrationSet set, List<MigrationFile> targets) {
    public Target {
      Objects.requireNonNull(set, "set");
      targets = List.copyOf(targets);
    }
  }

  /** Every file to lint, across sets. */
  public List<MigrationFile> allTargets() {
    return sets.stream().flatMap(t -> t.targets().stream()).toList();
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
