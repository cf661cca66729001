package dev.lockstep.core.recognize;

import static dev.lockstep.core.recognize.R.expr;
import static dev.lockstep.core.recognize.R.name;
import static dev.lockstep.core.recognize.R.op;
import static dev.lockstep.core.recognize.R.ops;
import static dev.lockstep.core.recognize.R.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.Operation.CreateIndex;
import dev.lockstep.core.ir.Operation.Other;
import dev.lockstep.core.ir.Operation.SetSetting;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Indexes, types, views, maintenance, transactions, settings and the other known commands. */
class StatementsTest {

  private static Span whole(String sql) {
    String t = sql.strip();
    if (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1);
    }
    return span(sql, t);
  }

  @Test
  void createIndex() {
    String sql = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"User_email_key\" ON ONLY public.\"User\" "
        + "USING btree (lower(email), \"tenantId\" DESC NULLS LAST, name text_pattern_ops) INCLUDE (id) "
        + "WITH (fillfactor = 90) WHERE \"deletedAt\" IS NULL;";
    CreateIndex ci = op(sql, CreateIndex.class);
    assertEquals(new CreateIndex(whole(sql), Optional.of("User_email_key"), name("public", "User"), true, true, true,
        true, "btree", List.of("lower(email)", "\"tenantId\" DESC NULLS LAST", "name text_pattern_ops"),
        List.of("tenantId", "name"), Optional.of(expr(sql, "\"deletedAt\" IS NULL", Volatility.IMMUTABLE, false)),
        "INCLUDE (id) WITH (fillfactor = 90)"), ci);
    assertEquals("INCLUDE (a, b) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE fast",
        op("CREATE UNIQUE INDEX i ON t (x) INCLUDE (a,\n  b) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE fast"
            + " WHERE x > 0", CreateIndex.class).options());

    CreateIndex plain = op("CREATE INDEX ON t USING GIN (data)", CreateIndex.class);
    assertEquals(Optional.empty(), plain.name());
    assertEquals("gin", plain.method());
    assertFalse(plain.unique() || plain.concurrently() || plain.ifNotExists() || plain.only());
    assertEquals(List.of("data"), plain.columns());
  }

  @Test
  void aTemplatePlaceholderThatQualifiesANameIsReadAsTheSchema() {
    CreateIndex go = op("CREATE INDEX i ON {{ index .Options \"Namespace\" }}.users (email)", CreateIndex.class);
    assertEquals(name("{{ index .Options \"Namespace\" }}", "users"), go.relation());
    // quoted, as supabase writes it: the same schema
    assertEquals(go.relation(), op("CREATE INDEX i ON \"{{ index .Options \"Namespace\" }}\".users (email)",
        CreateIndex.class).relation());
    Operation.AddColumn add = op("ALTER TABLE ${schema}.users ADD COLUMN level ${schema}.aal_level NULL",
        Operation.AddColumn.class);
    assertEquals(name("${schema}", "users"), add.relation());
    assertEquals("${schema}", add.column().type().schema());
    assertEquals("aal_level", add.column().type().name());
    assertEquals(name("$%S%$", "t"), op("DROP TABLE $%S%$.t", Operation.DropTable.class).tables().get(0));
    // anywhere else a placeholder leaves the statement not understood
    for (String sql : List.of("ALTER TABLE ${table} ADD COLUMN c int", "CREATE TABLE t (id $%AUTO_INCREMENT_PRIMARY_KEY%$)",
        "CREATE INDEX i ON t_${suffix} (a)")) {
      assertTrue(ops(sql).get(0) instanceof Operation.Unrecognized, sql);
    }
  }

  @Test
  void dropAndAlterIndex() {
    String sql = "DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE";
    assertEquals(new Operation.DropIndex(whole(sql), List.of(name("a"), name("s", "b")), true, true, true),
        op(sql, Operation.DropIndex.class));
    String rename = "ALTER INDEX IF EXISTS \"Old_idx\" RENAME TO \"New_idx\"";
    assertEquals(new Operation.RenameIndex(whole(rename), name("Old_idx"), "New_idx", true),
        op(rename, Operation.RenameIndex.class));
    String attach = "ALTER INDEX parent_idx ATTACH PARTITION child_idx";
    assertEquals(new Operation.AlterIndexOther(whole(attach), name("parent_idx"), "attach-partition",
        Optional.of(name("child_idx"))), op(attach, Operation.AlterIndexOther.class));
    assertEquals("set-tablespace",
        op("ALTER INDEX i SET TABLESPACE fast", Operation.AlterIndexOther.class).action());
  }

  @Test
  void reindex() {
    String sql = "REINDEX (VERBOSE) INDEX CONCURRENTLY public.users_email_idx";
    assertEquals(new Operation.Reindex(whole(sql), Operation.ReindexTarget.INDEX, name("public", "users_email_idx"),
        true), op(sql, Operation.Reindex.class));
    assertEquals(Operation.ReindexTarget.TABLE, op("REINDEX TABLE t", Operation.Reindex.class).target());
    assertEquals(Operation.ReindexTarget.DATABASE, op("REINDEX DATABASE", Operation.Reindex.class).target());
    assertEquals(Operation.ReindexTarget.SCHEMA, op("REINDEX SCHEMA app", Operation.Reindex.class).target());
  }

  @Test
  void enums() {
    String sql = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'it''s');";
    assertEquals(new Operation.CreateEnum(whole(sql), name("Role"), List.of("USER", "ADMIN", "it's")),
        op(sql, Operation.CreateEnum.class));
    String add = "ALTER TYPE \"Role\" ADD VALUE IF NOT EXISTS 'OWNER' BEFORE 'ADMIN'";
    assertEquals(new Operation.AddEnumValue(whole(add), name("Role"), "OWNER", true, Optional.of("ADMIN"),
        Optional.empty()), op(add, Operation.AddEnumValue.class));
    String after = "ALTER TYPE s.mood ADD VALUE 'meh' AFTER 'ok'";
    assertEquals(Optional.of("ok"), op(after, Operation.AddEnumValue.class).after());
    String rv = "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'";
    assertEquals(new Operation.RenameEnumValue(whole(rv), name("mood"), "sad", "blue"),
        op(rv, Operation.RenameEnumValue.class));
    String rt = "ALTER TYPE \"Role\" RENAME TO \"Role_old\"";
    assertEquals(new Operation.RenameType(whole(rt), name("Role"), "Role_old"), op(rt, Operation.RenameType.class));
    String dt = "DROP TYPE IF EXISTS \"Role_old\", mood CASCADE";
    assertEquals(new Operation.DropType(whole(dt), List.of(name("Role_old"), name("mood")), true, true),
        op(dt, Operation.DropType.class));
    String ds = "DROP SEQUENCE IF EXISTS \"Invoice_seq\", s.ticket CASCADE";
    assertEquals(new Operation.DropSequence(whole(ds), List.of(name("Invoice_seq"), name("s", "ticket")), true, true),
        op(ds, Operation.DropSequence.class));
    String ds1 = "DROP SEQUENCE seq";
    assertEquals(new Operation.DropSequence(whole(ds1), List.of(name("seq")), false, false),
        op(ds1, Operation.DropSequence.class));
    assertEquals("create-type", op("CREATE TYPE pair AS (a int, b text)", Other.class).command());
    assertEquals("create-type", op("CREATE TYPE floatrange AS RANGE (subtype = float8)", Other.class).command());
    assertEquals("alter-owner", op("ALTER TYPE mood OWNER TO admin", Other.class).command());
  }

  @Test
  void views() {
    String sql = "CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active";
    // the view's query: its tables, and the columns it uses (* for all)
    assertEquals(new Operation.CreateView(whole(sql), name("active_users"), false, true, true,
        List.of(new TableRead(name("users"), List.of(), List.of("*", "active"), false, false, true))),
        op(sql, Operation.CreateView.class));
    String mv = "CREATE MATERIALIZED VIEW IF NOT EXISTS stats AS SELECT count(*) FROM users WITH NO DATA";
    assertEquals(new Operation.CreateView(whole(mv), name("stats"), true, false, false,
        List.of(new TableRead(name("users"), List.of(), List.of(), false, false, true))),
        op(mv, Operation.CreateView.class));
    String dv = "DROP MATERIALIZED VIEW IF EXISTS stats, s.other CASCADE";
    assertEquals(new Operation.DropView(whole(dv), List.of(name("stats"), name("s", "other")), true, true, true),
        op(dv, Operation.DropView.class));
    assertFalse(op("DROP VIEW v", Operation.DropView.class).materialized());
    String rf = "REFRESH MATERIALIZED VIEW CONCURRENTLY stats WITH DATA";
    assertEquals(new Operation.RefreshMaterializedView(whole(rf), name("stats"), true, false),
        op(rf, Operation.RefreshMaterializedView.class));
    assertTrue(op("REFRESH MATERIALIZED VIEW stats WITH NO DATA", Operation.RefreshMaterializedView.class)
        .withNoData());
  }

  @Test
  void dropTable() {
    String sql = "DROP TABLE IF EXISTS \"A\", b.c CASCADE;";
    assertEquals(new Operation.DropTable(whole(sql), List.of(name("A"), name("b", "c")), true, true),
        op(sql, Operation.DropTable.class));
  }

  @Test
  void maintenance() {
    String tr = "TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE";
    assertEquals(new Operation.Truncate(whole(tr), List.of(name("a"), name("b")), true),
        op(tr, Operation.Truncate.class));
    String vf = "VACUUM FULL ANALYZE users";
    assertEquals(new Operation.Vacuum(whole(vf), List.of(name("users")), true, true), op(vf, Operation.Vacuum.class));
    String vo = "VACUUM (FULL false, ANALYZE) users (email), orders";
    assertEquals(new Operation.Vacuum(whole(vo), List.of(name("users"), name("orders")), false, true),
        op(vo, Operation.Vacuum.class));
    assertEquals("vacuum-full", op("VACUUM (FULL) t", Operation.Vacuum.class).kind());
    String cl = "CLUSTER users USING users_pkey";
    assertEquals(new Operation.Cluster(whole(cl), Optional.of(name("users")), Optional.of("users_pkey")),
        op(cl, Operation.Cluster.class));
    assertEquals(Optional.empty(), op("CLUSTER", Operation.Cluster.class).relation());
    String an = "ANALYZE VERBOSE users (email), orders";
    assertEquals(new Operation.Analyze(whole(an), List.of(name("users"), name("orders"))),
        op(an, Operation.Analyze.class));
    String lk = "LOCK TABLE ONLY a, b IN SHARE ROW EXCLUSIVE MODE NOWAIT";
    assertEquals(new Operation.LockTable(whole(lk), List.of(name("a"), name("b")), LockMode.SHARE_ROW_EXCLUSIVE,
        true), op(lk, Operation.LockTable.class));
    assertEquals(LockMode.ACCESS_EXCLUSIVE, op("LOCK t", Operation.LockTable.class).mode());
  }

  @Test
  void transactions() {
    List<Operation> ops = ops("BEGIN; START TRANSACTION ISOLATION LEVEL SERIALIZABLE; SAVEPOINT s1; "
        + "RELEASE SAVEPOINT s1; ROLLBACK TO s1; ROLLBACK; COMMIT; END;");
    assertEquals(List.of("begin", "begin", "savepoint", "savepoint", "savepoint", "rollback", "commit", "commit"),
        ops.stream().map(Operation::kind).toList());
    String sql = "BEGIN; START TRANSACTION ISOLATION LEVEL SERIALIZABLE; SAVEPOINT s1; "
        + "RELEASE SAVEPOINT s1; ROLLBACK TO s1; ROLLBACK; COMMIT; END;";
    assertEquals(List.of(new Operation.Begin(span(sql, "BEGIN")),
        new Operation.Begin(span(sql, "START TRANSACTION ISOLATION LEVEL SERIALIZABLE")),
        new Operation.Savepoint(span(sql, "SAVEPOINT s1"), "savepoint", "s1"),
        new Operation.Savepoint(span(sql, "RELEASE SAVEPOINT s1"), "release", "s1"),
        new Operation.Savepoint(span(sql, "ROLLBACK TO s1"), "rollback-to", "s1"),
        new Operation.Rollback(span(sql, "ROLLBACK", 1)),
        new Operation.Commit(span(sql, "COMMIT")),
        new Operation.Commit(span(sql, "END"))), ops(sql));
  }

  @Test
  void settings() {
    String sql = "SET lock_timeout = '5s'";
    assertEquals(new SetSetting(whole(sql), "lock_timeout", "5s", false, false), op(sql, SetSetting.class));
    assertEquals(new SetSetting(span("SET LOCAL statement_timeout TO 0", "SET LOCAL statement_timeout TO 0"),
        "statement_timeout", "0", true, false), op("SET LOCAL statement_timeout TO 0", SetSetting.class));
    assertEquals("search_path", op("SET SESSION search_path TO app, public", SetSetting.class).name());
    assertEquals("app, public", op("SET SESSION search_path TO app, public", SetSetting.class).value());
    assertEquals("timezone", op("SET TIME ZONE 'UTC'", SetSetting.class).name());
    assertEquals("", op("SET lock_timeout TO DEFAULT", SetSetting.class).value());
    String reset = "RESET lock_timeout";
    assertEquals(new SetSetting(whole(reset), "lock_timeout", "", false, true), op(reset, SetSetting.class));
    assertEquals("reset", op("RESET ALL", SetSetting.class).kind());
    String sc = "SELECT set_config('lock_timeout', '5s', false);";
    assertEquals(new SetSetting(whole(sc), "lock_timeout", "5s", false, false), op(sc, SetSetting.class));
    assertTrue(op("SELECT pg_catalog.set_config('search_path', '', true)", SetSetting.class).local());
    assertEquals("set-constraints", op("SET CONSTRAINTS ALL DEFERRED", Other.class).command());
  }

  @Test
  void doBlocks() {
    String sql = "DO $$ BEGIN RAISE NOTICE 'x'; END $$;";
    assertEquals(new Operation.DoBlock(whole(sql), "plpgsql"), op(sql, Operation.DoBlock.class));
    assertEquals("plv8", op("DO LANGUAGE plv8 $js$ 1 $js$", Operation.DoBlock.class).language());
    assertEquals("sql", op("DO $x$ select 1 $x$ LANGUAGE sql", Operation.DoBlock.class).language());
  }

  @Test
  void otherCommands() {
    record Case(String sql, String command, List<ObjectName> relations) {}
    List<Case> cases = List.of(
        new Case("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
            "create-function", List.of()),
        new Case("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END", "create-procedure",
            List.of()),
        new Case("DROP FUNCTION IF EXISTS f(int)", "drop-function", List.of()),
        new Case("CREATE EXTENSION IF NOT EXISTS pgcrypto", "create-extension", List.of()),
        new Case("DROP EXTENSION pg_trgm", "drop-extension", List.of()),
        new Case("CREATE SCHEMA IF NOT EXISTS app", "create-schema", List.of()),
        new Case("DROP SCHEMA app CASCADE", "drop-schema", List.of()),
        new Case("CREATE SEQUENCE s START 1", "create-sequence", List.of()),
        new Case("ALTER SEQUENCE s RESTART WITH 10", "alter-sequence", List.of(name("s"))),
        new Case("CREATE TRIGGER trg BEFORE UPDATE OF a, b ON public.t FOR EACH ROW EXECUTE FUNCTION f()",
            "create-trigger", List.of(name("public", "t"))),
        new Case("CREATE CONSTRAINT TRIGGER trg AFTER INSERT ON t DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE f()",
            "create-trigger", List.of(name("t"))),
        new Case("DROP TRIGGER IF EXISTS trg ON \"T\"", "drop-trigger", List.of(name("T"))),
        new Case("CREATE POLICY p ON t FOR SELECT USING (true)", "create-policy", List.of(name("t"))),
        new Case("ALTER POLICY p ON t USING (false)", "alter-policy", List.of(name("t"))),
        new Case("DROP POLICY IF EXISTS p ON t", "drop-policy", List.of(name("t"))),
        new Case("GRANT SELECT ON t TO r", "grant", List.of(name("t"))),
        new Case("GRANT USAGE ON SCHEMA s TO r", "grant", List.of()),
        new Case("REVOKE ALL ON TABLE t FROM r", "revoke", List.of(name("t"))),
        new Case("COMMENT ON TABLE s.t IS 'x'", "comment", List.of(name("s", "t"))),
        new Case("COMMENT ON COLUMN t.c IS 'x'", "comment", List.of(name("t"))),
        new Case("COMMENT ON COLUMN s.t.c IS NULL", "comment", List.of(name("s", "t"))),
        new Case("COMMENT ON FUNCTION f() IS 'x'", "comment", List.of()),
        new Case("ALTER FUNCTION f() OWNER TO admin", "alter-owner", List.of()),
        new Case("ALTER FUNCTION f() SECURITY DEFINER", "alter-function", List.of()),
        new Case("CREATE ROLE r LOGIN", "create-role", List.of()),
        new Case("ALTER ROLE r SET search_path = a", "alter-role", List.of()),
        new Case("CREATE DOMAIN d AS text CHECK (VALUE <> '')", "create-domain", List.of()),
        new Case("ALTER DOMAIN d ADD CONSTRAINT c CHECK (true)", "alter-domain", List.of()),
        new Case("CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING", "create-rule", List.of(name("t"))),
        new Case("CREATE AGGREGATE a (int) (sfunc = f, stype = int)", "create-aggregate", List.of()),
        new Case("CREATE OPERATOR === (leftarg = int, rightarg = int, function = f)", "create-operator", List.of()),
        new Case("CREATE CAST (int AS text) WITH INOUT", "create-cast", List.of()),
        new Case("CREATE COLLATION c (locale = 'en')", "create-collation", List.of()),
        new Case("CREATE PUBLICATION p FOR ALL TABLES", "create-publication", List.of()),
        new Case("ALTER PUBLICATION p ADD TABLE t", "alter-publication", List.of()),
        new Case("CREATE SERVER s FOREIGN DATA WRAPPER w", "create-server", List.of()),
        new Case("IMPORT FOREIGN SCHEMA a FROM SERVER s INTO b", "import-foreign-schema", List.of()),
        new Case("SECURITY LABEL ON TABLE t IS 'x'", "security-label", List.of()),
        new Case("ALTER DEFAULT PRIVILEGES IN SCHEMA a GRANT SELECT ON TABLES TO r", "alter-default-privileges",
            List.of()),
        new Case("CALL p(1)", "call", List.of()),
        new Case("NOTIFY ch, 'x'", "notify", List.of()),
        new Case("LISTEN ch", "listen", List.of()),
        new Case("CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION f()", "create-event-trigger", List.of()),
        new Case("ALTER EXTENSION e UPDATE", "alter-extension", List.of()),
        new Case("ALTER SCHEMA a RENAME TO b", "alter-schema", List.of()),
        new Case("ALTER DATABASE d SET x = 1", "alter-database", List.of()),
        new Case("ALTER SYSTEM SET x = 1", "alter-system", List.of()),
        new Case("CHECKPOINT", "checkpoint", List.of()),
        new Case("DISCARD ALL", "discard", List.of()),
        new Case("CREATE STATISTICS st ON a, b FROM t", "create-statistics", List.of(name("t"))),
        new Case("CREATE TABLESPACE ts LOCATION '/x'", "create-tablespace", List.of()),
        new Case("PREPARE q AS SELECT 1", "prepare", List.of()),
        new Case("EXECUTE q", "execute", List.of()),
        new Case("DEALLOCATE q", "deallocate", List.of()),
        new Case("COPY t (a) FROM STDIN", "copy", List.of(name("t"))),
        new Case("CREATE FOREIGN TABLE ft (a int) SERVER s", "create-foreign-table", List.of()),
        new Case("ALTER MATERIALIZED VIEW mv RENAME TO mv2", "alter-materialized-view", List.of(name("mv"))),
        new Case("ALTER VIEW IF EXISTS s.v RENAME COLUMN a TO b", "alter-view", List.of(name("s", "v"))),
        new Case("ALTER VIEW v OWNER TO r", "alter-owner", List.of()),
        new Case("ALTER TRIGGER t ON tab RENAME TO u", "alter-trigger", List.of(name("tab"))),
        new Case("DROP OWNED BY r", "drop-owned", List.of()),
        new Case("CREATE TEXT SEARCH CONFIGURATION c (COPY = english)", "create-text-search-configuration",
            List.of()));
    for (Case c : cases) {
      Other o = op(c.sql(), Other.class);
      assertEquals(c.command(), o.command(), c.sql());
      assertEquals(c.relations(), o.relations(), c.sql());
      assertEquals(whole(c.sql()), o.span(), c.sql());
    }
  }

  @Test
  void psqlMeta() {
    Other o = op("\\set ON_ERROR_STOP on\n", Other.class);
    assertEquals("psql-meta", o.command());
  }

  @Test
  void mysqlRoutineBodyIsOneStatement() {
    String sql = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; UPDATE t SET a = 1; END//\nDELIMITER ;\n";
    List<Operation> ops = new java.util.ArrayList<>();
    for (var s : dev.lockstep.core.source.Splitter.split(sql, dev.lockstep.core.source.Dialect.MYSQL).statements()) {
      ops.addAll(R.RECOGNIZER.recognize(s, sql, dev.lockstep.core.source.Dialect.MYSQL));
    }
    assertEquals(1, ops.size(), ops.toString());
    assertEquals("create-procedure", ops.get(0).kind());
  }

  @Test
  void gooseBlockWithSeveralStatements() {
    String sql = "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE a ADD COLUMN b int;\n"
        + "CREATE INDEX CONCURRENTLY a_b ON a (b);\n-- +goose StatementEnd\n";
    List<Operation> ops = ops(sql);
    assertEquals(2, ops.size());
    assertEquals("ADD COLUMN b int", ops.get(0).span().of(sql));
    assertEquals("CREATE INDEX CONCURRENTLY a_b ON a (b)", ops.get(1).span().of(sql));
  }
}
