package dev.lockstep.rules;

import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.Optional;

/** Lexical facts about the statement being checked. */
final class StatementTokens {
  private StatementTokens() {}

  static Optional<Token> first(RuleContext ctx, TokenKind kind) {
    // a loop, not a stream: every rule run asks this of every statement
    for (Token t : ctx.statement().tokens()) {
      if (t.kind() == kind) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static boolean hasLexicalError(RuleContext ctx) {
    return first(ctx, TokenKind.ERROR).isPresent();
  }

  static boolean hasTemplate(RuleContext ctx) {
    return first(ctx, TokenKind.TEMPLATE).isPresent();
  }
}
