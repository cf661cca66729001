package dev.lockstep.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** A throwaway PostgreSQL server for other modules (and their tests): started from {@link PgBinaries}. */
public final class EmbeddedServer implements AutoCloseable {
  private final PgServer server;

  private EmbeddedServer(PgServer server) {
    this.server = server;
  }

  public static EmbeddedServer start(int major, PgBinaries binaries, Path logDir)
      throws IOException, SQLException, PgBinaries.BinariesException {
    return new EmbeddedServer(PgServer.start(major, binaries.resolve(major), logDir));
  }

  public String version() {
    return server.serverVersion();
  }

  /** Creates an empty database. */
  public void createDatabase(String name) throws SQLException {
    server.createDatabase(name);
  }

  /** A JDBC URL of {@code database}, as user {@code postgres} (no password). */
  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  public Connection connect(String database) throws SQLException {
    return server.connect(database);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
