package io.emaillogs.adapter.jdbi;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the test PostgreSQL database named by env {@code EMAIL_LOGS_TEST_PG_URL}, and
 * the URL that makes it the current schema; dropped on close. Without the variable the calling test
 * is skipped, or fails when env {@code CI=true}.
 */
final class PostgresSchema implements AutoCloseable {
  static final String ENV = "EMAIL_LOGS_TEST_PG_URL";

  private final String baseUrl;
  private final String name;

  private PostgresSchema(String baseUrl, String name) {
    this.baseUrl = baseUrl;
    this.name = name;
  }

  /** The test database's URL; skips (or, on CI, fails) the calling test when it is not set. */
  static String baseUrl() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(ENV + " must name a PostgreSQL database on CI (CI=true)");
      }
      Assumptions.abort(
          "PostgreSQL tests skipped: set "
              + ENV
              + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
    }
    return url;
  }

  static PostgresSchema create() {
    String base = baseUrl();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(base, "CREATE SCHEMA " + name);
    return new PostgresSchema(base, name);
  }

  /** A URL whose connections work in this schema. */
  String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  String name() {
    return name;
  }

  /** Runs one statement in the test database (outside the schema unless qualified). */
  void execute(String sql) {
    execute(url(), sql);
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    execute(baseUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }
}
