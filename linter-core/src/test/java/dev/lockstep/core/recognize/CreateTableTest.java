package dev.lockstep.core.recognize;

import static dev.lockstep.core.recognize.R.column;
import static dev.lockstep.core.recognize.R.constraint;
import static dev.lockstep.core.recognize.R.expr;
import static dev.lockstep.core.recognize.R.name;
import static dev.lockstep.core.recognize.R.op;
import static dev.lockstep.core.recognize.R.span;
import static dev.lockstep.core.recognize.R.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation.CreateTable;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateTableTest {

  @Test
  void prismaTable() {
    String sql = """
        -- CreateTable
        CREATE TABLE "User" (
            "id" TEXT NOT NULL,
            "email" VARCHAR(255) NOT NULL,
            "age" INTEGER,
            "role" "Role" NOT NULL DEFAULT 'USER',
            "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
            "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
            "updatedAt" TIMESTAMP(3) NOT NULL,

            CONSTRAINT "User_pkey" PRIMARY KEY ("id")
        );
        """;
    CreateTable ct = op(sql, CreateTable.class);
    CreateTable expected = new CreateTable(
        new Span(sql.indexOf("CREATE"), sql.indexOf(");") + 1),
        name("User"),
        List.of(
            column(sql, "\"id\" TEXT NOT NULL", "id", type("text", "TEXT"), true, Optional.empty(), List.of()),
            column(sql, "\"email\" VARCHAR(255) NOT NULL", "email", type("varchar", "VARCHAR(255)", 255), true,
                Optional.empty(), List.of()),
            column(sql, "\"age\" INTEGER", "age", type("int4", "INTEGER"), false, Optional.empty(), List.of()),
            column(sql, "\"role\" \"Role\" NOT NULL DEFAULT 'USER'", "role", type("Role", "\"Role\""), true,
                Optional.of(expr(sql, "'USER'", Volatility.IMMUTABLE, true)), List.of()),
            column(sql, "\"tags\" TEXT[] DEFAULT ARRAY[]::TEXT[]", "tags",
                new TypeRef("text", "", List.of(), 1, "TEXT[]"), false,
                Optional.of(expr(sql, "ARRAY[]::TEXT[]", Volatility.IMMUTABLE, true)), List.of()),
            column(sql, "\"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP", "createdAt",
                type("timestamp", "TIMESTAMP(3)", 3), true,
                Optional.of(expr(sql, "CURRENT_TIMESTAMP", Volatility.STABLE, false)), List.of()),
            column(sql, "\"updatedAt\" TIMESTAMP(3) NOT NULL", "updatedAt", type("timestamp", "TIMESTAMP(3)", 3),
                true, Optional.empty(), List.of())),
        List.of(constraint(sql, "CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")", "User_pkey",
            ConstraintKind.PRIMARY_KEY, List.of("id"))),
        false, Optional.empty(), false, false, false, false);
    assertEquals(expected, ct);
  }

  @Test
  void inlineConstraintsIdentityAndGenerated() {
    String sql = "create table if not exists app.orders (\n"
        + "  id bigint generated always as identity primary key,\n"
        + "  uid uuid not null default gen_random_uuid() unique,\n"
        + "  customer_id integer references customers (id) on delete cascade,\n"
        + "  total numeric(10, 2) check (total >= 0),\n"
        + "  total_cents bigint generated always as (total * 100) stored,\n"
        + "  seq bigserial,\n"
        + "  name text collate \"C\",\n"
        + "  foreign key (customer_id) references customers on delete set null,\n"
        + "  unique (uid, customer_id)\n"
        + ")";
    CreateTable ct = op(sql, CreateTable.class);
    assertEquals(ObjectName.of("app", "orders"), ct.relation());
    assertTrue(ct.ifNotExists());
    assertEquals(7, ct.columns().size());

    ColumnDef id = ct.columns().get(0);
    assertEquals("int8", id.type().name());
    assertEquals(ColumnDef.Identity.ALWAYS, id.identity());
    assertTrue(id.isPrimaryKey());
    assertTrue(id.effectivelyNotNull());
    assertEquals(span(sql, "primary key").start(), id.constraints().get(0).span().start());

    ColumnDef uid = ct.columns().get(1);
    assertEquals(Optional.of(new Expr("gen_random_uuid()", R.span(sql, "gen_random_uuid()"), Volatility.VOLATILE,
        false)), uid.defaultValue());
    assertEquals(ConstraintKind.UNIQUE, uid.constraints().get(0).kind());

    ConstraintDef fk = ct.columns().get(2).constraints().get(0);
    assertEquals(new ConstraintDef(Optional.empty(), ConstraintKind.FOREIGN_KEY, List.of("customer_id"),
        Optional.of(name("customers")), List.of("id"), Optional.empty(), Optional.empty(), false,
        Optional.of("CASCADE"), R.span(sql, "references customers (id) on delete cascade")), fk);

    ColumnDef total = ct.columns().get(3);
    assertEquals(new TypeRef("numeric", "", List.of(10, 2), 0, "numeric(10, 2)"), total.type());
    ConstraintDef check = total.constraints().get(0);
    assertEquals(ConstraintKind.CHECK, check.kind());
    assertEquals(Optional.of(new Expr("total >= 0", R.span(sql, "total >= 0"), Volatility.IMMUTABLE, false)),
        check.expression());

    assertEquals(ColumnDef.Generated.STORED, ct.columns().get(4).generated());
    assertTrue(ct.columns().get(5).type().isSerial());
    assertEquals("bigserial", ct.columns().get(5).type().name());
    assertEquals(Optional.of("C"), ct.columns().get(6).collation());

    assertEquals(2, ct.constraints().size());
    ConstraintDef tfk = ct.constraints().get(0);
    assertEquals(ConstraintKind.FOREIGN_KEY, tfk.kind());
    assertEquals(List.of("customer_id"), tfk.columns());
    assertEquals(List.of(), tfk.referencedColumns());
    assertEquals(Optional.of("SET NULL"), tfk.onDelete());
    assertEquals("foreign key (customer_id) references customers on delete set null", tfk.span().of(sql));
    assertEquals(List.of("uid", "customer_id"), ct.constraints().get(1).columns());
  }

  @Test
  void partitionsTemporaryUnloggedAsSelectLike() {
    CreateTable parent = op("CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
        CreateTable.class);
    assertTrue(parent.partitioned());
    assertEquals(Optional.empty(), parent.partitionOf());
    assertEquals("timestamptz", parent.columns().get(1).type().name());

    CreateTable part = op("CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO "
        + "('2025-01-01')", CreateTable.class);
    assertEquals(Optional.of(name("events")), part.partitionOf());
    assertFalse(part.partitioned());

    CreateTable def = op("CREATE TABLE events_default PARTITION OF public.events DEFAULT", CreateTable.class);
    assertEquals(Optional.of(name("public", "events")), def.partitionOf());

    CreateTable temp = op("CREATE TEMP TABLE t (a int)", CreateTable.class);
    assertTrue(temp.temporary());
    CreateTable unlogged = op("CREATE UNLOGGED TABLE t (a int)", CreateTable.class);
    assertTrue(unlogged.unlogged());

    CreateTable as = op("CREATE TABLE t2 AS SELECT * FROM t WHERE a > 1", CreateTable.class);
    assertTrue(as.asQuery());
    assertEquals(List.of(), as.columns());
    CreateTable asCols = op("CREATE TABLE t3 (x, y) AS SELECT 1, 2", CreateTable.class);
    assertTrue(asCols.asQuery());

    CreateTable like = op("CREATE TABLE t4 (LIKE t INCLUDING ALL, extra text)", CreateTable.class);
    assertEquals(1, like.columns().size());
    assertEquals("extra", like.columns().get(0).name());
  }

  @Test
  void tableConstraintKinds() {
    String sql = "CREATE TABLE r (a int, b int, during tstzrange,"
        + " CONSTRAINT a_pos CHECK (a > 0) NOT VALID,"
        + " CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&),"
        + " PRIMARY KEY (a, b) DEFERRABLE INITIALLY DEFERRED)";
    CreateTable ct = op(sql, CreateTable.class);
    assertEquals(3, ct.constraints().size());
    ConstraintDef check = ct.constraints().get(0);
    assertEquals(Optional.of("a_pos"), check.name());
    assertTrue(check.notValid());
    assertEquals("CONSTRAINT a_pos CHECK (a > 0) NOT VALID", check.span().of(sql));
    ConstraintDef ex = ct.constraints().get(1);
    assertEquals(ConstraintKind.EXCLUDE, ex.kind());
    assertEquals("during WITH &&", ex.expression().orElseThrow().text());
    assertEquals(List.of("a", "b"), ct.constraints().get(2).columns());
  }

  @Test
  void types() {
    String sql = "CREATE TABLE t (a character varying(20), b double precision, c timestamp with time zone,"
        + " d timestamp without time zone, e time with time zone, f boolean, g char(2), h bit varying(8),"
        + " i int8[][], j integer ARRAY, k decimal(5), l real, m smallint, n public.my_type, o \"MyEnum\"[],"
        + " p float, q float(10), r interval day to second, s pg_catalog.int4, t jsonb, u smallserial)";
    CreateTable ct = op(sql, CreateTable.class);
    List<String> names = ct.columns().stream().map(c -> c.type().display()).toList();
    assertEquals(List.of("varchar(20)", "float8", "timestamptz", "timestamp", "timetz", "bool", "bpchar(2)",
        "varbit(8)", "int8[][]", "int4[]", "numeric(5)", "float4", "int2", "public.my_type", "MyEnum[]", "float8",
        "float4", "interval", "int4", "jsonb", "smallserial"), names);
    assertEquals("character varying(20)", ct.columns().get(0).type().text());
    assertEquals("interval day to second", ct.columns().get(17).type().text());
  }
}
