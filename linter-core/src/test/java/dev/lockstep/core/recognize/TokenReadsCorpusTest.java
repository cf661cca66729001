package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Recognizes every statement of the PostgreSQL corpus twice: with query reads from the token
 * reader, and with query reads from JSqlParser's tree only. The operations must be the same,
 * except for statements where JSqlParser misreads PostgreSQL in one of the ways {@link TokenReads}
 * names; those are counted by kind.
 */
class TokenReadsCorpusTest {

  @Test
  void sameOperationsAsWithJsqlParserReads() throws IOException {
    Path corpus = RecognitionCoverageTest.corpusDir();
    Path list = corpus.resolve("postgresql.txt");
    Assumptions.assumeTrue(Files.isRegularFile(list), "corpus not found at " + list + "; skipping");
    Recognizer tokens = new Recognizer();
    Recognizer jsql = new Recognizer(true, false);
    int statements = 0;
    int withReads = 0;
    Map<String, Integer> explained = new TreeMap<>();
    List<String> unexplained = new ArrayList<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String text = Files.readString(corpus.resolve(line.strip()), StandardCharsets.UTF_8);
      for (SqlStatement s : Splitter.split(text, Dialect.POSTGRESQL).statements()) {
        statements++;
        List<Operation> a = tokens.recognize(s, text, Dialect.POSTGRESQL);
        List<Operation> b = jsql.recognize(s, text, Dialect.POSTGRESQL);
        if (a.stream().anyMatch(op -> !reads(op).isEmpty())) {
          withReads++;
        }
        if (a.equals(b)) {
          continue;
        }
        String why = quirk(s, b, s.text(text));
        if (why != null) {
          explained.merge(why, 1, Integer::sum);
        } else {
          unexplained.add(line.strip() + ":" + s.index() + "\n    " + abbreviate(s.text(text)) + "\n    tokens: "
              + a.stream().map(TokenReadsCorpusTest::reads).toList() + "\n    jsql:   "
              + b.stream().map(TokenReadsCorpusTest::reads).toList());
        }
      }
    }
    System.out.printf(Locale.ROOT, "query reads: %d statements, %d with reads; different from JSqlParser's: %s, "
        + "unexplained %d%n", statements, withReads, explained, unexplained.size());
    unexplained.stream().limit(40).forEach(u -> System.out.println("  " + u));
    assertTrue(withReads > 1000, "too few statements with reads: " + withReads);
    assertEquals(0, unexplained.size(), () -> "differences without a known JSqlParser misreading, first:\n"
        + String.join("\n", unexplained.subList(0, Math.min(10, unexplained.size()))));
  }

  /** The reads an operation carries, if any. */
  @SuppressWarnings("unchecked")
  static List<TableRead> reads(Operation op) {
    if (!op.getClass().isRecord()) {
      return List.of();
    }
    for (RecordComponent rc : op.getClass().getRecordComponents()) {
      if (rc.getName().equals("reads")) {
        try {
          return (List<TableRead>) rc.getAccessor().invoke(op);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.of();
  }

  /** The JSqlParser misreading in the statement that explains a difference, or null. */
  private static String quirk(SqlStatement s, List<Operation> jsql, String sql) {
    if (jsql.stream().flatMap(op -> reads(op).stream()).anyMatch(r -> !r.known())
        || JsqlQueryTables.reads(sql, java.util.Set.of()) == null) {
      return "not parsed by JSqlParser";
    }
    List<Token> t = s.body();
    for (int k = 0; k < t.size(); k++) {
      Token tok = t.get(k);
      if (tok.kind() == TokenKind.DOLLAR_STRING) {
        return "dollar-quoted constant read as a column";
      }
      if (tok.isAny("in") && k + 1 < t.size() && t.get(k + 1).kind() == TokenKind.LPAREN) {
        int close = close(t, k + 1);
        if (close + 1 < t.size() && t.get(close + 1).is("and")) {
          return "IN (...) AND read as one IN";
        }
      }
      if (tok.isAny("any", "some", "all") && k + 2 < t.size() && t.get(k + 1).kind() == TokenKind.LPAREN
          && t.get(k + 2).isAny("select", "with")) {
        return "= ANY (subquery) loses the subquery";
      }
      if (tok.is("default") && k > 0 && t.get(k - 1).isPunct("=")) {
        return "SET col = DEFAULT read as a column";
      }
      if (tok.is("filter") && k + 2 < t.size() && t.get(k + 1).kind() == TokenKind.LPAREN
          && t.get(k + 2).is("where")) {
        return "FILTER (WHERE ...) not visited";
      }
      if (tok.isAny("substring", "trim", "position", "overlay") && k + 1 < t.size()
          && t.get(k + 1).kind() == TokenKind.LPAREN) {
        int close = close(t, k + 1);
        for (int j = k + 2; j < close; j++) {
          if (t.get(j).isAny("from", "for", "placing", "in")) {
            return "arguments of substring(x FROM ...) and the like not visited";
          }
        }
      }
      if (tok.is("zone") && k > 0 && t.get(k - 1).is("time") && k + 1 < t.size()
          && t.get(k + 1).kind() != TokenKind.STRING) {
        return "AT TIME ZONE expression not visited";
      }
    }
    return null;
  }

  private static int close(List<Token> t, int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      if (t.get(k).kind() == TokenKind.LPAREN) {
        depth++;
      } else if (t.get(k).kind() == TokenKind.RPAREN && --depth == 0) {
        return k;
      }
    }
    return t.size();
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 400 ? one.substring(0, 400) + "..." : one;
  }
}
