package io.emaillogs.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL the benchmarks run on, and the schema of their own that they create at the start
 * and drop at the end. {@link #url()} points the service's stores at that schema.
 */
final class BenchDb implements AutoCloseable {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String baseUrl;
  private final String schema;
  private boolean created;
  private boolean keep;

  BenchDb(String baseUrl, String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad schema name: " + schema);
    }
    this.baseUrl = baseUrl;
    this.schema = schema;
  }

  /** A schema name unique to this run. */
  static String newSchemaName() {
    return String.format(
        Locale.ROOT,
        "bench_%d_%d",
        ProcessHandle.current().pid(),
        System.currentTimeMillis() % 100_000_000L);
  }

  /** With {@code true}, {@link #close} leaves the schema for a look at the data afterwards. */
  void keep(boolean keep) {
    this.keep = keep;
  }

  String schema() {
    return schema;
  }

  /** The JDBC URL of the benchmark schema: the base URL with {@code currentSchema} set. */
  String url() {
    return withSchema(baseUrl, schema);
  }

  /** The base URL (no schema set), for benchmarks that need a database of their own. */
  String baseUrl() {
    return baseUrl;
  }

  /** {@code url} pointing at database {@code database} of the same server. */
  static String withDatabase(String url, String database) {
    return url.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database);
  }

  static String withSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  void createSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      created = true;
    }
  }

  String serverVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Drops the secondary indexes of {@code table} (those behind no constraint), runs {@code load},
   * and builds them again from their saved definitions: a bulk load is far faster without them.
   */
  void withoutIndexes(Connection c, String table, SqlWork load) throws SQLException {
    List<String[]> indexes = new ArrayList<>();
    try (var ps =
        c.prepareStatement(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = ?"
                + " AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                + " WHERE k.conname = i.indexname AND k.connamespace = ?::regnamespace)")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setString(3, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          indexes.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String[] index : indexes) {
        s.execute("DROP INDEX " + schema + "." + index[0]);
      }
    }
    load.run();
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
      for (String[] index : indexes) {
        s.execute(index[1]);
      }
    }
  }

  /** JDBC work that may fail. */
  @FunctionalInterface
  interface SqlWork {
    void run() throws SQLException;
  }

  @Override
  public void close() throws SQLException {
    if (!created || keep) {
      return;
    }
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
      created = false;
    }
  }
}
