package dev.lockstep.core.source;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Structural checks that every lexer and splitter result must pass. */
final class Invariants {
  private Invariants() {}

  /** Returns null when all invariants hold, else a description of the first violation. */
  static String check(String text, List<Token> tokens, SplitResult result) {
    int prevEnd = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.start() < prevEnd) {
        return "token " + i + " overlaps or is out of order at " + t.start();
      }
      if (t.end() <= t.start() || t.end() > text.length()) {
        return "token " + i + " has bad bounds [" + t.start() + "," + t.end() + ")";
      }
      for (int c = prevEnd; c < t.start(); c++) {
        if (!Lexer.isWhitespace(text.charAt(c))) {
          return "character " + c + " '" + text.charAt(c) + "' not covered by any token";
        }
      }
      if (!text.regionMatches(t.start(), t.text(), 0, t.text().length())
          || t.text().length() != t.end() - t.start()) {
        return "token " + i + " text differs from source";
      }
      prevEnd = t.end();
    }
    for (int c = prevEnd; c < text.length(); c++) {
      if (!Lexer.isWhitespace(text.charAt(c))) {
        return "trailing character " + c + " not covered by any token";
      }
    }

    Map<Token, Integer> owner = new IdentityHashMap<>();
    int prevStmtEnd = -1;
    for (int si = 0; si < result.statements().size(); si++) {
      SqlStatement s = result.statements().get(si);
      if (s.index() != si) {
        return "statement " + si + " has index " + s.index();
      }
      if (s.tokens().isEmpty()) {
        return "statement " + si + " is empty";
      }
      if (s.span().start() < prevStmtEnd) {
        return "statement " + si + " overlaps the previous one";
      }
      if (s.span().start() != s.tokens().get(0).start()
          || s.span().end() != s.tokens().get(s.tokens().size() - 1).end()) {
        return "statement " + si + " span does not match its tokens";
      }
      int boundary = prevStmtEnd;
      prevStmtEnd = s.span().end();
      int lastStart = -1;
      for (Token t : s.tokens()) {
        if (t.start() <= lastStart) {
          return "statement " + si + " tokens are out of order";
        }
        lastStart = t.start();
        if (t.kind().isComment()) {
          return "statement " + si + " contains a comment token";
        }
        if (Lexer.delimiterArgument(t) != null) {
          return "statement " + si + " contains a delimiter command";
        }
        if (owner.put(t, si) != null) {
          return "token at " + t.start() + " is in two statements";
        }
      }
      for (Token c : s.leadingComments()) {
        if (!c.kind().isComment() || c.end() > s.span().start() || c.start() < boundary) {
          return "statement " + si + " has a bad leading comment at " + c.start();
        }
      }
    }
    int comments = 0;
    for (Token t : tokens) {
      if (t.kind().isComment()) {
        comments++;
        continue;
      }
      if (Lexer.delimiterArgument(t) != null) {
        continue;
      }
      if (!owner.containsKey(t) && t.kind() != TokenKind.SEMICOLON) {
        return "code token '" + t.text() + "' at " + t.start() + " is in no statement";
      }
    }
    if (comments != result.comments().size()) {
      return "comment count " + result.comments().size() + " != " + comments;
    }
    return null;
  }
}
