package dev.lockstep.core.recognize;

import static dev.lockstep.core.recognize.R.expr;
import static dev.lockstep.core.recognize.R.name;
import static dev.lockstep.core.recognize.R.op;
import static dev.lockstep.core.recognize.R.ops;
import static dev.lockstep.core.recognize.R.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.Operation.AddColumn;
import dev.lockstep.core.ir.Operation.Delete;
import dev.lockstep.core.ir.Operation.Insert;
import dev.lockstep.core.ir.Operation.Query;
import dev.lockstep.core.ir.Operation.Update;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Splitter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DmlAndExpressionTest {

  private static Span whole(String sql) {
    String t = sql.strip();
    if (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1);
    }
    return span(sql, t);
  }

  @Test
  void update() {
    String sql = "UPDATE \"User\" u SET \"role\" = 'ADMIN', (a, b) = (1, 2), data['k'] = '1' WHERE u.id > 10 "
        + "RETURNING id;";
    // JSqlParser does not read this one: the target is read in a way lockstep cannot tell
    assertEquals(new Update(whole(sql), name("User"), List.of("role", "a", "b", "data"),
        Optional.of(expr(sql, "u.id > 10", Volatility.IMMUTABLE, false)), false,
        List.of(TableRead.unknown(name("User")))), op(sql, Update.class));
    String all = "UPDATE public.t SET x = now()";
    assertEquals(new Update(whole(all), name("public", "t"), List.of("x"), Optional.empty(), false,
        List.of(new TableRead(name("public", "t"), List.of(), List.of("x"), false, false, true))),
        op(all, Update.class));
    Update byKey = op("UPDATE t SET x = 1 WHERE t.id = 5 AND (a > 1 OR b IS NULL)", Update.class);
    assertEquals(List.of(new TableRead.Condition(List.of("id"), TableRead.Match.EQUALS_CONSTANT, false),
        new TableRead.Condition(List.of("a", "b"), TableRead.Match.OTHER_CONSTANT, true)),
        byKey.reads().get(0).conditions());
  }

  @Test
  void batchedUpdatesAndDeletes() {
    assertTrue(op("UPDATE t SET x = 1 WHERE id IN (SELECT id FROM t WHERE x IS NULL LIMIT 1000)", Update.class)
        .batched());
    assertTrue(op("UPDATE t SET x = 1 WHERE ctid = ANY(ARRAY(SELECT ctid FROM t WHERE x IS NULL LIMIT 5000))",
        Update.class).batched());
    assertTrue(op("WITH batch AS (SELECT id FROM t WHERE x IS NULL LIMIT 100) UPDATE t SET x = 1 FROM batch "
        + "WHERE t.id = batch.id", Update.class).batched());
    assertFalse(op("UPDATE t SET x = 1 WHERE id IN (SELECT id FROM other)", Update.class).batched());
    assertFalse(op("UPDATE t SET x = 1 WHERE x IS NULL", Update.class).batched());

    String del = "DELETE FROM ONLY logs AS l WHERE id IN (SELECT id FROM logs ORDER BY id LIMIT 500)";
    Delete d = op(del, Delete.class);
    assertEquals(name("logs"), d.relation());
    assertTrue(d.batched());
    assertEquals("id IN (SELECT id FROM logs ORDER BY id LIMIT 500)", d.where().orElseThrow().text());
    String delAll = "DELETE FROM \"Session\"";
    assertEquals(new Delete(whole(delAll), name("Session"), Optional.empty(), false,
        List.of(new TableRead(name("Session"), List.of(), List.of(), false, false, true))), op(delAll, Delete.class));
  }

  @Test
  void insert() {
    String v = "INSERT INTO \"Setting\" (\"key\", \"value\") VALUES ('a', 'b') ON CONFLICT (\"key\") DO NOTHING";
    assertEquals(new Insert(whole(v), name("Setting"), false, Insert.OnConflict.inferredTarget(), List.of(), List.of("key", "value"),
        List.of(List.of(Optional.of("a"), Optional.of("b")))), op(v, Insert.class));
    assertEquals(Insert.OnConflict.withoutTarget(),
        op("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", Insert.class).onConflict());
    assertEquals(Insert.OnConflict.onConstraint("T_pkey"), op(
        "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT \"T_pkey\" DO UPDATE SET a = 2", Insert.class)
        .onConflict());
    assertEquals(Insert.OnConflict.inferredTarget(),
        op("INSERT INTO t (a) VALUES (1) ON CONFLICT (lower(a)) WHERE a > 0 DO NOTHING", Insert.class).onConflict());
    assertEquals(Insert.OnConflict.NONE, op("INSERT INTO t (a) VALUES (1)", Insert.class).onConflict());
    String q = "INSERT INTO archive.users SELECT * FROM users WHERE deleted";
    assertEquals(new Insert(whole(q), name("archive", "users"), true, Insert.OnConflict.NONE,
        List.of(new TableRead(name("users"), List.of(), List.of("*", "deleted"), false, false, true)), List.of(),
        List.of()), op(q, Insert.class));
    Insert rows = op("INSERT INTO t VALUES (1, timestamp '2025-01-01', now()), (-2, 'x'::text, NULL)", Insert.class);
    assertEquals(List.of(List.of(Optional.of("1"), Optional.of("2025-01-01"), Optional.empty()),
        List.of(Optional.of("-2"), Optional.of("x"), Optional.of("NULL"))), rows.rows());
    assertFalse(op("INSERT INTO t DEFAULT VALUES", Insert.class).fromQuery());
    assertTrue(op("WITH x AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM x", Insert.class).fromQuery());
  }

  @Test
  void queries() {
    String sql = "SELECT u.id, count(*) FROM \"User\" u JOIN public.orders o ON o.user_id = u.id "
        + "WHERE EXISTS (SELECT 1 FROM audit a) GROUP BY u.id";
    Query q = op(sql, Query.class);
    assertEquals(whole(sql), q.span());
    assertEquals(List.of(name("User"), name("public", "orders"), name("audit")).stream().sorted().toList(),
        q.tables().stream().sorted().toList());
    Query cte = op("WITH recent AS (SELECT * FROM events) SELECT * FROM recent", Query.class);
    assertEquals(List.of(name("events")), cte.tables());
    assertEquals(List.of(), op("SELECT setval('s', 10)", Query.class).tables());
    assertEquals(List.of(), op("VALUES (1), (2)", Query.class).tables());
    assertEquals(List.of(name("s", "t")), op("TABLE s.t", Query.class).tables());

    Recognizer tokenOnly = new Recognizer(false);
    String text = "SELECT * FROM a, b AS bb LEFT JOIN c ON true WHERE extract(epoch FROM now()) > 0";
    SqlStatement s = Splitter.split(text, Dialect.POSTGRESQL).statements().get(0);
    Query tq = (Query) tokenOnly.recognize(s, text, Dialect.POSTGRESQL).get(0);
    assertEquals(List.of(name("a"), name("b"), name("c")), tq.tables());
  }

  @Test
  void dataModifyingCtesAndSelectInto() {
    String sql = "WITH moved AS (DELETE FROM queue WHERE done RETURNING *) INSERT INTO archive SELECT * FROM moved";
    List<Operation> ops = ops(sql);
    assertEquals(2, ops.size());
    assertEquals(new Delete(span(sql, "DELETE FROM queue WHERE done RETURNING *"), name("queue"),
        Optional.of(expr(sql, "done", Volatility.IMMUTABLE, false)), false,
        List.of(new TableRead(name("queue"), List.of(), List.of("done"), false, false, true))), ops.get(0));
    // the rows come from the CTE, which is no table
    assertEquals(new Insert(whole(sql), name("archive"), true, Insert.OnConflict.NONE), ops.get(1));

    String into = "SELECT id, count(*) INTO TEMP TABLE counts FROM t GROUP BY id";
    Operation.CreateTable ct = op(into, Operation.CreateTable.class);
    assertEquals(name("counts"), ct.relation());
    assertTrue(ct.asQuery());
    assertTrue(ct.temporary());
  }

  @Test
  void updateFromLimitedSubqueryIsBatched() {
    assertTrue(op("UPDATE site SET creator_id = sub.id FROM (SELECT id FROM person LIMIT 1) AS sub", Update.class)
        .batched());
    assertFalse(op("UPDATE site SET creator_id = (SELECT id FROM person LIMIT 1) WHERE creator_id IS NULL",
        Update.class).batched());
  }

  @Test
  void jsqlParserRecoversDmlTheTokenReaderRejects() {
    String sql = "INSERT t (a) VALUES (1)";
    assertEquals(new Insert(whole(sql), name("t"), false, Insert.OnConflict.NONE), op(sql, Insert.class));
    assertEquals(Insert.OnConflict.onConstraint("T_pkey"),
        op("INSERT t (a) VALUES (1) ON CONFLICT ON CONSTRAINT \"T_pkey\" DO NOTHING", Insert.class).onConflict());
    assertEquals(Insert.OnConflict.inferredTarget(),
        op("INSERT t (a) VALUES (1) ON CONFLICT (a) DO NOTHING", Insert.class).onConflict());
    assertEquals(Insert.OnConflict.withoutTarget(),
        op("INSERT t (a) VALUES (1) ON CONFLICT DO NOTHING", Insert.class).onConflict());
    SqlStatement s = Splitter.split(sql, Dialect.POSTGRESQL).statements().get(0);
    assertTrue(new Recognizer(false).recognize(s, sql, Dialect.POSTGRESQL).get(0) instanceof Operation.Unrecognized);
  }

  private static Expr dflt(String sqlType) {
    return op("ALTER TABLE t ADD COLUMN c " + sqlType, AddColumn.class).column().defaultValue().orElseThrow();
  }

  @Test
  void volatilityAndConstants() {
    assertEquals(Volatility.VOLATILE, dflt("uuid DEFAULT gen_random_uuid()").volatility());
    assertEquals(Volatility.VOLATILE, dflt("uuid DEFAULT uuid_generate_v4()").volatility());
    assertEquals(Volatility.VOLATILE, dflt("timestamptz DEFAULT clock_timestamp()").volatility());
    assertEquals(Volatility.VOLATILE, dflt("bigint DEFAULT nextval('s'::regclass)").volatility());
    assertEquals(Volatility.VOLATILE, dflt("float8 DEFAULT random()").volatility());
    assertEquals(Volatility.VOLATILE, dflt("text DEFAULT md5(random()::text)").volatility());
    assertEquals(Volatility.STABLE, dflt("timestamptz DEFAULT now()").volatility());
    assertEquals(Volatility.STABLE, dflt("timestamptz DEFAULT CURRENT_TIMESTAMP").volatility());
    assertEquals(Volatility.STABLE, dflt("date DEFAULT current_date").volatility());
    assertEquals(Volatility.STABLE, dflt("timestamp DEFAULT localtimestamp").volatility());
    assertEquals(Volatility.STABLE, dflt("timestamptz DEFAULT statement_timestamp()").volatility());
    assertEquals(Volatility.STABLE, dflt("text DEFAULT current_setting('app.tenant')").volatility());
    assertEquals(Volatility.STABLE, dflt("timestamptz DEFAULT (now() AT TIME ZONE 'utc')").volatility());
    assertEquals(Volatility.UNKNOWN, dflt("text DEFAULT my_func()").volatility());
    assertEquals(Volatility.UNKNOWN, dflt("text DEFAULT app.\"makeId\"(1)").volatility());
    assertEquals(Volatility.IMMUTABLE, dflt("text DEFAULT lower('X')").volatility());
    assertEquals(Volatility.IMMUTABLE, dflt("int DEFAULT coalesce(1, 2) + 3").volatility());

    record C(String def, String text) {}
    for (C c : List.of(new C("jsonb DEFAULT '{}'::jsonb", "'{}'::jsonb"),
        new C("text[] DEFAULT ARRAY[]::text[]", "ARRAY[]::text[]"),
        new C("\"Role\" DEFAULT 'A'::\"Role\"", "'A'::\"Role\""),
        new C("int DEFAULT NULL", "NULL"),
        new C("boolean DEFAULT true", "true"),
        new C("int DEFAULT -1", "-1"),
        new C("numeric DEFAULT 0.5", "0.5"),
        new C("varchar(10) DEFAULT 'x'::character varying", "'x'::character varying"),
        new C("text[] DEFAULT ARRAY['a', 'b']", "ARRAY['a', 'b']"),
        new C("date DEFAULT DATE '2020-01-01'", "DATE '2020-01-01'"),
        new C("interval DEFAULT '1 day'::interval", "'1 day'::interval"),
        new C("text DEFAULT CAST('x' AS text)", "CAST('x' AS text)"),
        new C("int DEFAULT (0)", "(0)"))) {
      Expr e = dflt(c.def());
      assertEquals(c.text(), e.text(), c.def());
      assertTrue(e.constant(), c.def());
      assertEquals(Volatility.IMMUTABLE, e.volatility(), c.def());
    }
    assertFalse(dflt("int DEFAULT 1 + 2").constant());
    assertFalse(dflt("timestamptz DEFAULT now()").constant());
    assertFalse(dflt("timestamptz DEFAULT CURRENT_TIMESTAMP").constant());
  }

  @Test
  void defaultStopsAtFollowingConstraints() {
    String sql = "ALTER TABLE t ADD COLUMN c int DEFAULT 0 NOT NULL CHECK (c >= 0)";
    AddColumn ac = op(sql, AddColumn.class);
    assertEquals("0", ac.column().defaultValue().orElseThrow().text());
    assertTrue(ac.column().notNull());
    assertEquals(1, ac.column().constraints().size());
    String nul = "ALTER TABLE t ADD COLUMN c text DEFAULT 'a' NULL";
    assertEquals("'a'", op(nul, AddColumn.class).column().defaultValue().orElseThrow().text());
  }

  @Test
  void garbageIsUnrecognizedWithoutException() {
    for (String g : List.of("hello world", "ALTER TABLE", "ALTER TABLE t", "CREATE TABLE t (", "CREATE TABLE t (a",
        "ALTER TABLE t ADD COLUMN", "ALTER TABLE t ALTER COLUMN c TYPE", "CREATE INDEX ON", ")))", "'unterminated",
        "SELECT (((", "UPDATE", "INSERT INTO", "ALTER TABLE t FROBNICATE", "CREATE TYPE x AS ENUM (1)",
        "DROP", "ALTER TYPE x ADD VALUE", "LOCK t IN SILLY MODE", "$$", "ALTER TABLE t ADD COLUMN a int,,")) {
      List<Operation> ops = ops(g);
      assertFalse(ops.isEmpty(), g);
      assertTrue(ops.get(0) instanceof Operation.Unrecognized, g + " -> " + ops);
    }
    Operation.Unrecognized u = op("ALTER TABLE t FROBNICATE", Operation.Unrecognized.class);
    assertEquals(whole("ALTER TABLE t FROBNICATE"), u.span());
    assertTrue(u.reason().contains("FROBNICATE"), u.reason());
  }

  @Test
  void neverThrowsOnEmptyOrOddStatements() {
    Recognizer r = new Recognizer();
    SqlStatement empty = new SqlStatement(0, new Span(0, 0), List.of(), List.of(),
        dev.lockstep.core.source.Section.WHOLE, false);
    List<Operation> ops = r.recognize(empty, "", Dialect.POSTGRESQL);
    assertEquals(1, ops.size());
    assertTrue(ops.get(0) instanceof Operation.Unrecognized);
    assertEquals(1, ops("SELECT 1").size());
  }
}
