package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.Span;
import java.util.List;

@RuleInfo(
    id = "transaction-control-in-wrapped-file",
    summary = "BEGIN, COMMIT or ROLLBACK in a file the migration tool already runs in a transaction",
    severity = Severity.WARNING,
    tags = {"transactions"})
public final class TransactionControlInWrappedFile implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Operation op = ctx.operation();
    boolean begin = op instanceof Operation.Begin;
    boolean end = op instanceof Operation.Commit || op instanceof Operation.Rollback;
    FileInfo f = ctx.file();
    if (!(begin || end) || (f.executionModel() != ExecutionModel.TRANSACTION_PER_FILE
        && f.executionModel() != ExecutionModel.TRANSACTION_PER_RUN)) {
      return;
    }
    String tool = Describe.toolName(f.tool());
    String message;
    boolean removable;
    String text = f.text();
    Span stmt = ctx.statement().span();
    if (begin) {
      message = "BEGIN inside the transaction " + tool + " already opened for this file does nothing (PostgreSQL only"
          + " warns \"there is already a transaction in progress\")";
      removable = Describe.onlyComments(stripMarkers(text.substring(0, stmt.start())), f);
    } else {
      String word = op instanceof Operation.Commit ? "COMMIT" : "ROLLBACK";
      message = word + " ends the transaction " + tool + " opened for this file early: the statements after it run"
          + " without a transaction (a failure leaves them half-applied), and " + tool + "'s own COMMIT then finds no"
          + " transaction" + (word.equals("ROLLBACK") ? "; everything before it is undone although the migration is"
          + " recorded as applied" : "");
      removable = word.equals("COMMIT") && Describe.onlyComments(stripMarkers(text.substring(stmt.end())), f);
    }
    String help = tool + " already runs the file in one transaction: remove the BEGIN/COMMIT. If parts of the file"
        + " must run outside a transaction, move them into a migration of their own that runs without one ("
        + Describe.runOutsideTransaction(f) + ").";
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help);
    if (removable) {
      int from = stmt.start();
      int to = stmt.end();
      while (to < text.length() && (text.charAt(to) == ' ' || text.charAt(to) == '\t')) {
        to++;
      }
      if (to < text.length() && text.charAt(to) == '\r') {
        to++;
      }
      if (to < text.length() && text.charAt(to) == '\n') {
        to++;
      }
      b.fix(new Fix("Remove " + (begin ? "BEGIN" : "COMMIT"), List.of(new TextEdit(new Span(from, to), ""))));
    }
  }

  /** Drops goose/dbmate section markers, which are comments anyway, plus any down section after them. */
  private static String stripMarkers(String text) {
    int down = indexOfIgnoreCase(text, "-- +goose down");
    if (down < 0) {
      down = indexOfIgnoreCase(text, "-- migrate:down");
    }
    return down >= 0 ? text.substring(0, down) : text;
  }

  private static int indexOfIgnoreCase(String text, String needle) {
    return text.toLowerCase(java.util.Locale.ROOT).indexOf(needle);
  }
}
