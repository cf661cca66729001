package dev.lockstep.rules;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "parse-error",
    summary = "A statement lockstep could not understand, so nothing about it was checked",
    severity = Severity.WARNING,
    tags = {"syntax"})
public final class ParseError implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.Unrecognized u) || StatementTokens.hasLexicalError(ctx)
        || StatementTokens.hasTemplate(ctx)) {
      return;
    }
    String reason = u.reason().isBlank() ? "" : " (" + u.reason() + ")";
    ctx.report(u.span(), "lockstep could not understand this statement" + reason + ", so its locks, rewrites and"
            + " compatibility were not checked")
        .help("Check the statement for typos. If it is valid PostgreSQL, review its locking by hand and report the"
            + " statement to the lockstep project; suppress this finding with '-- lockstep:ignore parse-error' once"
            + " reviewed.");
  }
}
