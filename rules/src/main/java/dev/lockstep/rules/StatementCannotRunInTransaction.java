package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;

@RuleInfo(
    id = "statement-cannot-run-in-transaction",
    summary = "A statement that PostgreSQL refuses to run inside a transaction block runs inside one",
    severity = Severity.ERROR,
    tags = {"transactions", "runtime-error"})
public final class StatementCannotRunInTransaction implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.effects().transactional() || !ctx.transaction().inTransaction()) {
      return;
    }
    Operation op = ctx.operation();
    String command = Describe.command(op);
    TransactionState tx = ctx.transaction();
    String message;
    String help;
    if (tx.kind() == TransactionState.Kind.TOOL && ctx.file().tool().toolDetectsNonTransactional()
        && Describe.toolRecognizesNonTransactional(op)) {
      if (ctx.file().forwardStatements() <= 1) {
        return;
      }
      String tool = Describe.toolName(ctx.file().tool());
      message = command + " cannot run inside a transaction; " + tool + " notices this and wants to run the file"
          + " without a transaction, but the file mixes it with statements that run in one, so " + tool
          + " refuses the migration (unless mixed migrations are allowed, which runs every statement on its own"
          + " and leaves the file half-applied if a later statement fails)";
      help = "Move " + command + " into a migration of its own, so " + tool
          + " runs that migration without a transaction and the rest keeps its transaction.";
    } else if (tx.kind() == TransactionState.Kind.IMPLICIT) {
      String tool = Describe.toolName(ctx.file().tool());
      message = command + " cannot run inside a transaction block, but " + tool + " sends this multi-statement"
          + " file as one query, which PostgreSQL runs as one implicit transaction: the migration fails with"
          + " ERROR 25001 \"" + command + " cannot run inside a transaction block\"";
      String how = Describe.runOutsideTransaction(ctx.file());
      help = Character.toUpperCase(how.charAt(0)) + how.substring(1) + '.';
    } else if (tx.kind() == TransactionState.Kind.TOOL) {
      message = command + " cannot run inside a transaction block, but " + Describe.transactionPhrase(ctx)
          + ": the migration fails with ERROR 25001 \"" + command + " cannot run inside a transaction block\"";
      help = "To run it without a transaction, " + Describe.runOutsideTransaction(ctx.file()) + '.';
    } else {
      message = command + " cannot run inside a transaction block, but it runs between BEGIN and COMMIT: it fails"
          + " with ERROR 25001 \"" + command + " cannot run inside a transaction block\"";
      help = "Move it after the COMMIT (or before the BEGIN) so it runs on its own.";
    }
    RuleContext.FindingBuilder b = ctx.report(op.span(), message).help(help);
    if (ctx.statementOperations().size() == 1 && tx.kind() != TransactionState.Kind.EXPLICIT) {
      b.plan(Plans.plan(ctx.file(), "Run " + command + " in a migration of its own")
          .migration("Run " + command + " outside a transaction", Plans.slug(command),
              Describe.statementWith(ctx, ctx.statement().span().end(), ""), false,
              "it cannot run inside a transaction block")
          .build());
    }
  }
}
