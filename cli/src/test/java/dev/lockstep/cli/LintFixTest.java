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

  @Test
  void aMysqlMigrationIsNeverGivenPostgresqlSql() throws Exception {
    Path m = dir.resolve("db").resolve("migrations");
    Projects.write(m.resolve("001_init.sql"), "CREATE TABLE `users` (`id` bigint NOT NULL AUTO_INCREMENT,"
        + " `email` varchar(255), PRIMARY KEY (`id`)) ENGINE=InnoDB;\n");
    String risky = "CREATE INDEX users_email ON `users` (`email`);\n"
        + "ALTER TABLE `users` ADD CONSTRAINT fk FOREIGN KEY (`id`) REFERENCES `users` (`id`);\n"
        + "DROP INDEX users_email ON `users`;\n";
    Projects.write(m.resolve("002_idx.sql"), risky);
    Run fixed = Run.in(dir, "lint", "--fix", "--fail-on", "never", "db/migrations");
    assertEquals(0, fixed.exit(), fixed.toString());
    assertEquals(risky, Files.readString(m.resolve("002_idx.sql")), "no CONCURRENTLY, NOT VALID or lock_timeout");
    Run json = Run.in(dir, "lint", "--format", "json", "--fail-on", "never", "db/migrations");
    assertTrue(json.out().contains("\"dialect\": \"mysql\"") || json.out().contains("\"dialect\":\"mysql\""),
        json.toString());
    assertTrue(json.out().contains("foreign-key-missing-not-valid"), json.toString());
    assertTrue(!json.out().contains("\"fix\": {") && !json.out().contains("\"fix\":{")
        && !json.out().contains("\"plan\": {") && !json.out().contains("\"plan\":{"), json.out());
  }
}
