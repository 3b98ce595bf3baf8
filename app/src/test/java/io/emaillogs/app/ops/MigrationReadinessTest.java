package io.emaillogs.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness while the schema is migrated: the server opens its port only once Flyway is done, so a
 * load balancer's check of {@code /ready} (or of the port) fails until then, and {@code /ready}
 * answers 200 right after. The migration is held up for seconds by a transaction that locks
 * Flyway's history table, on PostgreSQL (a schema of its own, dropped after; skipped without {@code
 * EMAIL_LOGS_TEST_PG_URL}, required under CI=true).
 */
class MigrationReadinessTest {
  private String url;
  private String schema;

  @BeforeEach
  void schema() throws Exception {
    url = System.getenv("EMAIL_LOGS_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
      }
      assumeTrue(false, "EMAIL_LOGS_TEST_PG_URL is not set: skipping the PostgreSQL run");
    }
    schema = "ready_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  @AfterEach
  void drop() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void the_port_opens_only_after_the_migrations_and_ready_is_200_at_once() throws Exception {
    String db = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    EmailLogsServer.start(config(db, 0), Clock.systemUTC()).close(); // creates the history table

    int port = freePort();
    try (Connection lock = DriverManager.getConnection(db)) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE " + schema + ".flyway_schema_history IN ACCESS EXCLUSIVE MODE");
      }
      CompletableFuture<EmailLogsServer> starting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmailLogsServer.start(config(db, port), Clock.systemUTC());
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        long blockedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < blockedUntil) {
          assertThat(starting).as("start waits for the migration").isNotDone();
          assertThatThrownBy(() -> connect(port))
              .as("nothing listens while the schema is migrated")
              .isInstanceOf(ConnectException.class);
          Thread.sleep(200);
        }
      } finally {
        lock.rollback(); // the migration goes on
      }
      try (EmailLogsServer server = starting.get(30, TimeUnit.SECONDS)) {
        assertThat(server.port()).isEqualTo(port);
        OpsClient client = new OpsClient(server.address(), null);
        OpsClient.Reply ready = client.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"READY\"}");
        assertThat(client.get("/health", null).status()).isEqualTo(200);
      }
    }
  }

  private static ServerConfig config(String db, int port) {
    ServerConfig base = MetricsHttpTest.config(db, "ready-admin");
    return new ServerConfig(
        base.host(),
        port,
        base.db(),
        null,
        null,
        base.adminToken(),
        base.cursorSecret(),
        base.requestsPerMinute(),
        base.maxStreams(),
        base.maxServerStreams(),
        base.retention(),
        base.headTimeout(),
        base.maxBodyBytes());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
    }
  }
}
