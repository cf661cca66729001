package dev.lockstep.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionDirectivesTest {

  private static MigrationFile file(MigrationTool tool) {
    return new MigrationFile(
        Path.of("/x/1_a.sql").toAbsolutePath(),
        "1_a.sql",
        tool,
        tool.defaultExecutionModel(),
        "1",
        "a",
        Direction.UP,
        Dialect.POSTGRESQL);
  }

  private static Token line(int start, String text) {
    return new Token(TokenKind.LINE_COMMENT, start, start + text.length(), text);
  }

  @Test
  void gooseNoTransaction() {
    List<Token> comments = List.of(line(0, "-- +goose Up"), line(13, "-- +goose NO TRANSACTION"));
    assertEquals(ExecutionModel.AUTOCOMMIT, ExecutionDirectives.effectiveModel(file(MigrationTool.GOOSE), comments));
    // Other tools ignore goose's directive.
    assertEquals(
        ExecutionModel.TRANSACTION_PER_FILE,
        ExecutionDirectives.effectiveModel(file(MigrationTool.FLYWAY), comments));
    assertEquals(
        ExecutionModel.TRANSACTION_PER_FILE,
        ExecutionDirectives.effectiveModel(file(MigrationTool.GOOSE), List.of(line(0, "-- +goose Up"))));
  }

  @Test
  void dbmateTransactionFalse() {
    assertEquals(
        ExecutionModel.AUTOCOMMIT,
        ExecutionDirectives.effectiveModel(
            file(MigrationTool.DBMATE), List.of(line(0, "-- migrate:up transaction:false"))));
    assertEquals(
        ExecutionModel.TRANSACTION_PER_FILE,
        ExecutionDirectives.effectiveModel(file(MigrationTool.DBMATE), List.of(line(0, "-- migrate:up"))));
  }

  @Test
  void sqlxNoTransactionOnlyOnTheFirstLine() {
    assertEquals(
        ExecutionModel.AUTOCOMMIT,
        ExecutionDirectives.effectiveModel(file(MigrationTool.SQLX), List.of(line(0, "-- no-transaction"))));
    assertEquals(
        ExecutionModel.TRANSACTION_PER_FILE,
        ExecutionDirectives.effectiveModel(file(MigrationTool.SQLX), List.of(line(20, "-- no-transaction"))));
  }

  @Test
  void lockstepDirectiveWinsForAnyTool() {
    assertEquals(
        ExecutionModel.TRANSACTION_PER_FILE,
        ExecutionDirectives.effectiveModel(
            file(MigrationTool.PLAIN), List.of(line(0, "-- lockstep:execution transaction"))));
    assertEquals(
        ExecutionModel.AUTOCOMMIT,
        ExecutionDirectives.effectiveModel(
            file(MigrationTool.PRISMA),
            List.of(new Token(TokenKind.BLOCK_COMMENT, 0, 34, "/* lockstep:execution autocommit */"))));
    assertEquals(
        ExecutionModel.IMPLICIT_TRANSACTION,
        ExecutionDirectives.effectiveModel(
            file(MigrationTool.GOOSE),
            List.of(line(0, "-- +goose NO TRANSACTION"), line(30, "-- lockstep:execution implicit-transaction"))));
  }

  @Test
  void badLockstepDirectiveIsIgnoredAndReported() {
    List<Token> comments = List.of(line(0, "-- lockstep:execution sometimes"));
    assertEquals(
        ExecutionModel.IMPLICIT_TRANSACTION,
        ExecutionDirectives.effectiveModel(file(MigrationTool.PRISMA), comments));
    List<ExecutionDirectives.Problem> problems = ExecutionDirectives.problems(comments);
    assertEquals(1, problems.size());
    assertEquals(
        "lockstep:execution expects one of implicit-transaction, transaction, transaction-per-run,"
            + " autocommit, got 'sometimes'",
        problems.get(0).message());
  }
}
