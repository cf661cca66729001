package dev.lockstep.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationLayoutTest {
  private static Optional<String> path(MigrationTool tool, String current, int k, boolean tx) {
    return MigrationLayout.of(tool, current).path(k, "Order_userId_idx concurrently", tx);
  }

  @Test
  void newMigrationsFollowEachToolsNaming() {
    assertEquals(Optional.of("prisma/migrations/20240122103046_order_userid_idx_concurrently/migration.sql"),
        path(MigrationTool.PRISMA, "prisma/migrations/20240122103045_order_indexes/migration.sql", 1, true));
    // Timestamps stay valid times.
    assertEquals(Optional.of("prisma/migrations/20240122103100_order_userid_idx_concurrently/migration.sql"),
        path(MigrationTool.PRISMA, "prisma/migrations/20240122103059_x/migration.sql", 1, true));
    assertEquals(Optional.of("db/migration/V5_2__order_userid_idx_concurrently.sql"),
        path(MigrationTool.FLYWAY, "db/migration/V5__add_fk.sql", 2, true));
    assertEquals(Optional.of("db/migration/V1.2_1__order_userid_idx_concurrently.sql"),
        path(MigrationTool.FLYWAY, "db/migration/V1.2__add_fk.sql", 1, true));
    assertEquals(Optional.of("migrations/000006_order_userid_idx_concurrently.up.sql"),
        path(MigrationTool.GOLANG_MIGRATE, "migrations/000005_x.up.sql", 1, true));
    assertEquals(Optional.of("db/migrations/20240101120003_order_userid_idx_concurrently.sql"),
        path(MigrationTool.DBMATE, "db/migrations/20240101120000_x.sql", 3, true));
    assertEquals(Optional.of("migrations/00004_order_userid_idx_concurrently.sql"),
        path(MigrationTool.GOOSE, "migrations/00003_x.sql", 1, false));
    assertEquals(Optional.of("drizzle/0006_order_userid_idx_concurrently.sql"),
        path(MigrationTool.DRIZZLE, "drizzle/0005_x.sql", 1, true));
    assertEquals(Optional.of("migrations/2024-01-01-120001_order_userid_idx_concurrently/up.sql"),
        path(MigrationTool.DIESEL, "migrations/2024-01-01-120000_x/up.sql", 1, true));
    assertEquals(Optional.of("migrations/20240101120001_order_userid_idx_concurrently.sql"),
        path(MigrationTool.SQLX, "migrations/20240101120000_x.sql", 1, true));
    assertEquals(Optional.of("supabase/migrations/20240101120001_order_userid_idx_concurrently.sql"),
        path(MigrationTool.SUPABASE, "supabase/migrations/20240101120000_x.sql", 1, true));
    assertEquals(Optional.of("m/20240101120001_order_userid_idx_concurrently.postgres.autocommit.up.sql"),
        path(MigrationTool.POPX, "m/20240101120000_x.postgres.up.sql", 1, false));
    assertEquals(Optional.of("sql/003_order_userid_idx_concurrently.sql"),
        path(MigrationTool.PLAIN, "sql/002_x.sql", 1, true));
    assertEquals(Optional.empty(), path(MigrationTool.PLAIN, "sql/schema.sql", 1, true));
  }

  @Test
  void contentCarriesTheToolsMarkers() {
    List<String> one = List.of("CREATE INDEX CONCURRENTLY i ON t (c);");
    assertEquals("-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (c);\n",
        MigrationLayout.of(MigrationTool.GOOSE, "m/1_x.sql").content(one, false));
    assertEquals("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (c);\n\n-- migrate:down\n",
        MigrationLayout.of(MigrationTool.DBMATE, "m/1_x.sql").content(one, false));
    assertEquals("-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n",
        MigrationLayout.of(MigrationTool.SQLX, "m/1_x.sql").content(one, false));
    assertEquals("a;\n--> statement-breakpoint\nb;\n",
        MigrationLayout.of(MigrationTool.DRIZZLE, "drizzle/0001_x.sql").content(List.of("a;", "b;"), true));
    assertEquals("BEGIN;\na;\nb;\nCOMMIT;\n",
        MigrationLayout.of(MigrationTool.PLAIN, "sql/1_x.sql").content(List.of("a;", "b;"), true));
    assertEquals(Map.of("m/2024-01-01-120001_x/down.sql", "-- Reverts up.sql (see lockstep rollback).\n",
            "m/2024-01-01-120001_x/metadata.toml", "run_in_transaction = false\n"),
        MigrationLayout.of(MigrationTool.DIESEL, "m/2024-01-01-120000_y/up.sql")
            .companions("m/2024-01-01-120001_x/up.sql", false));
  }

  @Test
  void prismaSplitsNonTransactionalStepsIntoOneFileEach() {
    Plan plan = PlanBuilder.of(MigrationLayout.of(MigrationTool.PRISMA, "p/20240101000000_a/migration.sql"), "t")
        .migration("Build", "idx", List.of("CREATE INDEX CONCURRENTLY a ON t (x);",
            "CREATE INDEX CONCURRENTLY b ON t (y);"), false, "why")
        .build();
    assertEquals(2, plan.steps().size());
    assertEquals("p/20240101000002_idx_2/migration.sql", plan.steps().get(1).path().orElseThrow());
  }

  @Test
  void qualifyColumnRewritesOnlyTheColumn() {
    assertEquals("NEW.\"status\"::text::\"Status_new\"",
        ExpandContract.qualifyColumn("\"status\"::text::\"Status_new\"", "status", "NEW.\"status\""));
    assertEquals("round(NEW.price * 100)::bigint",
        ExpandContract.qualifyColumn("round(price * 100)::bigint", "price", "NEW.price"));
    assertEquals("x.price || 'price'", ExpandContract.qualifyColumn("x.price || 'price'", "price", "NEW.price"));
  }

  @Test
  void assignmentsSplitAtTopLevelCommas() {
    List<String[]> a = ExpandContract.assignments("a = coalesce(b, 1), \"C\" = 'x,y'");
    assertEquals(2, a.size());
    assertEquals("\"C\"", a.get(1)[0]);
    assertEquals("'x,y'", a.get(1)[1]);
    assertTrue(ExpandContract.assignments("(a, b) = (1, 2)").isEmpty());
  }

  @Test
  void renumberKeepsTheNameAndMovesTheVersion() {
    MigrationLayout prisma = MigrationLayout.of(MigrationTool.PRISMA, "p/20240101000000_a/migration.sql");
    assertEquals(Optional.of("p/20240101000005_add_x/migration.sql"),
        prisma.renumber("p/20240101000001_add_x/migration.sql", 5));
    MigrationLayout flyway = MigrationLayout.of(MigrationTool.FLYWAY, "db/V3__a.sql");
    assertEquals(Optional.of("db/V3_4__validate_fk.sql"), flyway.renumber("db/V3_1__validate_fk.sql", 4));
    MigrationLayout popx = MigrationLayout.of(MigrationTool.POPX, "m/20240101000000_a.postgres.up.sql");
    assertEquals(Optional.of("m/20240101000003_idx.postgres.autocommit.up.sql"),
        popx.renumber("m/20240101000001_idx.postgres.autocommit.up.sql", 3));
    MigrationLayout diesel = MigrationLayout.of(MigrationTool.DIESEL, "m/2024-01-01-120000_a/up.sql");
    assertEquals(Optional.of("m/2024-01-01-120002_b/up.sql"), diesel.renumber("m/2024-01-01-120001_b/up.sql", 2));
  }

  @Test
  void slugIsLowerCaseWordsJoinedByUnderscoresAtMostSixtyCharacters() {
    java.util.Random random = new java.util.Random(7);
    String alphabet = "aZ9_ -\"().İé";
    for (int n = 0; n < 2000; n++) {
      StringBuilder name = new StringBuilder();
      for (int k = random.nextInt(90); k > 0; k--) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = name.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
          .replaceAll("^_+|_+$", "");
      String expected = s.isEmpty() ? "step" : s.length() > 60 ? s.substring(0, 60).replaceAll("_+$", "") : s;
      assertEquals(expected, MigrationLayout.slug(name.toString()), name.toString());
    }
    assertEquals("add_order_createdat_idx", MigrationLayout.slug("Add \"Order\"(\"createdAt\") idx"));
    assertEquals("step", MigrationLayout.slug("--"));
  }
}
