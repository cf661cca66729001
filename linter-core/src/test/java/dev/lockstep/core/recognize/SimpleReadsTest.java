package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token-level reading of simple statements gives what JSqlParser's tree gives. */
class SimpleReadsTest {

  private static Cursor cursor(String sql) {
    SqlStatement s = Splitter.split(sql, Dialect.POSTGRESQL).statements().get(0);
    return new Cursor(s.body().toArray(new Token[0]), sql);
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
  })
  void sameAsJsqlParser(String sql) {
    Cursor c = cursor(sql);
    List<TableRead> simple = SimpleReads.of(c, 0, c.end);
    assertNotNull(simple, sql);
    assertEquals(JsqlQueryTables.reads(sql, Set.of()), simple, sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE t SET a = 1 FROM u WHERE t.id = u.id",
      "UPDATE ONLY t SET a = 1",
      "UPDATE t SET a = (SELECT max(b) FROM u)",
      "UPDATE t SET a = CASE WHEN b THEN 1 ELSE 2 END",
      "UPDATE t SET a = 1 WHERE b = 1 OR c = 2",
      "UPDATE t SET a = 1 WHERE b NOT IN (1, 2)",
      "UPDATE t SET a = 1 WHERE b BETWEEN 1 AND 2",
      "UPDATE t SET a = 1 WHERE b LIKE 'x%'",
      "UPDATE t SET a = 1 WHERE data->>'k' = 'v'",
      "DELETE FROM t USING u WHERE t.id = u.id",
      "DELETE FROM t WHERE id IN (SELECT id FROM u)",
      "SELECT a FROM t JOIN u ON t.id = u.id",
      "SELECT a FROM t, u",
      "SELECT a FROM t ORDER BY a LIMIT 1",
      "SELECT count(*) FROM t",
      "SELECT t.* FROM t",
      "WITH x AS (SELECT 1) SELECT * FROM x",
      "INSERT INTO t (a) SELECT a FROM u ON CONFLICT DO NOTHING",
      "INSERT INTO t VALUES (1)",
      "UPDATE t SET a = 1 WHERE h IN (1, 2) AND i = 1",
  })
  void leftToJsqlParser(String sql) {
    Cursor c = cursor(sql);
    assertNull(SimpleReads.of(c, 0, c.end), sql);
  }
}
