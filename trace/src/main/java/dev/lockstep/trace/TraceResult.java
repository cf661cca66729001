package dev.lockstep.trace;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.ir.ObjectName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a PostgreSQL server did when lockstep ran a migration history on it.
 *
 * @param serverVersion {@code SHOW server_version} of the server
 * @param major its major version, which the predictions were made for
 * @param database {@code embedded} or the URL (without password) of the user's database
 * @param disposable whether the database could be changed for good (the embedded server's); on a
 *     user's database everything ran in one transaction that was rolled back
 * @param files the files asked for (all forward files of a folder, or the named files), sorted by
 *     path, with lockstep's prediction and what the server did
 * @param problems inputs that could not be traced
 * @param failures the statements that failed, one per history at most (a history stops at its first failure)
 */
public record TraceResult(String serverVersion, int major, String database, boolean disposable, List<FileTrace> files,
    List<Problem> problems, List<Failure> failures) {

  public TraceResult {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
    failures = List.copyOf(failures);
  }

  /** Whether any observed statement differs from lockstep's prediction. */
  public boolean hasDifferences() {
    return files.stream().flatMap(f -> f.statements().stream()).anyMatch(s -> !s.differences().isEmpty());
  }

  /**
   * One file asked for.
   *
   * @param lint the file as {@code lockstep lint} sees it: statements, predicted effects, findings
   * @param outcome {@code committed}, {@code rolled-back} (on a user's database, always), {@code failed}
   *     or {@code not-run} (an earlier migration failed)
   * @param statements what happened to each statement, same order and size as {@code lint.statements()}
   */
  public record FileTrace(FileResult lint, String outcome, List<StatementTrace> statements) {
    public FileTrace {
      statements = List.copyOf(statements);
    }
  }

  /**
   * One statement.
   *
   * @param index the statement's index in its file
   * @param run {@code ran}, {@code failed}, {@code not-run} (after a failure), {@code transaction-control}
   *     ({@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}: carried out by lockstep, not observed) or
   *     {@code skipped} (a down section)
   * @param method how it was observed: {@code in-transaction} (pg_locks and statistics of its own session
   *     before and after, inside the transaction it runs in) or {@code watched} (it cannot run in a
   *     transaction block: other sessions watched it run)
   * @param durationMs wall-clock time of the statement (for {@code watched}, including the pauses the
   *     observation causes)
   * @param error the server's error, when it failed
   * @param observed per relation that existed before the statement: the strongest lock it acquired,
   *     rewrite and scan
   * @param differences where the server did something other than lockstep predicted
   * @param notes remarks ("held earlier", relations created by the statement, ...)
   */
  public record StatementTrace(int index, String run, Optional<String> method, Optional<Double> durationMs,
      Optional<ServerError> error, List<ObservedRelation> observed, List<Difference> differences, List<String> notes) {
    public StatementTrace {
      observed = List.copyOf(observed);
      differences = List.copyOf(differences);
      notes = List.copyOf(notes);
    }

    static StatementTrace of(int index, String run, String note) {
      return new StatementTrace(index, run, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
          note == null ? List.of() : List.of(note));
    }
  }

  /**
   * One relation as the server treated it during one statement.
   *
   * @param lock the strongest lock mode the statement acquired on it (empty: none new)
   * @param heldEarlier the strongest lock the transaction already held on it before the statement,
   *     when that covers what lockstep predicted for the statement
   * @param seqTupRead rows read by sequential scans of the statement
   */
  public record ObservedRelation(ObjectName relation, RelationKind kind, Optional<LockMode> lock,
      Optional<LockMode> heldEarlier, boolean rewrite, boolean scan, long seqTupRead) {}

  /** A difference between lockstep's prediction and what the server did. */
  public record Difference(String relation, String aspect, String predicted, String observed) {
    public String message() {
      return (relation.equals("-") ? "" : relation + " ") + aspect + ": predicted " + predicted + ", observed "
          + observed;
    }
  }

  /** An error the server raised. */
  public record ServerError(String sqlState, String message) {}

  /**
   * The statement a history stopped at.
   *
   * @param file its file
   * @param line 1-based line of the statement
   * @param statement the statement's text
   * @param notRun the later migrations of the history that were not run, in order
   * @param rolledBack what the failure undid (the file, its transaction, or only the statement)
   */
  public record Failure(Path file, int line, int statementIndex, String statement, ServerError error,
      List<Path> notRun, String rolledBack) {
    public Failure {
      notRun = List.copyOf(notRun);
    }
  }
}
