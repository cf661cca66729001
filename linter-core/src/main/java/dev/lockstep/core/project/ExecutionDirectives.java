package dev.lockstep.core.project;

import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads execution-model directives from a file's comments.
 *
 * <h2>Directives</h2>
 *
 * <ul>
 *   <li>{@code -- lockstep:execution <model>} (also inside a block comment), where {@code <model>}
 *       is {@code autocommit}, {@code transaction}, {@code implicit-transaction} or {@code
 *       transaction-per-run}: tells lockstep how the file really runs, whatever the tool. Use it
 *       when the tool is configured in a way lockstep cannot see (a runner that wraps files in a
 *       transaction, {@code psql -1}, Flyway {@code executeInTransaction} set globally). The first
 *       such directive wins; an unknown model is ignored (see {@link #problems}).
 *   <li>goose: a {@code -- +goose NO TRANSACTION} line makes the file {@link
 *       ExecutionModel#AUTOCOMMIT}.
 *   <li>dbmate: {@code -- migrate:up transaction:false} makes the file autocommit.
 *   <li>sqlx: a file whose first line starts with {@code -- no-transaction} is autocommit.
 * </ul>
 *
 * Tool directives only count for files of that tool, since other tools ignore them. Models that
 * depend on names or side files (popx {@code .autocommit.}, diesel {@code metadata.toml}, Flyway
 * {@code .sql.conf}) are already in {@link MigrationFile#executionModel()}.
 */
public final class ExecutionDirectives {
  private static final Pattern LOCKSTEP =
      Pattern.compile("(?i)^(?:--+|/\\*+)\\s*lockstep:execution\\b\\s*([A-Za-z_-]*)");
  private static final Pattern GOOSE_NO_TX =
      Pattern.compile("(?i)^--\\s*\\+goose\\s+no\\s+transaction\\s*$");
  private static final Pattern DBMATE_NO_TX =
      Pattern.compile("(?i)^--\\s*migrate:up\\b.*\\btransaction\\s*:\\s*false\\b.*$");

  private ExecutionDirectives() {}

  /**
   * The model {@code file} runs in, given its comments (all comments of the file, in order, as the
   * splitter reports them).
   */
  public static ExecutionModel effectiveModel(MigrationFile file, List<Token> comments) {
    Optional<ExecutionModel> own = lockstepDirective(comments);
    if (own.isPresent()) {
      return own.get();
    }
    for (Token t : comments) {
      String text = t.text().trim();
      switch (file.tool()) {
        case GOOSE -> {
          if (t.kind() == TokenKind.LINE_COMMENT && GOOSE_NO_TX.matcher(text).matches()) {
            return ExecutionModel.AUTOCOMMIT;
          }
        }
        case DBMATE -> {
          if (t.kind() == TokenKind.LINE_COMMENT && DBMATE_NO_TX.matcher(text).matches()) {
            return ExecutionModel.AUTOCOMMIT;
          }
        }
        case SQLX -> {
          if (t.kind() == TokenKind.LINE_COMMENT && t.start() == 0 && t.text().startsWith("-- no-transaction")) {
            return ExecutionModel.AUTOCOMMIT;
          }
        }
        default -> {}
      }
    }
    return file.executionModel();
  }

  /** The model named by the first valid {@code lockstep:execution} directive, if any. */
  public static Optional<ExecutionModel> lockstepDirective(List<Token> comments) {
    for (Token t : comments) {
      if (!ProjectDiscovery.containsIgnoreCase(t.text(), DIRECTIVE)) {
        continue;
      }
      Matcher m = LOCKSTEP.matcher(t.text().trim());
      if (m.find()) {
        Optional<ExecutionModel> model = ExecutionModel.fromId(m.group(1));
        if (model.isPresent()) {
          return model;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Directives that name no valid model, each as {@code (comment token, message)}, so the engine
   * can report them instead of silently ignoring them.
   */
  public static List<Problem> problems(List<Token> comments) {
    return comments.stream()
        .flatMap(
            t -> {
              if (!ProjectDiscovery.containsIgnoreCase(t.text(), DIRECTIVE)) {
                return java.util.stream.Stream.empty();
              }
              Matcher m = LOCKSTEP.matcher(t.text().trim());
              if (m.find() && ExecutionModel.fromId(m.group(1)).isEmpty()) {
                String got = m.group(1).isEmpty() ? "nothing" : "'" + m.group(1) + "'";
                return java.util.stream.Stream.of(
                    new Problem(
                        t,
                        "lockstep:execution expects one of "
                            + ExecutionModel.validIds()
                            + ", got "
                            + got));
              }
              return java.util.stream.Stream.empty();
            })
        .toList();
  }

  /**
   * Without this text (in any case) {@link #LOCKSTEP} cannot match, so nearly every comment is
   * skipped without running the pattern.
   */
  private static final String DIRECTIVE = "lockstep:execution";

  /** A malformed directive. */
  public record Problem(Token comment, String message) {}
}
