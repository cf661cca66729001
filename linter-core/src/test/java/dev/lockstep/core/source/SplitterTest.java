package dev.lockstep.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitterTest {

  private static SplitResult split(String text) {
    return split(text, Dialect.POSTGRESQL);
  }

  private static SplitResult split(String text, Dialect d) {
    List<Token> tokens = Lexer.lex(text, d);
    SplitResult r = Splitter.split(tokens, d);
    assertNull(Invariants.check(text, tokens, r), "invariants");
    return r;
  }

  private static List<String> texts(String text) {
    return texts(text, Dialect.POSTGRESQL);
  }

  private static List<String> texts(String text, Dialect d) {
    List<String> out = new ArrayList<>();
    for (SqlStatement s : split(text, d).statements()) {
      out.add(s.text(text));
    }
    return out;
  }

  private static List<String> commentTexts(List<Token> comments) {
    List<String> out = new ArrayList<>();
    for (Token t : comments) {
      out.add(t.text());
    }
    return out;
  }

  @Test
  void basicSplit() {
    String text = "CREATE TABLE a (id int);\nALTER TABLE a ADD b int;\n";
    SplitResult r = split(text);
    assertEquals(List.of("CREATE TABLE a (id int);", "ALTER TABLE a ADD b int;"), texts(text));
    SqlStatement s = r.statements().get(1);
    assertEquals(1, s.index());
    assertTrue(s.terminated());
    assertEquals(Section.WHOLE, s.section());
    assertEquals("ALTER", s.tokens().get(0).text());
    assertEquals(";", s.tokens().get(s.tokens().size() - 1).text());
    assertEquals(6, s.body().size());
  }

  @Test
  void trailingStatementWithoutSemicolon() {
    SplitResult r = split("SELECT 1;\nSELECT 2\n-- end\n");
    assertEquals(2, r.statements().size());
    SqlStatement last = r.statements().get(1);
    assertFalse(last.terminated());
    assertEquals("SELECT 2", last.text("SELECT 1;\nSELECT 2\n-- end\n"));
    assertEquals(List.of("-- end"), commentTexts(r.comments()));
  }

  @Test
  void loneSemicolonsAreNotStatements() {
    String text = ";\n-- lead\n;;SELECT 1;;\n; SELECT 2; ;";
    SplitResult r = split(text);
    assertEquals(List.of("SELECT 1;", "SELECT 2;"), texts(text));
    assertEquals(List.of("-- lead"), commentTexts(r.statements().get(0).leadingComments()));
    assertEquals(0, r.statements().get(0).index());
    assertEquals(1, r.statements().get(1).index());
  }

  @Test
  void onlyCommentsMeansNoStatements() {
    SplitResult r = split("-- nothing here\n/* really */\n");
    assertEquals(0, r.statements().size());
    assertEquals(2, r.comments().size());
  }

  @Test
  void semicolonsInsideQuotesAndComments() {
    String text = "INSERT INTO t VALUES ('a;b', $$c;d$$, \"e;f\"); -- g;h\n/* i; */ SELECT E'\\';';";
    assertEquals(List.of("INSERT INTO t VALUES ('a;b', $$c;d$$, \"e;f\");", "SELECT E'\\';';"),
        texts(text));
  }

  @Test
  void leadingAndInnerComments() {
    String text = "-- first\nSELECT 1;\n-- lockstep:ignore\n/* why */\nALTER TABLE t -- inner\n  ADD c int;";
    SplitResult r = split(text);
    assertEquals(List.of("-- first"), commentTexts(r.statements().get(0).leadingComments()));
    assertEquals(List.of("-- lockstep:ignore", "/* why */"),
        commentTexts(r.statements().get(1).leadingComments()));
    assertEquals(4, r.comments().size());
    assertTrue(r.statements().get(1).tokens().stream().noneMatch(t -> t.kind().isComment()));
  }

  @Test
  void trailingCommentOnSameLineLeadsNextStatement() {
    SplitResult r = split("SELECT 1; -- about the next\nSELECT 2;");
    assertEquals(List.of(), r.statements().get(0).leadingComments());
    assertEquals(List.of("-- about the next"), commentTexts(r.statements().get(1).leadingComments()));
  }

  @Test
  void goose() {
    String text = String.join("\n",
        "-- +goose NO TRANSACTION",
        "-- +goose Up",
        "-- note",
        "CREATE TABLE a (id int);",
        "-- +goose StatementBegin",
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;",
        "UPDATE a SET id = 1;",
        "-- +goose StatementEnd",
        "CREATE INDEX CONCURRENTLY i ON a (id);",
        "-- +goose Down",
        "-- +goose StatementBegin",
        "DROP FUNCTION f();",
        "DROP TABLE a",
        "-- +goose StatementEnd",
        "");
    SplitResult r = split(text);
    List<SqlStatement> st = r.statements();
    assertEquals(4, st.size());
    assertEquals(Section.UP, st.get(0).section());
    assertEquals(List.of("-- note"), commentTexts(st.get(0).leadingComments()));
    assertTrue(st.get(1).text(text).startsWith("CREATE FUNCTION"));
    assertTrue(st.get(1).text(text).endsWith("UPDATE a SET id = 1;"));
    assertTrue(st.get(1).terminated());
    assertEquals(List.of("-- +goose StatementBegin"), commentTexts(st.get(1).leadingComments()));
    assertEquals("CREATE INDEX CONCURRENTLY i ON a (id);", st.get(2).text(text));
    assertEquals(List.of(), st.get(2).leadingComments());
    assertEquals(Section.UP, st.get(2).section());
    assertEquals(Section.DOWN, st.get(3).section());
    assertEquals("DROP FUNCTION f();\nDROP TABLE a", st.get(3).text(text));
    assertFalse(st.get(3).terminated());
    assertEquals("-- +goose NO TRANSACTION", r.comments().get(0).text());
  }

  @Test
  void gooseMarkerEndsUnterminatedStatement() {
    String text = "-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2;";
    SplitResult r = split(text);
    assertEquals(2, r.statements().size());
    assertFalse(r.statements().get(0).terminated());
    assertEquals(Section.UP, r.statements().get(0).section());
    assertEquals(Section.DOWN, r.statements().get(1).section());
  }

  @Test
  void dbmate() {
    String text = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n";
    SplitResult r = split(text);
    assertEquals(2, r.statements().size());
    assertEquals(Section.UP, r.statements().get(0).section());
    assertEquals(Section.DOWN, r.statements().get(1).section());
    assertEquals(List.of(), r.statements().get(0).leadingComments());
    assertEquals(2, r.comments().size());
  }

  @Test
  void statementsBeforeAnyMarkerAreWhole() {
    SplitResult r = split("SET x = 1;\n-- migrate:up\nSELECT 1;");
    assertEquals(Section.WHOLE, r.statements().get(0).section());
    assertEquals(Section.UP, r.statements().get(1).section());
  }

  @Test
  void drizzleBreakpoints() {
    String text = "CREATE TABLE a (id int);--> statement-breakpoint\nALTER TABLE a ADD b int;\n"
        + "--> statement-breakpoint\nCREATE INDEX i ON a (b)\n--> statement-breakpoint\nSELECT 1;";
    SplitResult r = split(text);
    assertEquals(List.of("CREATE TABLE a (id int);", "ALTER TABLE a ADD b int;", "CREATE INDEX i ON a (b)",
        "SELECT 1;"), texts(text));
    assertTrue(r.statements().get(1).terminated());
    assertFalse(r.statements().get(2).terminated());
    assertTrue(r.statements().get(3).terminated());
    for (SqlStatement s : r.statements()) {
      assertEquals(List.of(), s.leadingComments());
    }
    assertEquals(3, r.comments().size());
  }

  @Test
  void delimiterDolphinschedulerStyle() {
    String text = String.join("\n",
        "-- modify",
        "delimiter d//",
        "CREATE OR REPLACE FUNCTION f() RETURNS void AS $$",
        "BEGIN",
        "  ALTER TABLE t RENAME COLUMN a TO b;",
        "END;",
        "$$ LANGUAGE plpgsql;",
        "d//",
        "",
        "select f();",
        "DROP FUNCTION IF EXISTS f();",
        "ALTER TABLE t DROP COLUMN IF EXISTS c;",
        "");
    SplitResult r = split(text);
    List<SqlStatement> st = r.statements();
    assertEquals(4, st.size(), texts(text).toString());
    assertTrue(st.get(0).text(text).endsWith("LANGUAGE plpgsql;\nd//"));
    assertEquals("d//", st.get(0).tokens().get(st.get(0).tokens().size() - 1).text());
    assertEquals(TokenKind.SEMICOLON, st.get(0).tokens().get(st.get(0).tokens().size() - 1).kind());
    assertEquals(";", st.get(0).body().get(st.get(0).body().size() - 1).text());
    assertEquals(List.of("-- modify"), commentTexts(st.get(0).leadingComments()));
    assertEquals("select f();", st.get(1).text(text));
    assertEquals("ALTER TABLE t DROP COLUMN IF EXISTS c;", st.get(3).text(text));
  }

  @Test
  void delimiterMysqlStyle() {
    String text = String.join("\n",
        "drop PROCEDURE if EXISTS p;",
        "DELIMITER //",
        "CREATE DEFINER=`root`@`localhost` PROCEDURE p()",
        "BEGIN",
        "  IF NOT EXISTS (SELECT 1) THEN",
        "    ALTER TABLE t ADD c int;",
        "  END IF;",
        "END//",
        "DELIMITER ;",
        "CALL p;",
        "DROP PROCEDURE p;");
    SplitResult r = split(text, Dialect.MYSQL);
    List<SqlStatement> st = r.statements();
    assertEquals(4, st.size(), texts(text, Dialect.MYSQL).toString());
    assertTrue(st.get(1).text(text).startsWith("CREATE DEFINER"));
    assertTrue(st.get(1).text(text).endsWith("END//"));
    assertTrue(st.get(1).terminated());
    assertEquals("CALL p;", st.get(2).text(text));
    for (SqlStatement s : st) {
      assertTrue(s.tokens().stream().noneMatch(t -> t.kind() == TokenKind.PSQL_META));
    }
  }

  @Test
  void delimiterModeStatementsStillEndAtSemicolon() {
    String text = "DELIMITER $$\nSELECT 1;\nSELECT 2$$\nDELIMITER ;\n";
    assertEquals(List.of("SELECT 1;", "SELECT 2$$"), texts(text, Dialect.MYSQL));
  }

  @Test
  void psqlMetaStatements() {
    String text = "\\set ON_ERROR_STOP on\nSELECT 1;\n-- c\n\\connect other\nSELECT format('x') \\gexec\nSELECT 2\n\\gexec\n";
    SplitResult r = split(text);
    List<SqlStatement> st = r.statements();
    assertEquals(List.of("\\set ON_ERROR_STOP on", "SELECT 1;", "\\connect other", "SELECT format('x')",
        "\\gexec", "SELECT 2", "\\gexec"), texts(text));
    assertTrue(st.get(0).terminated());
    assertEquals(TokenKind.PSQL_META, st.get(0).tokens().get(0).kind());
    assertEquals(List.of("-- c"), commentTexts(st.get(2).leadingComments()));
    assertFalse(st.get(3).terminated());
    assertTrue(st.get(4).terminated());
  }

  @Test
  void copyDataIsAStatementOfItsOwn() {
    String text = "COPY t FROM stdin;\n1;2\n\\.\nALTER TABLE t ADD c int;";
    assertEquals(List.of("COPY t FROM stdin;", "1;2\n\\.", "ALTER TABLE t ADD c int;"), texts(text));
    assertEquals(TokenKind.PSQL_META, split(text).statements().get(1).tokens().get(0).kind());
  }

  @Test
  void beginAtomic() {
    String text = String.join("\n",
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql",
        "BEGIN ATOMIC",
        "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;",
        "  SELECT a + 1;",
        "END;",
        "BEGIN;",
        "SELECT 1;",
        "COMMIT;");
    assertEquals(4, texts(text).size(), texts(text).toString());
    assertTrue(texts(text).get(0).endsWith("END;"));
    assertEquals("BEGIN;", texts(text).get(1));
  }

  @Test
  void beginAtomicWithFunctionNamedRepeat() {
    String text = "CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT repeat('a', 2); END;\nSELECT 1;";
    assertEquals(2, texts(text).size(), texts(text).toString());
    String ret = "CREATE FUNCTION g(a int) RETURNS int RETURN CASE WHEN a > 0 THEN 1 END;\nSELECT 2;";
    assertEquals(2, texts(ret).size());
  }

  @Test
  void mysqlRoutinesWithoutDelimiter() {
    String text = String.join("\n",
        "DROP PROCEDURE IF EXISTS p;",
        "CREATE PROCEDURE p(IN t VARCHAR(64))",
        "BEGIN",
        "  DECLARE s VARCHAR(10) DEFAULT REPEAT('-', 3);",
        "  IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = t) THEN",
        "    SET @q = CONCAT('ALTER TABLE ', t, ' ADD c int;');",
        "    PREPARE stmt FROM @q;",
        "    EXECUTE stmt;",
        "  ELSE",
        "    SET @x = IF(1 > 0, 'a', 'b');",
        "  END IF;",
        "  lbl: LOOP",
        "    LEAVE lbl;",
        "  END LOOP lbl;",
        "  WHILE 1 = 0 DO SET @y = 1; END WHILE;",
        "  REPEAT SET @z = 1; UNTIL 1 END REPEAT;",
        "  SET @w = CASE WHEN 1 THEN 2 ELSE 3 END;",
        "END;",
        "CALL p('t');",
        "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 1; END IF;",
        "DROP PROCEDURE p;");
    List<String> st = texts(text, Dialect.MYSQL);
    assertEquals(5, st.size(), String.join("\n----\n", st));
    assertTrue(st.get(1).startsWith("CREATE PROCEDURE") && st.get(1).endsWith("END;"));
    assertEquals("CALL p('t');", st.get(2));
    assertTrue(st.get(3).endsWith("END IF;"));
  }

  @Test
  void tableNamedLikeARoutineKeywordDoesNotOpenBlocks() {
    String text = "CREATE TABLE event (id int, `begin` int, loop_count int);\nCREATE TABLE x (a int);";
    assertEquals(2, texts(text, Dialect.MYSQL).size());
    String pg = "CREATE TABLE event (id int, begin_at int);\nCREATE TABLE x (a int);";
    assertEquals(2, texts(pg).size());
  }

  @Test
  void createRuleWithMultipleActions() {
    String text = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); UPDATE c SET n = n + 1;);\nSELECT 1;";
    List<String> st = texts(text);
    assertEquals(2, st.size(), st.toString());
    assertTrue(st.get(0).endsWith("n + 1;);"));
  }

  @Test
  void strayParenDoesNotSwallowTheFile() {
    String text = "ALTER TABLE t ADD CHECK ((a > 0);\nCREATE INDEX i ON t (a);\nDROP TABLE x;";
    assertEquals(3, texts(text).size());
    String rule = "CREATE OR REPLACE RULE r AS ON UPDATE TO t DO (SELECT 1;\nCREATE INDEX i ON t (a);\nDROP TABLE x;";
    List<String> st = texts(rule);
    assertEquals(3, st.size(), st.toString());
  }

  @Test
  void unterminatedStringIsReportedAndKept() {
    String text = "SELECT 1;\nSELECT 'oops;\nSELECT 2;\n";
    SplitResult r = split(text);
    assertEquals(2, r.statements().size());
    assertFalse(r.statements().get(1).terminated());
    assertEquals(1, r.problems().size());
    assertEquals("unterminated string constant", r.problems().get(0).message());
    assertEquals(text.indexOf("'oops"), r.problems().get(0).span().start());
    assertEquals(text.length(), r.problems().get(0).span().end());
  }

  @Test
  void strayCharacterIsAProblemButStaysInItsStatement() {
    String text = "SELECT 1 } 2;";
    SplitResult r = split(text);
    assertEquals(1, r.statements().size());
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).message().contains("}"));
  }

  @Test
  void templatesStayInStatements() {
    String text = "alter table {{ index .Options \"Namespace\" }}.users add column x int;\n"
        + "CREATE TABLE ${schema}.t (id $%AUTO_INCREMENT_PRIMARY_KEY%$);";
    SplitResult r = split(text);
    assertEquals(2, r.statements().size());
    assertEquals(TokenKind.TEMPLATE, r.statements().get(0).tokens().get(2).kind());
    assertEquals(0, r.problems().size());
  }

  @Test
  void crlfFile() {
    String text = "-- +goose Up\r\nSELECT 1;\r\n-- +goose Down\r\nSELECT 2;\r\n";
    SplitResult r = split(text);
    assertEquals(2, r.statements().size());
    assertEquals(Section.DOWN, r.statements().get(1).section());
    assertEquals("SELECT 2;", r.statements().get(1).text(text));
  }

  @Test
  void markerRecognition() {
    assertEquals(Splitter.Marker.GOOSE_UP, marker("-- +goose Up"));
    assertEquals(Splitter.Marker.GOOSE_UP, marker("--+goose up"));
    assertEquals(Splitter.Marker.GOOSE_BEGIN, marker("-- +goose StatementBegin"));
    assertEquals(Splitter.Marker.GOOSE_END, marker("-- +goose StatementEnd"));
    assertEquals(Splitter.Marker.NONE, marker("-- +goose NO TRANSACTION"));
    assertEquals(Splitter.Marker.DBMATE_UP, marker("-- migrate:up"));
    assertEquals(Splitter.Marker.DBMATE_DOWN, marker("--migrate:down"));
    assertEquals(Splitter.Marker.NONE, marker("-- migrate:upgrade"));
    assertEquals(Splitter.Marker.BREAKPOINT, marker("--> statement-breakpoint"));
    assertEquals(Splitter.Marker.NONE, marker("-- statement-breakpoint"));
  }

  private static Splitter.Marker marker(String comment) {
    return Splitter.markerOf(Lexer.lex(comment, Dialect.POSTGRESQL).get(0));
  }
}
