package io.emaillogs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired server, in process, on each store: provisioning, ingestion, a query, health. */
class EmailLogsServerTest {
  private static final String ADMIN = "admin-token-for-tests";
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static ServerConfig config(String db) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        db,
        null,
        null,
        ADMIN,
        "cursor-secret-for-tests",
        7,
        5,
        100,
        Duration.ofDays(30),
        HttpOptions.DEFAULT_HEAD_TIMEOUT,
        HttpOptions.DEFAULT_MAX_BODY_BYTES);
  }

  @Test
  void serves_on_the_in_memory_store() throws Exception {
    try (EmailLogsServer server = EmailLogsServer.start(config("mem:"), Clock.systemUTC())) {
      assertThat(server.address()).isEqualTo("http://127.0.0.1:" + server.port());
      String token = provisionAndIngest(server, "r-mem-1");
      assertQueryFinds(server, token, "r-mem-1");
    }
  }

  @Test
  void serves_on_an_h2_file_and_keeps_the_data_across_restarts(@TempDir Path dir) throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("email-logs").toAbsolutePath();
    String token;
    try (EmailLogsServer server = EmailLogsServer.start(config(db), Clock.systemUTC())) {
      token = provisionAndIngest(server, "r-h2-1");
      assertQueryFinds(server, token, "r-h2-1");
    }
    try (EmailLogsServer server = EmailLogsServer.start(config(db), Clock.systemUTC())) {
      assertQueryFinds(server, token, "r-h2-1");
    }
  }

  @Test
  void serves_on_postgresql() throws Exception {
    String url = System.getenv("EMAIL_LOGS_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
      }
      assumeTrue(false, "EMAIL_LOGS_TEST_PG_URL is not set: skipping the PostgreSQL test");
    }
    String schema = "app_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      String db = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      try (EmailLogsServer server = EmailLogsServer.start(config(db), Clock.systemUTC())) {
        String token = provisionAndIngest(server, "r-pg-1");
        assertQueryFinds(server, token, "r-pg-1");
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void close_stops_accepting_connections() throws Exception {
    EmailLogsServer server = EmailLogsServer.start(config("mem:"), Clock.systemUTC());
    HttpResponse<String> health = send(server, "GET", "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

    server.close();
    server.awaitStopped(); // returns at once: already stopped
    server.close(); // idempotent

    assertThatThrownBy(() -> send(server, "GET", "/health", null, null))
        .isInstanceOf(ConnectException.class);
  }

  private String provisionAndIngest(EmailLogsServer server, String refId) throws Exception {
    HttpResponse<String> health = send(server, "GET", "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);

    HttpResponse<String> account =
        send(server, "POST", "/admin/accounts", ADMIN, "{\"name\":\"Acme\",\"tenantId\":67890}");
    assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
    long accountId = Long.parseLong(field(account.body(), "\"accountId\":(\\d+)"));

    HttpResponse<String> key =
        send(server, "POST", "/admin/accounts/" + accountId + "/keys", ADMIN, "{\"name\":\"ci\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    String token = field(key.body(), "\"token\":\"([^\"]+)\"");

    String event =
        String.format(
            Locale.ROOT,
            "[{\"type\":\"queued\",\"accountId\":%d,\"refId\":\"%s\","
                + "\"recipientAddress\":\"jane@example.org\",\"timestamp\":\"%s\","
                + "\"fromAddress\":\"shop@mail.example.com\",\"subject\":\"Hello\"}]",
            accountId,
            refId,
            java.time.Instant.now()
                .minusSeconds(60)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    HttpResponse<String> ingest = send(server, "POST", "/admin/events", ADMIN, event);
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(202);
    assertThat(ingest.body()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
    return token;
  }

  private void assertQueryFinds(EmailLogsServer server, String token, String refId)
      throws Exception {
    HttpResponse<String> page = send(server, "GET", "/v1/email/logs?refId=" + refId, token, null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("\"success\":true", "\"refId\":\"" + refId + "\"", "\"totalCount\":1");
    assertThat(page.headers().firstValue("X-RateLimit-Limit")).hasValue("7"); // --rate-limit
  }

  private HttpResponse<String> send(
      EmailLogsServer server, String method, String path, String bearer, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.address() + path)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String body, String regex) {
    Matcher m = Pattern.compile(regex).matcher(body);
    assertThat(m.find()).as("%s in %s", regex, body).isTrue();
    return m.group(1);
  }
}
