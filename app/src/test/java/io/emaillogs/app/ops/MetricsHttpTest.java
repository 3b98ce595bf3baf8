package io.emaillogs.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import io.emaillogs.app.ops.OpsClient.Customer;
import io.emaillogs.app.ops.OpsClient.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the real server (H2 in memory, so HikariCP's pool is measured too), read
 * after real traffic: the request counters moved by route template and status, never by raw path.
 */
class MetricsHttpTest {
  static final String ADMIN = "metrics-admin-token";
  static final int RATE_LIMIT = 6;

  private EmailLogsServer server;
  private OpsClient client;

  static ServerConfig config(String db, String adminToken) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        db,
        null,
        null,
        adminToken,
        "cursor-secret-for-tests",
        RATE_LIMIT,
        5,
        100,
        Duration.ofDays(30),
        HttpOptions.DEFAULT_HEAD_TIMEOUT,
        HttpOptions.DEFAULT_MAX_BODY_BYTES);
  }

  @BeforeEach
  void start() throws Exception {
    server =
        EmailLogsServer.start(
            config("jdbc:h2:mem:metrics-" + System.nanoTime(), ADMIN), Clock.systemUTC());
    client = new OpsClient(server.address(), ADMIN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void counts_requests_by_route_template_and_status_after_real_traffic() {
    Customer c = client.customer();
    assertThat(client.ingest(c, "ref-metrics-1", "jane@example.org").status()).isEqualTo(202);
    assertThat(client.ingest(c, "ref-metrics-1", "jane@example.org").status()).isEqualTo(202);

    // customer calls: 4 admitted, then the limiter says no
    assertThat(client.get("/v1/email/logs?pageSize=5", c.token()).status()).isEqualTo(200);
    assertThat(client.get("/v1/email/logs/ref-metrics-1/events", c.token()).status())
        .isEqualTo(200);
    assertThat(client.get("/v1/email/logs/no-such-ref/events", c.token()).status()).isEqualTo(404);
    String from =
        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    String to = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Reply stream =
        client.get("/api/domains/example.com/log/stream?start=" + from + "&end=" + to, c.token());
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.body()).contains("event: complete");
    int limited = 0;
    for (int i = 0; i < RATE_LIMIT + 2; i++) {
      if (client.get("/v1/email/logs", c.token()).status() == 429) {
        limited++;
      }
    }
    assertThat(limited).isGreaterThanOrEqualTo(2);
    assertThat(client.get("/v1/email/logs", "wrong-token").status()).isEqualTo(401);

    Reply metrics = client.get("/metrics", ADMIN);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    String text = metrics.body();

    String requests = "http_server_requests_seconds_count";
    assertThat(value(text, requests, Map.of("route", "/v1/email/logs", "status", "200")))
        .isEqualTo(1 + RATE_LIMIT + 2 - limited);
    assertThat(
            value(
                text,
                requests,
                Map.of("route", "/v1/email/logs/{refId}/events", "status", "200", "method", "GET")))
        .isEqualTo(1);
    assertThat(
            value(
                text, requests, Map.of("route", "/v1/email/logs/{refId}/events", "status", "404")))
        .isEqualTo(1);
    assertThat(value(text, requests, Map.of("route", "/v1/email/logs", "status", "429")))
        .isEqualTo(limited);
    assertThat(value(text, requests, Map.of("route", "/v1/email/logs", "status", "401")))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                requests,
                Map.of("route", "/api/domains/{domain}/log/stream", "status", "200")))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                requests,
                Map.of("route", "/admin/events", "status", "202", "method", "POST")))
        .isEqualTo(2);
    assertThat(
            value(
                text,
                "http_server_requests_seconds_bucket",
                Map.of("le", "+Inf", "route", "/v1/email/logs", "status", "200")))
        .isEqualTo(1 + RATE_LIMIT + 2 - limited);
    // the template, never the path's values
    assertThat(text).doesNotContain("ref-metrics-1").doesNotContain("no-such-ref");
    assertThat(text).doesNotContain("example.com").doesNotContain("jane@");

    assertThat(value(text, "email_logs_rate_limited_total", Map.of("route", "/v1/email/logs")))
        .isEqualTo(limited);
    assertThat(value(text, "email_logs_events_ingested_total", Map.of("result", "accepted")))
        .isEqualTo(2);
    assertThat(value(text, "email_logs_events_ingested_total", Map.of("result", "duplicate")))
        .isEqualTo(2);
    assertThat(value(text, "email_logs_stream_events_sent_total", Map.of())).isEqualTo(2);
    assertThat(value(text, "email_logs_streams_open", Map.of())).isZero();
    assertThat(value(text, "email_logs_streams_live_queue_depth", Map.of())).isZero();
    assertThat(value(text, "hikaricp_connections_max", Map.of())).isEqualTo(10);
    assertThat(value(text, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
    assertThat(text).contains("jvm_threads_live_threads").contains("jvm_gc_");

    // a second scrape counts the first one
    String again = client.get("/metrics", ADMIN).body();
    assertThat(value(again, requests, Map.of("route", "/metrics", "status", "200"))).isEqualTo(1);
  }

  @Test
  void metrics_need_the_operator_token() {
    Reply none = client.get("/metrics", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).doesNotContain("jvm_");
    Customer c = client.customer();
    Reply customer = client.get("/metrics", c.token());
    assertThat(customer.status()).isEqualTo(401);
    assertThat(customer.body()).doesNotContain("jvm_");
  }

  @Test
  void a_made_up_method_makes_no_series_of_its_own() {
    assertThat(client.send("BREW", "/health", null, null).status()).isEqualTo(405);
    String text = client.get("/metrics", ADMIN).body();
    assertThat(
            value(
                text,
                "http_server_requests_seconds_count",
                Map.of("method", "OTHER", "route", "unmatched", "status", "405")))
        .isEqualTo(1);
    assertThat(text).doesNotContain("BREW");
  }

  @Test
  void metrics_are_off_with_the_operator_api() throws Exception {
    try (EmailLogsServer noAdmin = EmailLogsServer.start(config("mem:", null), Clock.systemUTC())) {
      Reply reply = new OpsClient(noAdmin.address(), null).get("/metrics", "anything");
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.body()).isEqualTo("{\"error\":\"Not found\"}");
    }
  }

  /**
   * The sum of the samples of {@code name} whose labels include {@code labels}; fails when there is
   * none.
   */
  static double value(String exposition, String name, Map<String, String> labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{.*})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(exposition);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      String set = m.group(1) == null ? "" : m.group(1);
      boolean all =
          labels.entrySet().stream()
              .allMatch(e -> set.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    assertThat(found).as("a sample of %s with %s in:%n%s", name, labels, exposition).isTrue();
    return sum;
  }
}
