package io.emaillogs.app.http;

import static io.emaillogs.app.http.HttpFixture.event;
import static io.emaillogs.app.http.HttpFixture.queued;
import static io.emaillogs.app.http.HttpFixture.refId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import io.emaillogs.application.Settings;
import io.emaillogs.application.port.StoreUnavailableException;
import io.emaillogs.domain.RawEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI document against the real server: each test sends real requests and checks every
 * answer (status, headers, body) against the document the server serves at {@code /openapi.json}.
 * After all of them, every operation of the document must have been seen answering with a success
 * (2xx) and with an error (4xx or 5xx), so an endpoint cannot be documented without a test here.
 */
@Timeout(60)
class OpenApiContractTest {
  static HttpFixture f;
  static OpenApiContract contract;
  static Customer c;
  static String ref;
  static Instant now;

  @BeforeAll
  static void start() {
    try {
      f = HttpFixture.instrumented();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Reply document = f.get("/openapi.json", null);
    assertThat(document.status()).isEqualTo(200);
    contract = OpenApiContract.of(document.body());
    contract.check("GET", "/openapi.json", document);
    now = f.clock.instant();
    c = f.customer();
    ref = refId();
    Instant t = now.minus(Duration.ofHours(1));
    f.ingest(
        List.of(
            queued(c, ref, "Ann@Example.org", t),
            event(c, "delivered", ref, "Ann@Example.org", t.plusSeconds(5)),
            new RawEvent(
                null,
                "opened",
                c.accountId(),
                ref,
                "Ann@Example.org",
                t.plusSeconds(60).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "Mozilla/5.0",
                "192.0.2.1",
                null),
            queued(c, refId(), "bob@example.net", t.plusSeconds(1))));
  }

  @AfterAll
  static void every_operation_was_seen_succeeding_and_failing() {
    try {
      Set<String> missing = new TreeSet<>();
      for (String operation : contract.operations()) {
        if (contract.answered().stream().noneMatch(a -> a.startsWith(operation + " 2"))) {
          missing.add(operation + ": no success");
        }
        if (contract.answered().stream()
            .noneMatch(a -> a.startsWith(operation + " 4") || a.startsWith(operation + " 5"))) {
          missing.add(operation + ": no error");
        }
      }
      assertThat(missing).as("operations never checked").isEmpty();
    } finally {
      f.close();
    }
  }

  Reply get(String path, String authorization) {
    return contract.check("GET", path, f.get(path, authorization));
  }

  Reply send(String method, String path, String auth, String type, String body) {
    return contract.check(method, path, type, body, f.send(method, path, auth, type, body));
  }

  Reply admin(String method, String path, String body) {
    return send(method, path, "Bearer " + HttpFixture.ADMIN_TOKEN, "application/json", body);
  }

  static String bearer(Customer customer) {
    return "Bearer " + customer.token();
  }

  @Test
  void the_query_api_answers_as_documented() {
    Reply first = get("/v1/email/logs?pageSize=1", bearer(c));
    assertThat(first.status()).isEqualTo(200);
    String token = first.json().get("nextPageToken").asText();
    Reply last = get("/v1/email/logs?pageSize=1&pageToken=" + token, bearer(c));
    assertThat(last.json().has("nextPageToken")).isFalse();
    assertThat(get("/v1/email/logs?recipientAddress=a", bearer(c)).body())
        .isEqualTo("{\"success\":false,\"error\":\"Invalid query parameter: recipientAddress\"}");
    assertThat(get("/v1/email/logs?pageSize=0", bearer(c)).status()).isEqualTo(400);
    assertThat(get("/v1/email/logs?startCreatedAt=2024-01-15", bearer(c)).status()).isEqualTo(400);
    assertThat(get("/v1/email/logs", null).status()).isEqualTo(401);
    assertThat(get("/v1/email/logs", "Bearer nope").status()).isEqualTo(401);
    assertThat(get("/v1/email/logs", "Basic abc").body())
        .isEqualTo("{\"success\":false,\"error\":\"User authentication missing\"}");
  }

  @Test
  void the_rate_limit_answers_as_documented_on_queries_and_streams() {
    Customer limited = f.customer(1);
    assertThat(get("/v1/email/logs", bearer(limited)).status()).isEqualTo(200);
    Reply refused = get("/v1/email/logs", bearer(limited));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body())
        .isEqualTo(
            "{\"success\":false,\"message\":\"Too many attempts. Please try again later.\"}");
    assertThat(get("/api/domains/example.com/log/stream?end=" + now, bearer(limited)).status())
        .isEqualTo(429);
    assertThat(
            f.raw(
                "GET /api/domains/example.com/log/stream HTTP/1.1",
                "Authorization: " + bearer(limited)))
        .startsWith("HTTP/1.1 429 Too Many Requests\r\n");
    for (String path :
        List.of("/v1/email/logs/" + ref + "/events", "/v1/email/stats", "/v1/domains")) {
      assertThat(get(path, bearer(limited)).status()).isEqualTo(429);
    }
  }

  @Test
  void a_store_that_cannot_be_reached_answers_as_documented() {
    f.instrumentedStore().searchFailure = new StoreUnavailableException("down", null);
    f.instrumentedStore().healthy = false;
    try {
      assertThat(get("/v1/email/logs", bearer(c)).status()).isEqualTo(503);
      assertThat(get("/health", null).body()).isEqualTo("{\"status\":\"DOWN\"}");
      assertThat(get("/ready", null).status()).isEqualTo(503);
    } finally {
      f.instrumentedStore().searchFailure = null;
      f.instrumentedStore().healthy = true;
    }
  }

  @Test
  void the_timeline_stats_domains_and_export_answer_as_documented() {
    assertThat(get("/v1/email/logs/" + ref + "/events", bearer(c)).json().get("events").size())
        .isEqualTo(3);
    assertThat(get("/v1/email/logs/bad!ref/events", bearer(c)).status()).isEqualTo(400);
    assertThat(get("/v1/email/logs/no-such-ref/events", bearer(c)).status()).isEqualTo(404);
    assertThat(get("/v1/email/logs/" + ref + "/events", null).status()).isEqualTo(401);

    assertThat(get("/v1/email/stats?interval=total&groupBy=campaignId", bearer(c)).status())
        .isEqualTo(200);
    assertThat(get("/v1/email/stats?interval=hour", bearer(c)).status()).isEqualTo(200);
    assertThat(get("/v1/email/stats?interval=week", bearer(c)).status()).isEqualTo(400);

    assertThat(get("/v1/domains", bearer(c)).json().get("domains").size()).isEqualTo(1);
    assertThat(get("/v1/domains?x=1", bearer(c)).status()).isEqualTo(400);
    assertThat(get("/v1/domains", null).status()).isEqualTo(401);

    Reply ndjson = get("/v1/email/logs/export", bearer(c));
    assertThat(ndjson.body().lines().count()).isEqualTo(2);
    assertThat(get("/v1/email/logs/export?format=csv", bearer(c)).status()).isEqualTo(200);
    assertThat(get("/v1/email/logs/export?format=xml", bearer(c)).status()).isEqualTo(400);
    assertThat(get("/v1/email/logs/export", null).status()).isEqualTo(401);
  }

  @Test
  void the_stream_answers_as_documented() {
    String window = "?start=" + now.minus(Duration.ofHours(2)) + "&end=" + now;
    Reply history = get("/api/domains/example.com/log/stream" + window, bearer(c));
    assertThat(history.header("Content-Type")).startsWith("text/event-stream");
    assertThat(history.body()).contains("event: logs").contains("event: complete");
    Reply tail =
        get(
            "/api/domains/example.com/log/stream?limit=1&start=" + now.minusSeconds(7200),
            bearer(c));
    assertThat(tail.body()).contains("\"reason\":\"limit\"");
    assertThat(get("/api/domains/example.com/log/stream?limit=0", bearer(c)).body())
        .isEqualTo("{\"error\":\"limit must be between 1 and 500000\"}");
    assertThat(get("/api/domains/example.com/log/stream?event_type=x", bearer(c)).status())
        .isEqualTo(400);
    assertThat(get("/api/domains/other.org/log/stream", bearer(c)).status()).isEqualTo(404);
    assertThat(get("/api/domains/example.com/log/stream", null).status()).isEqualTo(401);
  }

  @Test
  void the_operator_api_answers_as_documented() {
    Reply account = admin("POST", "/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":7}");
    assertThat(account.status()).isEqualTo(201);
    long id = account.json().get("accountId").asLong();
    assertThat(admin("POST", "/admin/accounts", "{\"name\":\"Acme\"}").body())
        .isEqualTo("{\"error\":\"tenantId is required\"}");
    assertThat(send("POST", "/admin/accounts", "Bearer wrong", "application/json", "{}").status())
        .isEqualTo(401);
    assertThat(send("POST", "/admin/accounts", "Basic x", "application/json", "{}").status())
        .isEqualTo(400);

    Reply key = admin("POST", "/admin/accounts/" + id + "/keys", "{\"name\":\"ci\"}");
    assertThat(key.status()).isEqualTo(201);
    assertThat(admin("POST", "/admin/accounts/999999/keys", "{}").status()).isEqualTo(404);
    String keyId = key.json().get("keyId").asText();
    assertThat(admin("DELETE", "/admin/accounts/" + id + "/keys/" + keyId, null).status())
        .isEqualTo(204);
    assertThat(admin("DELETE", "/admin/accounts/" + id + "/keys/nope", null).status())
        .isEqualTo(404);

    String domains = "/admin/accounts/" + id + "/domains";
    assertThat(admin("POST", domains, "{\"domain\":\"Acme.example\",\"verified\":true}").status())
        .isEqualTo(201);
    assertThat(admin("POST", domains, "{\"verified\":true}").status()).isEqualTo(400);

    String event =
        "{\"type\":\"queued\",\"accountId\":"
            + id
            + ",\"refId\":\"r1\",\"recipientAddress\":\"a@b.org\",\"timestamp\":\""
            + now
            + "\",\"fromAddress\":\"x@acme.example\",\"subject\":\"Hi\",\"eventId\":\"e-"
            + id
            + "\"}";
    assertThat(admin("POST", "/admin/events", "[" + event + "]").json().get("accepted").asInt())
        .isEqualTo(1);
    Reply ndjson =
        send(
            "POST",
            "/admin/events",
            "Bearer " + HttpFixture.ADMIN_TOKEN,
            "application/x-ndjson",
            event + "\n");
    assertThat(ndjson.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(admin("POST", "/admin/events", "[{\"type\":\"sent\"}]").body())
        .startsWith("{\"error\":\"event 0: ");
  }

  @Test
  void the_operator_api_is_documented_as_not_found_when_it_is_off() throws Exception {
    try (HttpFixture off = HttpFixture.start(Settings.DEFAULTS, null)) {
      String path = "/admin/accounts";
      Reply reply = off.send("POST", path, "Bearer x", "application/json", "{}");
      assertThat(contract.check("POST", path, reply).body()).isEqualTo("{\"error\":\"Not found\"}");
    }
  }

  @Test
  void the_service_paths_answer_as_documented() {
    assertThat(get("/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(get("/ready", null).body()).isEqualTo("{\"status\":\"READY\"}");
    assertThat(get("/openapi.yaml", null).body()).startsWith("openapi: 3.1.0");
    Reply docs = get("/docs", null);
    assertThat(docs.body()).contains("<redoc spec-url=\"/openapi.json\"");
    assertThat(docs.header("Content-Security-Policy"))
        .startsWith("default-src 'self';")
        .contains("style-src 'self' 'unsafe-inline'")
        .doesNotContain("script-src", "'unsafe-eval'");
    assertThat(get("/docs/redoc.standalone.js", null).body().length()).isGreaterThan(1_000_000);
    assertThat(get("/docs/redoc.LICENSE", null).body()).contains("MIT License");
    assertThat(get("/docs/nope.js", null).status()).isEqualTo(404);
    assertThat(get("/ui/app.css", null).status()).isEqualTo(200);
    assertThat(get("/ui/nope.css", null).status()).isEqualTo(404);
    for (String path : List.of("/health", "/ready", "/openapi.json", "/openapi.yaml", "/docs")) {
      assertThat(send("POST", path, null, null, null).status()).as(path).isEqualTo(405);
    }
  }

  @Test
  void the_check_fails_an_answer_that_differs_from_the_document() {
    Reply real = f.get("/v1/email/logs", bearer(c));
    Reply missingField =
        new Reply(200, real.headers(), real.body().replace("\"totalCount\"", "\"total\""));
    assertThatThrownBy(() -> contract.check("GET", "/v1/email/logs", missingField))
        .hasMessageContaining("totalCount");
    Reply wrongEnvelope =
        new Reply(400, real.headers(), "{\"error\":\"pageSize must be between 1 and 50\"}");
    assertThatThrownBy(() -> contract.check("GET", "/v1/email/logs", wrongEnvelope))
        .hasMessageContaining("success");
    Reply created = admin("POST", "/admin/accounts", "{\"name\":\"A\",\"tenantId\":1}");
    assertThatThrownBy(
            () ->
                contract.check(
                    "POST", "/admin/accounts", "application/json", "{\"name\":\"A\"}", created))
        .hasMessageContaining("tenantId");
    Reply undocumented = new Reply(418, real.headers(), "{}");
    assertThatThrownBy(() -> contract.check("GET", "/v1/email/logs", undocumented))
        .hasMessageContaining("not documented");
  }
}
