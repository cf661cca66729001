package dev.lockstep.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The real-server harness of this package for tests elsewhere (the plan and rollback proofs in
 * {@code dev.lockstep.core.plan}): one server per major version, started from the binaries jars the
 * build copies to {@code target/pg-binaries}.
 */
public final class TestServers {
  private TestServers() {}

  public static boolean available(int major) {
    return PgServer.binariesAvailable(major);
  }

  public static Path binariesDir() {
    return PgServer.binariesDir();
  }

  public static Server start(int major, Path logDir) throws IOException, SQLException {
    return new Server(PgServer.start(major, logDir));
  }

  /** A running server. */
  public static final class Server implements AutoCloseable {
    private final PgServer server;

    private Server(PgServer server) {
      this.server = server;
    }

    public int major() {
      return server.major();
    }

    public String version() {
      return server.serverVersion();
    }

    public Connection connect(String database) throws SQLException {
      return server.connect(database);
    }

    public Connection connect(String database, Properties extra) throws SQLException {
      return server.connect(database, extra);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
