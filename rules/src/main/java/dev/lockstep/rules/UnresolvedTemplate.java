package dev.lockstep.rules;

import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.Token;
import java.util.Optional;

@RuleInfo(
    id = "unresolved-template",
    summary = "A statement contains a template placeholder that the migration tool substitutes, so it was not checked",
    severity = Severity.INFO,
    tags = {"syntax"})
public final class UnresolvedTemplate implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.operation() != ctx.statementOperations().get(0) || StatementTokens.hasLexicalError(ctx)) {
      return;
    }
    boolean unrecognized = ctx.statementOperations().stream()
        .anyMatch(o -> o instanceof dev.lockstep.core.ir.Operation.Unrecognized);
    Optional<Token> template = StatementTokens.unresolvedTemplate(ctx);
    if (template.isEmpty() || !unrecognized) {
      return;
    }
    ctx.report(ctx.statement().span(), "This statement contains the template placeholder " + template.get().text()
            + ", which the migration tool replaces before running it; lockstep cannot know the final SQL, so the"
            + " statement was not checked")
        .help("Review this statement by hand, or lint the rendered SQL.");
  }
}
