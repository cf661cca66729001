package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintFixTest {
  @TempDir
  Path dir;

  @Test
  void fixesAreAppliedInPlaceAndTheFixedFilesRelintedClean() throws Exception {
    Path m = dir.resolve("migrations");
    Projects.write(m.resolve("V1__init.sql"), "CREATE TABLE orgs (id bigint PRIMARY KEY);\n"
        + "CREATE TABLE users (id bigint PRIMARY KEY, org_id bigint, email text);\n");
    Projects.write(m.resolve("V2__fk.sql"), "ALTER TABLE users ADD CONSTRAINT users_org_fkey FOREIGN KEY (org_id)"
        + " REFERENCES orgs (id);\n");
    Projects.write(m.resolve("V3__idx.sql"), "CREATE INDEX users_email_idx ON users (email);\n");
    Run r = Run.in(dir, "lint", "--tool", "flyway", "--fix", "--fail-on", "never", "migrations");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("applied"), r.toString());
    String fk = Files.readString(m.resolve("V2__fk.sql"));
    assertTrue(fk.contains("REFERENCES orgs (id) NOT VALID;"), fk);
    String idx = Files.readString(m.resolve("V3__idx.sql"));
    assertTrue(idx.contains("CREATE INDEX CONCURRENTLY users_email_idx"), idx);
    Run again = Run.in(dir, "lint", "--tool", "flyway", "--fix", "--fail-on", "never", "migrations");
    assertTrue(!again.err().contains("applied"), again.toString());
    assertEquals(fk, Files.readString(m.resolve("V2__fk.sql")));
  }
}
