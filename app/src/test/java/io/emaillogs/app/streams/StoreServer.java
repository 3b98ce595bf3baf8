package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The wired server (as {@code serve} wires it) on one of the three stores, with the operator calls
 * the stream tests need. PostgreSQL gets a schema of its own and a pool tagged with an application
 * name, so its connections can be counted; it is skipped without {@code EMAIL_LOGS_TEST_PG_URL},
 * unless {@code CI=true}.
 */
final class StoreServer implements AutoCloseable {
  static final String ADMIN = "admin-token-for-stream-tests";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String store;
  final EmailLogsServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String pgUrl;
  private final String schema;
  private final String applicationName;

  private StoreServer(
      String store, EmailLogsServer server, String pgUrl, String schema, String applicationName) {
    this.store = store;
    this.server = server;
    this.pgUrl = pgUrl;
    this.schema = schema;
    this.applicationName = applicationName;
  }

  /** {@code store} is {@code mem}, {@code h2} or {@code postgresql}. */
  static StoreServer start(String store, int maxStreamsPerAccount) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String db;
    String pgUrl = null;
    String schema = null;
    String app = null;
    switch (store) {
      case "mem" -> db = "mem:";
      case "h2" -> db = "jdbc:h2:mem:streams_" + id + ";DB_CLOSE_DELAY=-1";
      case "postgresql" -> {
        pgUrl = System.getenv("EMAIL_LOGS_TEST_PG_URL");
        if (pgUrl == null || pgUrl.isBlank()) {
          if ("true".equals(System.getenv("CI"))) {
            fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
          }
          assumeTrue(false, "EMAIL_LOGS_TEST_PG_URL is not set: skipping the PostgreSQL run");
        }
        schema = "streams_" + id;
        app = "email-logs-" + schema;
        try (Connection c = DriverManager.getConnection(pgUrl);
            Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA " + schema);
        }
        db =
            pgUrl
                + (pgUrl.contains("?") ? "&" : "?")
                + "currentSchema="
                + schema
                + "&ApplicationName="
                + app;
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
            "cursor-secret-for-stream-tests",
            100_000,
            maxStreamsPerAccount,
            5_000,
            Duration.ZERO,
            HttpOptions.DEFAULT_HEAD_TIMEOUT,
            HttpOptions.DEFAULT_MAX_BODY_BYTES);
    return new StoreServer(
        store, EmailLogsServer.start(config, Clock.systemUTC()), pgUrl, schema, app);
  }

  int port() {
    return server.port();
  }

  int openStreams() {
    return server.logs().streamLogs().openStreams();
  }

  /** A new account with a verified sending domain {@code domain}; returns its API token. */
  String customer(String domain) throws Exception {
    long account =
        post("/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":1}", 201)
            .get("accountId")
            .asLong();
    String token =
        post("/admin/accounts/" + account + "/keys", "{\"name\":\"t\"}", 201).get("token").asText();
    post(
        "/admin/accounts/" + account + "/domains",
        "{\"domain\":\"" + domain + "\",\"verified\":true}",
        201);
    customerAccounts.put(token, account);
    return token;
  }

  private final java.util.Map<String, Long> customerAccounts = new java.util.HashMap<>();

  long accountOf(String token) {
    return customerAccounts.get(token);
  }

  /** {@code n} queued events of {@code account} from {@code sender}, in batches of 1,000. */
  void ingest(long account, String sender, int n, Instant at) throws Exception {
    StringBuilder batch = new StringBuilder();
    int inBatch = 0;
    for (int i = 0; i < n; i++) {
      batch
          .append("{\"type\":\"queued\",\"accountId\":")
          .append(account)
          .append(",\"refId\":\"m")
          .append(UUID.randomUUID().toString().replace("-", ""))
          .append("\",\"recipientAddress\":\"r")
          .append(i)
          .append("@x.org\",\"timestamp\":\"")
          .append(at.plusMillis(i))
          .append("\",\"fromAddress\":\"")
          .append(sender)
          .append("\",\"subject\":\"s\"}\n");
      if (++inBatch == 1_000 || i == n - 1) {
        HttpResponse<String> r =
            http.send(
                request("/admin/events")
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        batch.setLength(0);
        inBatch = 0;
      }
    }
  }

  /** Connections of this server's pool now open in PostgreSQL; -1 on the other stores. */
  int poolConnections() throws Exception {
    if (pgUrl == null) {
      return -1;
    }
    try (Connection c = DriverManager.getConnection(pgUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + applicationName
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private JsonNode post(String path, String body, int expected) throws Exception {
    HttpResponse<String> r =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    return JSON.readTree(r.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ADMIN);
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
