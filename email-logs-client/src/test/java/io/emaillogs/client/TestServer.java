package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import io.emaillogs.application.EmailLogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The real server, wired as {@code serve} wires it, on the in-memory store ({@code mem}) or on
 * PostgreSQL ({@code postgresql}: a schema of its own, dropped on close; skipped without {@code
 * EMAIL_LOGS_TEST_PG_URL}, a failure instead under {@code CI=true}), with the operator calls the
 * tests need. No retention job, so data spread over 30 days stays.
 */
final class TestServer implements AutoCloseable {
  static final String ADMIN = "admin-token-for-client-tests";

  final String store;
  final EmailLogsServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String pgUrl;
  private final String schema;

  private TestServer(String store, EmailLogsServer server, String pgUrl, String schema) {
    this.store = store;
    this.server = server;
    this.pgUrl = pgUrl;
    this.schema = schema;
  }

  static TestServer start(String store) throws Exception {
    return start(store, 100_000, 5);
  }

  static TestServer start(String store, int requestsPerMinute, int maxStreams) throws Exception {
    String db;
    String pgUrl = null;
    String schema = null;
    switch (store) {
      case "mem" -> db = "mem:";
      case "postgresql" -> {
        pgUrl = System.getenv("EMAIL_LOGS_TEST_PG_URL");
        if (pgUrl == null || pgUrl.isBlank()) {
          if ("true".equals(System.getenv("CI"))) {
            fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
          }
          assumeTrue(false, "EMAIL_LOGS_TEST_PG_URL is not set: skipping the PostgreSQL run");
        }
        schema = "client_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pgUrl);
            Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA " + schema);
        }
        db = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      }
      default -> throw new IllegalArgumentException(store);
    }
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            db,
            null,
            null,
            ADMIN,
            "cursor-secret-for-client-tests",
            requestsPerMinute,
            maxStreams,
            1_000,
            Duration.ZERO,
            HttpOptions.DEFAULT_HEAD_TIMEOUT,
            HttpOptions.DEFAULT_MAX_BODY_BYTES);
    return new TestServer(store, EmailLogsServer.start(config, Clock.systemUTC()), pgUrl, schema);
  }

  URI uri() {
    return URI.create(server.address());
  }

  int port() {
    return server.port();
  }

  EmailLogs logs() {
    return server.logs();
  }

  /** An account, a key and the verified sending domain {@code domain}, through the operator API. */
  Customer customer(String domain, Integer rateLimit) throws Exception {
    JsonNode account =
        post(
            "/admin/accounts",
            "{\"name\":\"Acme\",\"tenantId\":67890"
                + (rateLimit == null ? "" : ",\"rateLimit\":" + rateLimit)
                + "}",
            "application/json",
            201);
    long id = account.get("accountId").asLong();
    String token =
        post("/admin/accounts/" + id + "/keys", "{\"name\":\"t\"}", "application/json", 201)
            .get("token")
            .asText();
    post(
        "/admin/accounts/" + id + "/domains",
        "{\"domain\":\"" + domain + "\",\"verified\":true}",
        "application/json",
        201);
    return new Customer(id, token);
  }

  /** A customer: its account id and API token. */
  record Customer(long accountId, String token) {}

  /** Ingests NDJSON events through {@code POST /admin/events}. */
  void ingest(String ndjson) throws Exception {
    post("/admin/events", ndjson, "application/x-ndjson", 202);
  }

  JsonNode post(String path, String body, String contentType, int expected) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.address() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    return Http.JSON.readTree(r.body());
  }

  /** A raw customer GET, answered whole. */
  HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.address() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    server.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(pgUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (java.sql.SQLException e) {
        throw new IOException(e);
      }
    }
  }
}
