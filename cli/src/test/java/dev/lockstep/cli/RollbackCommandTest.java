package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackCommandTest {
  @TempDir
  Path dir;

  private void project() throws Exception {
    Projects.prisma(dir, "20240101000000_init",
        "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL, \"name\" TEXT NOT NULL, \"phone\" TEXT,"
            + " CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
        "20240201000000_cleanup",
        "ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"displayName\";\n"
            + "ALTER TABLE \"User\" DROP COLUMN \"phone\";\n"
            + "CREATE INDEX \"User_displayName_idx\" ON \"User\"(\"displayName\");\n");
  }

  @Test
  void invertsInReverseOrderAndCallsOutDataLoss() throws Exception {
    project();
    Run r = Run.in(dir, "rollback", "prisma/migrations/20240201000000_cleanup/migration.sql");
    assertEquals(0, r.exit(), r.toString());
    String out = r.out();
    int drop = out.indexOf("DROP INDEX \"User_displayName_idx\";");
    int readd = out.indexOf("ALTER TABLE \"User\" ADD COLUMN phone TEXT;");
    int rename = out.indexOf("ALTER TABLE \"User\" RENAME COLUMN \"displayName\" TO name;");
    assertTrue(drop >= 0 && readd > drop && rename > readd, out);
    assertTrue(out.contains("-- IRREVERSIBLE: line 2: ALTER TABLE \"User\" DROP COLUMN \"phone\";"), out);
    assertTrue(out.contains("WARNING: not fully reversible"), out);
  }

  @Test
  void jsonSaysWhatIsReversible() throws Exception {
    project();
    Run r = Run.in(dir, "rollback", "prisma/migrations/20240201000000_cleanup/migration.sql", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertFalse(json.get("reversible").asBoolean());
    assertEquals(3, json.get("steps").size());
    JsonNode first = json.get("steps").get(0);
    assertEquals(3, first.get("line").asInt());
    assertTrue(first.get("reversible").asBoolean());
    assertFalse(json.get("steps").get(1).get("reversible").asBoolean());
  }

  @Test
  void outputFileIsNeverOverwritten() throws Exception {
    project();
    Path down = dir.resolve("down.sql");
    Files.writeString(down, "keep");
    Run r = Run.in(dir, "rollback", "prisma/migrations/20240201000000_cleanup/migration.sql", "-o", "down.sql");
    assertEquals(2, r.exit(), r.toString());
    assertEquals("keep", Files.readString(down));
  }
}
