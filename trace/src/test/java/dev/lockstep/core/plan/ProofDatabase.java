package dev.lockstep.core.plan;

import dev.lockstep.trace.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Databases for the proofs: templates, copies, steps run as a migration tool runs them, catalogs. */
final class ProofDatabase {
  static final String EMPTY = "proof_empty";
  static final String FILLED = "proof_filled";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private ProofDatabase() {}

  /** {@value #EMPTY} holds the schema, {@value #FILLED} the schema and the rows. */
  static void prepareTemplates(TestServers.Server server, String schema, String data) throws SQLException {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + EMPTY);
      s.execute("CREATE DATABASE " + FILLED);
    }
    try (Connection c = server.connect(EMPTY); Statement s = c.createStatement()) {
      s.execute(schema);
    }
    try (Connection c = server.connect(FILLED); Statement s = c.createStatement()) {
      s.execute(schema);
      s.execute(data);
      s.execute("VACUUM ANALYZE");
    }
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + EMPTY + " WITH IS_TEMPLATE true");
      s.execute("ALTER DATABASE " + FILLED + " WITH IS_TEMPLATE true");
    }
  }

  static String create(TestServers.Server server, String template) throws SQLException {
    String name = "proof" + COUNTER.incrementAndGet();
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template
          + (server.major() >= 15 ? " STRATEGY = FILE_COPY" : ""));
    }
    return name;
  }

  static void drop(TestServers.Server server, String name) {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + (server.major() >= 13 ? " WITH (FORCE)" : ""));
    } catch (SQLException e) {
      // a leftover database only costs disk space until the server stops
    }
  }

  /**
   * Runs one migration file: in a transaction, or on its own when it must run outside one (a
   * concurrent index build, a batch loop that commits). With {@code guarded}, a second session holds
   * ROW EXCLUSIVE on that table in an open transaction and the step runs with a 3s lock_timeout, so
   * a step that would block writers fails instead of waiting.
   */
  static void runStep(TestServers.Server server, String db, String sql, Optional<String> guarded)
      throws SQLException {
    boolean outside = sql.contains("CONCURRENTLY") || sql.startsWith("DO $$") && sql.contains("COMMIT;")
        || sql.startsWith("VACUUM");
    Connection holder = null;
    try {
      if (guarded.isPresent()) {
        holder = server.connect(db);
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
          s.execute("LOCK TABLE " + guarded.get() + " IN ROW EXCLUSIVE MODE");
        }
      }
      try (Connection c = server.connect(db); Statement s = c.createStatement()) {
        if (guarded.isPresent()) {
          s.execute("SET lock_timeout = '3s'");
        }
        if (outside) {
          s.execute(sql);
        } else {
          c.setAutoCommit(false);
          s.execute(sql);
          c.commit();
        }
      }
    } finally {
      if (holder != null) {
        holder.rollback();
        holder.close();
      }
    }
  }

  /**
   * The user-visible schema of {@code public}, one sorted line per fact. Column order and the names
   * of NOT NULL constraints (PostgreSQL 18 keeps the name a column was created with) are left out;
   * nullability is compared per column.
   */
  static List<String> catalog(TestServers.Server server, String db) throws SQLException {
    String sql = """
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        UNION ALL
        SELECT 'relation ' || relname || ' ' || relkind::text FROM pg_class
         WHERE relnamespace = 'public'::regnamespace AND relkind <> 'i' AND relkind <> 't'
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
               || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
        UNION ALL
        SELECT 'index ' || indexdef || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
               || CASE WHEN i.indisclustered THEN ' CLUSTERED' ELSE '' END
          FROM pg_indexes x JOIN pg_index i ON i.indexrelid = (quote_ident(x.schemaname) || '.'
               || quote_ident(x.indexname))::regclass
         WHERE schemaname = 'public'
        UNION ALL
        SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
        UNION ALL
        SELECT 'trigger ' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE NOT tgisinternal AND c.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'type ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
        ORDER BY 1
        """;
    List<String> out = new ArrayList<>();
    try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
