package dev.lockstep.core.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * From SQL text through the recognizer, the catalog and the model: which tables a statement reads
 * and whether in full, the base tables of views, foreign key actions, clustered tables and
 * partition routing.
 */
class ReadsAndDependenciesTest {
  private static final Recognizer RECOGNIZER = new Recognizer();
  private static final PgEffectsModel MODEL = new PgEffectsModel();
  private static final int V = ServerVersions.DEFAULT;

  private static final String SCHEMA = """
      CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "name" TEXT, "role" TEXT,
        CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
      CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
      CREATE TABLE "Order" ("id" SERIAL NOT NULL, "userId" INTEGER NOT NULL, "note" TEXT, "total" INTEGER,
        CONSTRAINT "Order_pkey" PRIMARY KEY ("id"));
      CREATE INDEX "Order_userId_idx" ON "Order"("userId");
      CREATE TABLE "Item" ("id" SERIAL NOT NULL, "orderId" INTEGER NOT NULL, "qty" INTEGER,
        CONSTRAINT "Item_pkey" PRIMARY KEY ("id"));
      CREATE TABLE "Audit" ("id" SERIAL NOT NULL, "userId" INTEGER, CONSTRAINT "Audit_pkey" PRIMARY KEY ("id"));
      ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE;
      ALTER TABLE "Item" ADD CONSTRAINT "Item_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id")
        ON DELETE CASCADE ON UPDATE CASCADE;
      ALTER TABLE "Audit" ADD CONSTRAINT "Audit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");
      CREATE MATERIALIZED VIEW "OrderStats" AS
        SELECT o."userId", sum(i."qty") AS "qty" FROM "Order" o LEFT JOIN "Item" i ON i."orderId" = o."id"
        GROUP BY o."userId";
      CREATE UNIQUE INDEX "OrderStats_userId_key" ON "OrderStats"("userId");
      CREATE TABLE "Event" ("id" BIGINT NOT NULL, "kind" TEXT NOT NULL, "at" TIMESTAMP(3) NOT NULL)
        PARTITION BY RANGE ("at");
      CREATE TABLE "Event_2025" PARTITION OF "Event" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE "Event_2026" PARTITION OF "Event" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
      CREATE TABLE "Event_default" PARTITION OF "Event" DEFAULT;
      """;

  private static List<Operation> ops(String sql) {
    List<Operation> out = new ArrayList<>();
    for (SqlStatement s : Splitter.split(sql, Dialect.POSTGRESQL).statements()) {
      out.addAll(RECOGNIZER.recognize(s, sql, Dialect.POSTGRESQL));
    }
    return out;
  }

  private static Catalog catalog(String extra) {
    Catalog c = new Catalog();
    for (Operation op : ops(SCHEMA + extra)) {
      c.apply(op, Origin.BASELINE);
    }
    return c;
  }

  private static Effects effects(String sql) {
    return effects(catalog(""), sql);
  }

  private static Effects effects(Catalog c, String sql) {
    List<Operation> ops = ops(sql);
    assertEquals(1, ops.size(), () -> "operations: " + ops);
    return MODEL.effects(ops.get(0), c, V);
  }

  private static Optional<RelationEffect> on(Effects e, String name) {
    return e.on(Catalog.resolve(ObjectName.of(name)));
  }

  private static ScanKind scan(Effects e, String name) {
    return on(e, name).map(RelationEffect::scanKind).orElseThrow(() -> new AssertionError(name + " not in " + e));
  }

  private static LockMode lock(Effects e, String name) {
    return on(e, name).map(RelationEffect::lock).orElseThrow(() -> new AssertionError(name + " not in " + e));
  }

  @Test
  void queriesReadInFullWithoutAUsableCondition() {
    assertEquals(ScanKind.FULL, scan(effects("SELECT count(*) FROM \"User\""), "User"));
    assertEquals(ScanKind.FULL, scan(effects("SELECT * FROM \"User\" WHERE \"name\" = 'x'"), "User"));
    assertEquals(ScanKind.NONE, scan(effects("SELECT * FROM \"User\" WHERE \"id\" = 7"), "User"));
    assertEquals(ScanKind.NONE, scan(effects("SELECT * FROM \"User\" WHERE \"email\" = 'a@b'"), "User"));
    assertEquals(ScanKind.PLAN_DEPENDENT, scan(effects("SELECT * FROM \"User\" WHERE \"id\" > 7"), "User"));
    assertEquals(ScanKind.PLAN_DEPENDENT,
        scan(effects("SELECT * FROM \"User\" WHERE \"id\" = 1 OR \"email\" = 'x'"), "User"));
    assertEquals(ScanKind.FULL, scan(effects("SELECT * FROM \"User\" WHERE \"id\" = 1 OR \"name\" = 'x'"), "User"));
    assertEquals(ScanKind.PLAN_DEPENDENT,
        scan(effects("SELECT * FROM \"User\" ORDER BY \"id\" LIMIT 10"), "User"));
    // a CTE is not a table; the table inside it is read
    Effects cte = effects("WITH u AS (SELECT * FROM \"User\" WHERE \"role\" = 'A') SELECT * FROM u");
    assertEquals(ScanKind.FULL, scan(cte, "User"));
    assertTrue(on(cte, "u").isEmpty());
  }

  @Test
  void joinsAndSubqueries() {
    Effects join = effects("SELECT * FROM \"Order\" o JOIN \"Item\" i ON i.\"orderId\" = o.\"id\"");
    assertEquals(ScanKind.FULL, scan(join, "Item"));
    assertEquals(ScanKind.PLAN_DEPENDENT, scan(join, "Order"));
    Effects preserved = effects("SELECT * FROM \"Order\" o LEFT JOIN \"Item\" i ON i.\"orderId\" = o.\"id\"");
    assertEquals(ScanKind.FULL, scan(preserved, "Order"));
    Effects batched = effects("UPDATE \"Order\" SET \"note\" = 'x' WHERE \"id\" IN (SELECT \"id\" FROM \"Order\" "
        + "WHERE \"note\" IS NULL LIMIT 100)");
    assertEquals(ScanKind.FULL, scan(batched, "Order"));
  }

  @Test
  void updateAndDeleteByPredicate() {
    assertEquals(ScanKind.FULL, scan(effects("UPDATE \"Order\" SET \"note\" = 'x' WHERE \"total\" > 5"), "Order"));
    assertEquals(ScanKind.NONE, scan(effects("UPDATE \"Order\" SET \"note\" = 'x' WHERE \"id\" = 5"), "Order"));
    assertEquals(ScanKind.PLAN_DEPENDENT,
        scan(effects("UPDATE \"Order\" SET \"note\" = 'x' WHERE \"userId\" = 5"), "Order"));
    assertEquals(ScanKind.FULL, scan(effects("DELETE FROM \"Item\" WHERE \"qty\" = 1"), "Item"));
    Effects partitioned = effects("UPDATE \"Event\" SET \"kind\" = 'b' WHERE \"kind\" = 'a'");
    assertEquals(ScanKind.FULL, scan(partitioned, "Event_2025"));
    assertEquals(ScanKind.FULL, scan(partitioned, "Event_default"));
    assertEquals(ScanKind.NONE, scan(partitioned, "Event"), "a partitioned parent has no storage");
  }

  @Test
  void cascadesReadUnindexedChildren() {
    Effects del = effects("DELETE FROM \"Order\" WHERE \"id\" = 5");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(del, "Item"));
    assertEquals(ScanKind.FULL, scan(del, "Item"));
    Effects upd = effects("UPDATE \"User\" SET \"id\" = \"id\" + 1000 WHERE \"id\" = 7");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(upd, "Order"), "ON UPDATE CASCADE writes the child");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(upd, "Order_userId_idx"));
    assertEquals(ScanKind.PLAN_DEPENDENT, scan(upd, "Order"), "indexed child: depends on its size");
    assertEquals(LockMode.ROW_SHARE, lock(upd, "Audit"), "NO ACTION: checked, not written");
    assertEquals(ScanKind.FULL, scan(upd, "Audit"));
    assertTrue(upd.failsOnExistingRows().isPresent());
    Effects other = effects("UPDATE \"User\" SET \"name\" = 'x' WHERE \"id\" = 7");
    assertTrue(on(other, "Order").isEmpty(), "no key column changes: no cascade");
  }

  @Test
  void insertSelectReadsItsSource() {
    Effects e = effects("INSERT INTO \"Audit\" (\"userId\") SELECT \"id\" FROM \"User\"");
    assertEquals(ScanKind.FULL, scan(e, "User"));
    assertEquals(LockMode.ROW_SHARE, lock(e, "User"), "the FK check's ROW SHARE is stronger than the read");
    assertEquals(LockMode.ACCESS_SHARE, lock(effects("INSERT INTO \"Item\" (\"orderId\") SELECT \"id\" FROM \"User\""),
        "User"));
  }

  @Test
  void viewsNameTheirBaseTables() {
    Effects view = effects("CREATE VIEW \"Big\" AS SELECT * FROM \"Order\" WHERE \"total\" > 100");
    assertEquals(LockMode.ACCESS_SHARE, lock(view, "Order"));
    assertEquals(ScanKind.NONE, scan(view, "Order"));
    assertTrue(on(view, "Order_pkey").isEmpty(), "a plain view does not open indexes");

    Effects mv = effects("CREATE MATERIALIZED VIEW \"M\" AS SELECT \"userId\", count(*) FROM \"Order\" GROUP BY 1");
    assertEquals(ScanKind.FULL, scan(mv, "Order"));
    assertEquals(LockMode.ACCESS_SHARE, lock(mv, "Order_userId_idx"));
    Effects noData = effects("CREATE MATERIALIZED VIEW \"M\" AS SELECT * FROM \"Order\" WITH NO DATA");
    assertEquals(ScanKind.NONE, scan(noData, "Order"));
    assertTrue(on(noData, "Order_pkey").isEmpty());
    assertEquals(ScanKind.FULL, scan(effects("CREATE TABLE \"Copy\" AS SELECT * FROM \"User\""), "User"));

    Effects refresh = effects("REFRESH MATERIALIZED VIEW \"OrderStats\"");
    assertEquals(ScanKind.FULL, scan(refresh, "Order"));
    assertEquals(ScanKind.FULL, scan(refresh, "Item"));
    assertEquals(LockMode.ACCESS_SHARE, lock(refresh, "Item_pkey"));
    Effects concurrently = effects("REFRESH MATERIALIZED VIEW CONCURRENTLY \"OrderStats\"");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(concurrently, "OrderStats_userId_key"));
    assertTrue(on(effects("REFRESH MATERIALIZED VIEW \"OrderStats\" WITH NO DATA"), "Order").isEmpty());
  }

  @Test
  void droppingWhatAViewUsesDropsTheView() {
    Effects cascade = effects("ALTER TABLE \"Item\" DROP COLUMN \"qty\" CASCADE");
    assertEquals(LockMode.ACCESS_EXCLUSIVE, lock(cascade, "OrderStats"));
    assertEquals(LockMode.ACCESS_EXCLUSIVE, lock(cascade, "OrderStats_userId_key"));
    Effects unused = effects("ALTER TABLE \"Order\" DROP COLUMN \"note\" CASCADE");
    assertTrue(on(unused, "OrderStats").isEmpty());
    Effects plain = effects("ALTER TABLE \"Item\" DROP COLUMN \"qty\"");
    assertTrue(on(plain, "OrderStats").isEmpty());
    assertTrue(plain.notes().stream().anyMatch(n -> n.startsWith("Fails without CASCADE")), plain.notes()::toString);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, lock(effects("DROP TABLE \"Item\" CASCADE"), "OrderStats"));

    Catalog after = catalog("ALTER TABLE \"Item\" DROP COLUMN \"qty\" CASCADE;");
    assertFalse(after.view(ObjectName.of("OrderStats")).isPresent());
    assertFalse(after.index(ObjectName.of("OrderStats_userId_key")).isPresent());
  }

  @Test
  void clusterWithoutATableReclustersTheClusteredOnes() {
    Catalog none = catalog("");
    assertTrue(effects(none, "CLUSTER").relations().isEmpty());
    Catalog c = catalog("ALTER TABLE \"Order\" CLUSTER ON \"Order_userId_idx\";");
    Effects e = effects(c, "CLUSTER");
    assertEquals(LockMode.ACCESS_EXCLUSIVE, lock(e, "Order"));
    assertTrue(on(e, "Order").get().rewrite());
    assertTrue(on(e, "Order_pkey").get().rewrite());
    assertTrue(on(e, "User").isEmpty());
    assertFalse(e.transactional());
    Catalog using = catalog("CLUSTER \"User\" USING \"User_pkey\";");
    assertTrue(on(effects(using, "CLUSTER"), "User").isPresent());
    Catalog without = catalog("ALTER TABLE \"Order\" CLUSTER ON \"Order_userId_idx\"; "
        + "ALTER TABLE \"Order\" SET WITHOUT CLUSTER;");
    assertTrue(effects(without, "CLUSTER").relations().isEmpty());
  }

  @Test
  void insertsAreRoutedByConstantKeys() {
    Effects e = effects("INSERT INTO \"Event\" (\"id\", \"kind\", \"at\") VALUES (1, 'a', timestamp '2025-03-01')");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(e, "Event_2025"));
    assertTrue(on(e, "Event_2026").isEmpty());
    Effects two = effects("INSERT INTO \"Event\" VALUES (1, 'a', '2026-01-01'), (2, 'b', '2030-05-01 10:00')");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(two, "Event_2026"), "the lower bound is inclusive");
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(two, "Event_default"));
    assertTrue(on(two, "Event_2025").isEmpty());
    Effects unknown = effects("INSERT INTO \"Event\" (\"id\", \"kind\", \"at\") VALUES (1, 'a', now())");
    assertTrue(on(unknown, "Event_2025").isEmpty() && on(unknown, "Event_default").isEmpty());
    assertTrue(unknown.notes().stream().anyMatch(n -> n.contains("cannot tell which partitions")),
        unknown.notes()::toString);
  }

  @Test
  void foreignKeyOnAColumnThatMayBeAllNullMayNotReadTheReferencedTable() {
    String fk = "ALTER TABLE \"Item\" ADD CONSTRAINT \"Item_o2\" FOREIGN KEY (\"o2\") REFERENCES \"Order\"(\"id\")";
    Catalog added = catalog("ALTER TABLE \"Item\" ADD COLUMN \"o2\" INTEGER;");
    Effects e = effects(added, fk);
    assertEquals(ScanKind.FULL, scan(e, "Item"));
    assertEquals(ScanKind.PLAN_DEPENDENT, scan(e, "Order"));
    assertTrue(e.mayScan());
    assertTrue(on(e, "Item").get().scan());
    assertFalse(on(e, "Order").get().scan(), "scan() is the certain scan only");
    Catalog filled = catalog("ALTER TABLE \"Item\" ADD COLUMN \"o2\" INTEGER; UPDATE \"Item\" SET \"o2\" = 1;");
    assertEquals(ScanKind.FULL, scan(effects(filled, fk), "Order"));
    Catalog defaulted = catalog("ALTER TABLE \"Item\" ADD COLUMN \"o2\" INTEGER DEFAULT 1;");
    assertEquals(ScanKind.FULL, scan(effects(defaulted, fk), "Order"));
    assertEquals(ScanKind.FULL, scan(effects("ALTER TABLE \"Item\" ADD CONSTRAINT \"Item_q\" FOREIGN KEY (\"qty\") "
        + "REFERENCES \"Order\"(\"id\")"), "Order"));
  }
  @Test
  void dropSequenceCascadeDropsTheDefaultsThatUseIt() {
    Catalog c = catalog("""
        CREATE SEQUENCE "ticket_seq";
        CREATE TABLE "Ticket" ("id" INTEGER NOT NULL DEFAULT nextval('ticket_seq'::regclass), "n" INTEGER);
        DROP SEQUENCE "ticket_seq" CASCADE;
        DROP SEQUENCE "Order_id_seq" CASCADE;
        """);
    assertEquals(Optional.empty(), c.table(Catalog.resolve(ObjectName.of("Ticket"))).orElseThrow()
        .column("id").orElseThrow().defaultValue());
    dev.lockstep.core.catalog.Column id = c.table(Catalog.resolve(ObjectName.of("Order"))).orElseThrow()
        .column("id").orElseThrow();
    assertEquals("integer", id.type().name());
    assertEquals(Optional.empty(), id.defaultValue());
    // the serial column of another table keeps its sequence
    assertTrue(c.table(Catalog.resolve(ObjectName.of("User"))).orElseThrow().column("id").orElseThrow().type()
        .isSerial());
  }

  @Test
  void tablesOfSubqueriesInConditionsAreRead() {
    Effects e = effects("DELETE FROM \"Order\" o WHERE NOT EXISTS (SELECT FROM \"User\" u WHERE u.\"id\" = o.\"userId\")");
    assertEquals(LockMode.ACCESS_SHARE, lock(e, "User"));
    assertEquals(LockMode.ROW_EXCLUSIVE, lock(e, "Order"));
  }
}
