package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableRead.Condition;
import dev.lockstep.core.ir.TableRead.Match;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token-level reading of queries gives what JSqlParser's tree gives, and reads right where that tree is wrong. */
class TokenReadsTest {

  private static Cursor cursor(String sql) {
    SqlStatement s = Splitter.split(sql, Dialect.POSTGRESQL).statements().get(0);
    return new Cursor(s.body().toArray(new Token[0]), sql);
  }

  private static List<TableRead> reads(String sql) {
    Cursor c = cursor(sql);
    return TokenReads.of(c, 0, c.end, Set.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE \"Rule\" SET \"systemType\" = 'TO_REPLY' WHERE \"name\" = 'To Reply'",
      "UPDATE event_push_actions SET thread_id = 'main' WHERE thread_id IS NULL",
      "UPDATE prices SET pricing_tier_id = model_id || '_tier_default' WHERE pricing_tier_id IS NULL",
      "UPDATE monitors SET severity = 'PAUSED' WHERE status <> 'ACTIVE'",
      "UPDATE \"Rule\" SET \"groupId\" = NULL, \"from\" = NULL, \"to\" = NULL WHERE \"type\" = 'AI'",
      "UPDATE \"in_app_agent_runs\" SET \"finished_at\" = NOW(), \"error_code\" = 'stale' WHERE \"status\" = 'x'",
      "UPDATE \"EmailAccount\" SET \"id\" = gen_random_uuid()::TEXT WHERE \"id\" IS NULL",
      "UPDATE s.t AS x SET a = b, c = d + 1 WHERE x.e = 1 AND f > 2 AND g IS NOT NULL AND i = j AND h IN (1, 2)",
      "UPDATE t x SET a = 1 WHERE y.a = 1 AND x.b <= 3 AND 4 = c AND k IN (m)",
      "UPDATE t SET a = -b WHERE (a) = 1 AND a::text = 'x' AND lower(a) = 'y' AND a = b + 1",
      "UPDATE t SET a = 1 RETURNING id, a AS b",
      "UPDATE t SET current_period_end = now() WHERE current_period_end < current_timestamp",
      "DELETE FROM t WHERE id = 1",
      "DELETE FROM public.t AS d WHERE d.id < 10 AND d.x IS NULL",
      "DELETE FROM t",
      "SELECT setval('s', 10, false)",
      "SELECT 1",
      "SELECT * FROM t WHERE a = 1",
      "SELECT a, b AS c, d e, * FROM s.t WHERE a = 'x' AND b >= 1",
      "SELECT count(x) FROM t",
      "INSERT INTO t (a, b) SELECT a, b FROM u WHERE c = 1",
      "INSERT INTO t SELECT 1, 2",
      // joins, subqueries, WITH, set operations
      "UPDATE t SET a = 1 FROM u WHERE t.id = u.id",
      "UPDATE t SET a = (SELECT max(b) FROM u)",
      "UPDATE t SET a = CASE WHEN b THEN 1 ELSE 2 END",
      "UPDATE t SET a = 1 WHERE b = 1 OR c = 2",
      "UPDATE t SET a = 1 WHERE (b = 1 AND c = 2) OR (b = 3 AND d > 4)",
      "UPDATE t SET a = 1 WHERE b NOT IN (1, 2)",
      "UPDATE t SET a = 1 WHERE b BETWEEN 1 AND 2 AND c = 3",
      "UPDATE t SET a = 1 WHERE b LIKE 'x%' AND c ILIKE 'y' AND d NOT LIKE 'z'",
      "UPDATE t SET a = 1 WHERE data->>'k' = 'v'",
      "DELETE FROM t USING u WHERE t.id = u.id",
      "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE u.x = 1)",
      "DELETE FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id = t.u_id)",
      "SELECT a FROM t JOIN u ON t.id = u.id",
      "SELECT a FROM t LEFT JOIN u ON u.id = t.id AND u.x = 1 RIGHT JOIN v USING (id) WHERE t.y = 1",
      "SELECT a FROM t FULL OUTER JOIN u ON t.id = u.id CROSS JOIN w NATURAL JOIN z",
      "SELECT a FROM t, u",
      "SELECT a FROM t ORDER BY a LIMIT 1",
      "SELECT a FROM t WHERE b = 2 ORDER BY a DESC NULLS LAST, c FETCH FIRST 5 ROWS ONLY",
      "SELECT count(*) FROM t",
      "SELECT t.* FROM t",
      "SELECT s.t.*, u.a FROM s.t, u",
      "WITH x AS (SELECT 1) SELECT * FROM x",
      "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r",
      "WITH a AS MATERIALIZED (SELECT id FROM t WHERE k = 1), b AS (SELECT * FROM a JOIN u ON u.id = a.id) "
          + "UPDATE v SET x = b.y FROM b WHERE v.id = b.id",
      "INSERT INTO t (a) SELECT a FROM u ON CONFLICT DO NOTHING",
      "INSERT INTO t VALUES (1)",
      "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 1",
      "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u WHERE c = 1)",
      "SELECT x FROM (SELECT a AS x FROM t WHERE b = 1) s WHERE x IN (SELECT c FROM u)",
      "SELECT a FROM t WHERE b = 1 AND c IN (1, 2)",
      "SELECT a FROM t WHERE (a, b) = (1, 2) AND (c) = 3",
      "SELECT CASE WHEN a THEN b ELSE c END, d::int, CAST(e AS text), DATE '2020-01-01', interval '1 day' FROM t",
      "SELECT sum(x) OVER (PARTITION BY p ORDER BY o), array_agg(y ORDER BY z), row_number() OVER w FROM t WINDOW w AS (ORDER BY q)",
      "SELECT extract(epoch from ts), coalesce(a, b), greatest(c, 1) FROM t WHERE e IS DISTINCT FROM 1",
      "SELECT count(t.*), row_to_json(t.*) FROM t",
      "SELECT a FROM t WHERE a = ANY(ARRAY['x', 'y']) AND b = ANY($1) AND c > ALL(ARRAY[d])",
      "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b",
      "SELECT a FROM t GROUP BY a HAVING count(*) > 1",
      "SELECT a FROM t JOIN LATERAL (SELECT b FROM u WHERE u.id = t.id LIMIT 1) l ON true",
      "SELECT e FROM t, jsonb_array_elements(t.data) AS e(x), generate_series(1, 3) WITH ORDINALITY g",
      "SELECT a FROM (t JOIN u ON t.id = u.id) WHERE a = 1",
      "SELECT v FROM (VALUES (1), (2)) AS v(x)",
      "SELECT a FROM t WHERE a::text[] @> ARRAY['x']::text[] AND (c).f = 3",
      "SELECT a FROM t WHERE a = 1 FOR UPDATE SKIP LOCKED",
      "SELECT a, current_user, localtimestamp FROM t WHERE b < current_date",
  })
  void sameAsJsqlParser(String sql) {
    List<TableRead> tokens = reads(sql);
    assertNotNull(tokens, sql);
    assertEquals(JsqlQueryTables.reads(sql, Set.of()), tokens, sql);
  }

  private static TableRead read(String table, List<Condition> conditions, List<String> columns) {
    return new TableRead(ObjectName.of(table), conditions, columns, false, false, true);
  }

  private static Condition eq(String column) {
    return new Condition(List.of(column), Match.EQUALS_CONSTANT, false);
  }

  private static Condition other(String column) {
    return new Condition(List.of(column), Match.OTHER_CONSTANT, false);
  }

  @Test
  void inListFollowedByAndKeepsBothConditions() {
    // JSqlParser reads "h IN (1, 2) AND i = 1" as one IN whose list goes on with the AND
    assertEquals(List.of(read("t", List.of(eq("h"), eq("i")), List.of("*", "h", "i"))),
        reads("SELECT * FROM t WHERE h IN (1, 2) AND i = 1"));
  }

  @Test
  void anySubqueryIsReadLikeIn() {
    // JSqlParser keeps the condition but drops the subquery's table
    assertEquals(List.of(read("u", List.of(), List.of("x")), read("t", List.of(other("a")), List.of("*", "a"))),
        reads("SELECT * FROM t WHERE a = ANY (SELECT x FROM u)"));
  }

  @Test
  void filterAndTimeZoneAndSubstringArgumentsAreColumns() {
    assertEquals(List.of(read("t", List.of(), List.of("x", "y", "z", "w", "v"))),
        reads("SELECT count(x) FILTER (WHERE y > 1), z AT TIME ZONE w, substring(v FROM 2) FROM t"));
    assertEquals(List.of(read("t", List.of(), List.of("a", "v", "w", "u"))),
        reads("UPDATE t SET a = CASE WHEN position('/' IN v) = 0 THEN trim(BOTH ' ' FROM w) "
            + "ELSE overlay(u PLACING 'x' FROM 1 FOR 2) END"));
  }

  @Test
  void defaultAndDollarQuotesAreNotColumns() {
    assertEquals(List.of(read("t", List.of(eq("c")), List.of("a", "b", "c"))),
        reads("UPDATE t SET a = DEFAULT, b = $$x$$ WHERE c = $q$y$q$"));
  }

  @Test
  void dataModifyingWithQueriesAreLeftToTheirOwnOperation() {
    assertEquals(List.of(read("r", List.of(), List.of("d")), read("s", List.of(eq("f")), List.of("e", "f"))),
        reads("WITH x AS (INSERT INTO p (a) SELECT b FROM q RETURNING id), y AS (SELECT d FROM r) "
            + "UPDATE s SET e = 1 WHERE f = 1"));
  }

  @Test
  void deleteUsingASubquery() {
    assertEquals(List.of(read("c", List.of(), List.of("id", "k")),
            new TableRead(ObjectName.of("c"), List.of(new Condition(List.of("k"), Match.JOIN, false)),
                List.of("k", "id"), false, false, true)),
        reads("DELETE FROM c a USING (SELECT min(id) AS id, k FROM c GROUP BY k HAVING count(*) > 1) b "
            + "WHERE a.k = b.k AND a.id <> b.id"));
  }

  @Test
  void anArrayElementIsNotTheColumn() {
    // an index on b does not find b[1] = 2; JSqlParser reads it as b = 2
    assertEquals(List.of(read("t", List.of(), List.of("a", "b"))), reads("SELECT a FROM t WHERE b[1] = 2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE ONLY t SET a = 1",
      "INSERT INTO t (a) SELECT u.a FROM u JOIN w ON w.id = u.id ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a",
      "SELECT create_hypertable('t', 'ts', if_not_exists := true, migrate_data => true)",
      "DELETE FROM c WHERE NOT EXISTS (SELECT FROM p WHERE p.id = c.p_id)",
  })
  void readWhereJsqlParserCannot(String sql) {
    assertNull(JsqlQueryTables.reads(sql, Set.of()), sql);
    assertNotNull(reads(sql), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE t SET a = 1, b = 2 c = 3",
      "SELECT a FROM t GROUP BY GROUPING SETS ((a), ())",
      "TABLE t",
      "SELECT a FROM t WHERE a = 1 = true",
      "WITH x AS (SELECT 1) SEARCH DEPTH FIRST BY a SET o SELECT * FROM x",
      "SELECT a FROM t TABLESAMPLE SYSTEM (1)",
      "UPDATE t SET a = 1 WHERE CURRENT OF c",
  })
  void leftToJsqlParser(String sql) {
    assertNull(reads(sql), sql);
  }
}
