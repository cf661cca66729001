package dev.lockstep.rules;

import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.Optional;

/** Lexical facts about the statement being checked. */
final class StatementTokens {
  private StatementTokens() {}

  static Optional<Token> first(RuleContext ctx, TokenKind kind) {
    // an indexed loop, not a stream or an iterator: every rule run asks this of every statement
    java.util.List<Token> tokens = ctx.statement().tokens();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == kind) {
        return Optional.of(tokens.get(i));
      }
    }
    return Optional.empty();
  }

  static boolean hasLexicalError(RuleContext ctx) {
    return first(ctx, TokenKind.ERROR).isPresent();
  }

  /**
   * The first template placeholder that does not qualify a name (the recognizer reads {@code {{
   * .Schema }}.users} as a schema and a table), else the first placeholder.
   */
  static Optional<Token> unresolvedTemplate(RuleContext ctx) {
    java.util.List<Token> tokens = ctx.statement().tokens();
    Token first = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != TokenKind.TEMPLATE) {
        continue;
      }
      if (i + 2 >= tokens.size() || !t.qualifiesName(tokens.get(i + 1), tokens.get(i + 2))) {
        return Optional.of(t);
      }
      if (first == null) {
        first = t;
      }
    }
    return Optional.ofNullable(first);
  }

  static boolean hasTemplate(RuleContext ctx) {
    return first(ctx, TokenKind.TEMPLATE).isPresent();
  }
}
