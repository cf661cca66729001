package dev.lockstep.rules;

import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.Lexer;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.Optional;

@RuleInfo(
    id = "lexical-error",
    summary = "A statement contains an unterminated string, identifier or comment, or a character SQL does not allow",
    severity = Severity.ERROR,
    tags = {"syntax", "runtime-error"})
public final class LexicalError implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (ctx.operation() != ctx.statementOperations().get(0)) {
      return;
    }
    Optional<Token> error = StatementTokens.first(ctx, TokenKind.ERROR);
    if (error.isEmpty()) {
      return;
    }
    Token t = error.get();
    ctx.report(t.span(), "Syntax error: " + Lexer.describeError(t) + "; PostgreSQL rejects this statement, and"
            + " lockstep could not check it (nor anything it swallowed)")
        .help("Close the string, quoted identifier or comment (a quote inside a string is written twice: 'it''s'),"
            + " or remove the stray character.");
  }
}
