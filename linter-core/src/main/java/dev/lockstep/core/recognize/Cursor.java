package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in a statement's code tokens (without the terminating semicolon), with the small
 * vocabulary the recognizers are written in. Not thread-safe: one per recognition.
 */
final class Cursor {
  final Token[] toks;
  final String text;
  /** Exclusive end of the range this cursor reads. */
  int end;
  int pos;
  /**
   * Whether query reads may come from the token reader ({@link TokenReads}); false only to compare
   * its results with JSqlParser's.
   */
  boolean tokenReads = true;

  Cursor(Token[] toks, String text) {
    this(toks, text, 0, toks.length);
  }

  Cursor(Token[] toks, String text, int pos, int end) {
    this.toks = toks;
    this.text = text;
    this.pos = pos;
    this.end = end;
  }

  /** A cursor over {@code [from, to)} of the same tokens. */
  Cursor sub(int from, int to) {
    Cursor c = new Cursor(toks, text, from, to);
    c.tokenReads = tokenReads;
    return c;
  }

  /** Signals that a statement does not have a shape the recognizer understands. */
  static final class Fail extends RuntimeException {
    Fail(String message) {
      super(message, null, false, false);
    }
  }

  static Fail fail(String message) {
    return new Fail(message);
  }

  Fail failHere(String what) {
    if (pos >= end) {
      return new Fail(what + " expected at end of statement");
    }
    Token t = toks[pos];
    String shown = t.text().length() > 40 ? t.text().substring(0, 40) + "..." : t.text();
    return new Fail(what + " expected at '" + shown + "'");
  }

  boolean atEnd() {
    return pos >= end;
  }

  Token peek() {
    return pos < end ? toks[pos] : null;
  }

  Token peek(int k) {
    int i = pos + k;
    return i >= 0 && i < end ? toks[i] : null;
  }

  Token next() {
    if (pos >= end) {
      throw failHere("more input");
    }
    return toks[pos++];
  }

  boolean is(String kw) {
    return pos < end && toks[pos].is(kw);
  }

  boolean is(int k, String kw) {
    int i = pos + k;
    return i < end && toks[i].is(kw);
  }

  boolean isAny(String... kws) {
    return pos < end && toks[pos].isAny(kws);
  }

  boolean isSeq(String... kws) {
    if (pos + kws.length > end) {
      return false;
    }
    for (int i = 0; i < kws.length; i++) {
      if (!toks[pos + i].is(kws[i])) {
        return false;
      }
    }
    return true;
  }

  boolean accept(String kw) {
    if (is(kw)) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes the words {@code kws} if they all follow in order. */
  boolean acceptSeq(String... kws) {
    if (isSeq(kws)) {
      pos += kws.length;
      return true;
    }
    return false;
  }

  void expect(String kw) {
    if (!accept(kw)) {
      throw failHere(kw);
    }
  }

  boolean isKind(TokenKind kind) {
    return pos < end && toks[pos].kind() == kind;
  }

  boolean isKind(int k, TokenKind kind) {
    int i = pos + k;
    return i < end && toks[i].kind() == kind;
  }

  boolean isPunct(String p) {
    return pos < end && toks[pos].isPunct(p);
  }

  boolean acceptPunct(String p) {
    if (isPunct(p)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectPunct(String p) {
    if (!acceptPunct(p)) {
      throw failHere("'" + p + "'");
    }
  }

  /** Whether the token after the current one is an identifier. */
  boolean isIdent1() {
    return isIdentAt(pos + 1);
  }

  boolean isIdent() {
    return isIdentAt(pos);
  }

  static boolean isIdent(Token t) {
    return t.isName();
  }

  /** Consumes an identifier and returns it case-resolved. */
  String ident() {
    if (!isIdent()) {
      throw failHere("identifier");
    }
    return toks[pos++].identifier();
  }

  /** An identifier or string literal naming something ({@code 'value'} of an enum, a setting). */
  String identOrString() {
    if (isKind(TokenKind.STRING)) {
      return stringValue(toks[pos++]);
    }
    return ident();
  }

  /** A possibly qualified name; of {@code a.b.c} the last two parts are kept. */
  ObjectName name() {
    String first = ident();
    if (!isPunct(".") || !isIdentAt(pos + 1)) {
      return ObjectName.of(first);
    }
    pos++;
    String second = ident();
    if (isPunct(".") && isIdentAt(pos + 1)) {
      pos++;
      String third = ident();
      return ObjectName.of(second, third);
    }
    return ObjectName.of(first, second);
  }

  /**
   * Whether token {@code i} is an identifier, or a template placeholder that qualifies one ({@code
   * {{ .Schema }}.users}, {@code ${schema}.users}): the migration tool replaces it by a schema name,
   * and the same placeholder names the same schema throughout the history.
   */
  boolean isIdentAt(int i) {
    if (i >= end) {
      return false;
    }
    Token t = toks[i];
    return t.isName() || (i + 2 < end && t.qualifiesName(toks[i + 1], toks[i + 2]));
  }

  /** Comma-separated names, each optionally followed by {@code *}. */
  List<ObjectName> names() {
    List<ObjectName> out = new ArrayList<>(2);
    do {
      out.add(name());
      acceptPunct("*");
    } while (acceptPunct(","));
    return out;
  }

  /** Index of the token after the parenthesis group starting at {@code i} (which must be {@code (}). */
  int afterGroup(int i) {
    int depth = 0;
    for (int j = i; j < end; j++) {
      TokenKind k = toks[j].kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
        if (depth == 0) {
          return j + 1;
        }
      }
    }
    throw fail("unbalanced parentheses");
  }

  /** Skips a parenthesized group at the cursor. */
  void skipGroup() {
    if (!isKind(TokenKind.LPAREN)) {
      throw failHere("'('");
    }
    pos = afterGroup(pos);
  }

  /** Skips a parenthesized group if one is at the cursor. */
  boolean skipOptionalGroup() {
    if (isKind(TokenKind.LPAREN)) {
      pos = afterGroup(pos);
      return true;
    }
    return false;
  }

  /** Indexes of the top-level commas in {@code [from, to)}. */
  List<int[]> splitTopLevel(int from, int to) {
    List<int[]> parts = new ArrayList<>(4);
    int depth = 0;
    int start = from;
    for (int j = from; j < to; j++) {
      Token t = toks[j];
      TokenKind k = t.kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
      } else if (k == TokenKind.OPERATOR && depth >= 0) {
        String s = t.text();
        if (s.equals("[")) {
          depth++;
        } else if (s.equals("]")) {
          depth--;
        }
      } else if (k == TokenKind.COMMA && depth == 0) {
        parts.add(new int[] {start, j});
        start = j + 1;
      }
    }
    parts.add(new int[] {start, to});
    return parts;
  }

  /** The first index in {@code [from, to)} at parenthesis depth 0 holding word {@code kw}, or -1. */
  int findTopLevel(int from, int to, String kw) {
    int depth = 0;
    for (int j = from; j < to; j++) {
      Token t = toks[j];
      TokenKind k = t.kind();
      if (k == TokenKind.LPAREN) {
        depth++;
      } else if (k == TokenKind.RPAREN) {
        depth--;
      } else if (depth == 0 && t.is(kw)) {
        return j;
      }
    }
    return -1;
  }

  /** Span of tokens {@code [from, to)}. */
  Span span(int from, int to) {
    if (to <= from) {
      int at = from < toks.length ? toks[from].start() : (toks.length > 0 ? toks[toks.length - 1].end() : 0);
      return new Span(at, at);
    }
    return new Span(toks[from].start(), toks[to - 1].end());
  }

  String source(int from, int to) {
    if (to <= from) {
      return "";
    }
    return text.substring(toks[from].start(), toks[to - 1].end());
  }

  /** The content of a string literal token ({@code 'it''s'} → {@code it's}), or its text otherwise. */
  static String stringValue(Token t) {
    String s = t.text();
    if (t.kind() == TokenKind.STRING) {
      int q = s.indexOf('\'');
      if (q >= 0 && s.endsWith("'") && s.length() > q + 1) {
        return s.substring(q + 1, s.length() - 1).replace("''", "'");
      }
      return s;
    }
    if (t.kind() == TokenKind.DOLLAR_STRING) {
      int a = s.indexOf('$', 1);
      int b = s.lastIndexOf('$', s.length() - 2);
      if (a > 0 && b > a) {
        return s.substring(a + 1, b);
      }
    }
    return s;
  }
}
