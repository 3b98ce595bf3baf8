package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC section 7 over HTTP: provisioning, ingestion, and the operator API's own guard. */
@Timeout(60)
class AdminHttpTest {
  static HttpFixture f;
  static long counter;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static void assertError(Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.body()).isEqualTo("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
  }

  static synchronized String eventId() {
    return "adm-" + (++counter) + "-" + System.nanoTime();
  }

  static String queuedJson(Customer c, String eventId, String ref, String recipient) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"queued\",\"accountId\":"
        + c.accountId()
        + ",\"refId\":\""
        + ref
        + "\",\"recipientAddress\":\""
        + recipient
        + "\",\"timestamp\":\""
        + f.clock.instant().minusSeconds(60)
        + "\",\"fromAddress\":\"news@example.com\",\"subject\":\"Hi\",\"tags\":[\"t\"]}";
  }

  static String deliveredJson(Customer c, String eventId, String ref, String recipient) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"delivered\",\"accountId\":"
        + c.accountId()
        + ",\"refId\":\""
        + ref
        + "\",\"recipientAddress\":\""
        + recipient
        + "\",\"timestamp\":\""
        + f.clock.instant().minusSeconds(30)
        + "\"}";
  }

  static Reply events(String body) {
    return f.admin("POST", "/admin/events", body);
  }

  static Reply ndjson(String body) {
    return f.send(
        "POST", "/admin/events", "Bearer " + HttpFixture.ADMIN_TOKEN, "application/x-ndjson", body);
  }

  static int logCount(Customer c) {
    return f.customerGet("/v1/email/logs?pageSize=50", c).json().get("totalCount").asInt();
  }

  @Test
  void create_account_key_and_domain() {
    Reply account = f.admin("POST", "/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":67890}");
    assertThat(account.status()).isEqualTo(201);
    assertThat(account.header("Content-Type")).isEqualTo("application/json");
    long id = account.json().get("accountId").asLong();
    assertThat(account.body())
        .isEqualTo("{\"accountId\":" + id + ",\"tenantId\":67890,\"name\":\"Acme\"}");

    Reply key = f.admin("POST", "/admin/accounts/" + id + "/keys", "{\"name\":\"ci\"}");
    assertThat(key.status()).isEqualTo(201);
    String keyId = key.json().get("keyId").asText();
    String token = key.json().get("token").asText();
    assertThat(key.body()).isEqualTo("{\"keyId\":\"" + keyId + "\",\"token\":\"" + token + "\"}");
    assertThat(f.get("/v1/email/logs", "Bearer " + token).status()).isEqualTo(200);

    Reply domain =
        f.admin(
            "POST",
            "/admin/accounts/" + id + "/domains",
            "{\"domain\":\"Example.COM\",\"verified\":true}");
    assertThat(domain.status()).isEqualTo(201);
    assertThat(domain.body()).isEqualTo("{\"domain\":\"example.com\",\"verified\":true}");
  }

  @Test
  void an_account_may_carry_its_own_rate_limit_and_a_key_needs_no_body() {
    Reply account =
        f.admin("POST", "/admin/accounts", "{\"name\":\"Big\",\"tenantId\":1,\"rateLimit\":600}");
    assertThat(account.status()).isEqualTo(201);
    long id = account.json().get("accountId").asLong();
    Reply key = f.admin("POST", "/admin/accounts/" + id + "/keys", null);
    assertThat(key.status()).isEqualTo(201);
    Reply call = f.get("/v1/email/logs", "Bearer " + key.json().get("token").asText());
    assertThat(call.header("X-RateLimit-Limit")).isEqualTo("600");
  }

  @Test
  void revoking_a_key_is_204_and_the_token_is_refused_from_then_on() {
    Customer c = f.customer();
    Reply revoked =
        f.admin("DELETE", "/admin/accounts/" + c.accountId() + "/keys/" + c.keyId(), null);
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(revoked.body()).isEmpty();
    assertThat(f.customerGet("/v1/email/logs", c).status()).isEqualTo(401);

    assertError(
        f.admin("DELETE", "/admin/accounts/" + c.accountId() + "/keys/0000000000000000", null),
        404,
        "Key not found");
    Customer other = f.customer();
    assertError(
        f.admin("DELETE", "/admin/accounts/" + c.accountId() + "/keys/" + other.keyId(), null),
        404,
        "Key not found");
    assertThat(f.customerGet("/v1/email/logs", other).status()).isEqualTo(200);
  }

  @Test
  void an_unknown_account_is_404_account_not_found() {
    assertError(
        f.admin("POST", "/admin/accounts/999999/keys", "{\"name\":\"x\"}"),
        404,
        "Account not found");
    assertError(
        f.admin(
            "POST", "/admin/accounts/999999/domains", "{\"domain\":\"a.com\",\"verified\":true}"),
        404,
        "Account not found");
    assertError(f.admin("POST", "/admin/accounts/abc/keys", "{}"), 404, "Account not found");
    assertError(
        f.admin("DELETE", "/admin/accounts/999999/keys/0123456789abcdef", null),
        404,
        "Key not found");
  }

  @Test
  void provisioning_bodies_are_validated() {
    assertError(f.admin("POST", "/admin/accounts", "{\"tenantId\":1}"), 400, "name is required");
    assertError(
        f.admin("POST", "/admin/accounts", "{\"name\":\"  \",\"tenantId\":1}"),
        400,
        "name is required");
    assertError(
        f.admin("POST", "/admin/accounts", "{\"name\":\"A\"}"), 400, "tenantId is required");
    assertError(
        f.admin("POST", "/admin/accounts", "{\"name\":\"A\",\"tenantId\":\"67890\"}"),
        400,
        "tenantId must be an integer");
    assertError(
        f.admin("POST", "/admin/accounts", "{\"name\":\"A\",\"tenantId\":1,\"rateLimit\":0}"),
        400,
        "rateLimit must be positive");
    assertError(
        f.admin("POST", "/admin/accounts", "{\"name\":\"A\",\"tenantId\":1,\"plan\":\"gold\"}"),
        400,
        "unknown field plan");
    assertError(f.admin("POST", "/admin/accounts", "[]"), 400, "body must be a JSON object");
    assertError(f.admin("POST", "/admin/accounts", null), 400, "body must be a JSON object");
    Reply malformed = f.admin("POST", "/admin/accounts", "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").asText()).startsWith("malformed JSON at line 1");

    Customer c = f.customer();
    String domains = "/admin/accounts/" + c.accountId() + "/domains";
    assertError(
        f.admin("POST", domains, "{\"domain\":\"not a domain\",\"verified\":true}"),
        400,
        "Invalid domain: not a domain");
    assertError(f.admin("POST", domains, "{\"verified\":true}"), 400, "domain is required");
    assertError(
        f.admin("POST", domains, "{\"domain\":\"a.com\",\"verified\":\"yes\"}"),
        400,
        "verified must be true or false");
  }

  @Test
  void ingests_a_json_array_and_counts_duplicates_by_event_id() {
    Customer c = f.customer();
    String ref = HttpFixture.refId();
    String q = queuedJson(c, eventId(), ref, "a@x.org");
    String d = deliveredJson(c, eventId(), ref, "a@x.org");

    Reply first = events("[" + q + "," + d + "]");
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body()).isEqualTo("{\"accepted\":2,\"duplicates\":0}");

    Reply again = events("[" + q + "," + d + "," + d + "]");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body()).isEqualTo("{\"accepted\":0,\"duplicates\":3}");

    assertThat(events("[]").body()).isEqualTo("{\"accepted\":0,\"duplicates\":0}");
    Reply logs = f.customerGet("/v1/email/logs", c);
    assertThat(logs.json().get("emailLogs").get(0).get("status").asText()).isEqualTo("delivered");
  }

  @Test
  void ingests_ndjson() {
    Customer c = f.customer();
    String ref = HttpFixture.refId();
    Reply reply =
        ndjson(
            queuedJson(c, eventId(), ref, "a@x.org")
                + "\n\n"
                + deliveredJson(c, eventId(), ref, "a@x.org")
                + "\r\n");
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEqualTo("{\"accepted\":2,\"duplicates\":0}");
  }

  @Test
  void an_invalid_event_refuses_the_whole_batch_with_its_index() {
    Customer c = f.customer();
    String ref = HttpFixture.refId();
    String good = queuedJson(c, eventId(), ref, "a@x.org");

    assertError(
        events("[" + good + ",{\"type\":\"sent\",\"accountId\":" + c.accountId() + "}]"),
        400,
        "event 1: refId must be 1-64 characters of [A-Za-z0-9_-]");
    assertError(
        events("[" + good + "," + deliveredJson(c, eventId(), "nolog", "z@x.org") + "]"),
        400,
        "event 1: no log for refId nolog and recipientAddress z@x.org (a queued event must come first)");
    assertError(
        events("[" + good + ",{\"type\":\"sent\",\"colour\":1}]"),
        400,
        "event 1: unknown field colour");
    assertError(
        events("[" + good + ",{\"accountId\":\"1\"}]"),
        400,
        "event 1: accountId must be an integer");
    assertError(events("[" + good + "," + good + ",7]"), 400, "event 2: must be a JSON object");
    assertError(
        events("[{\"type\":\"bogus\",\"accountId\":" + c.accountId() + "}]"),
        400,
        "event 0: Invalid type: bogus");
    Reply malformedElement = events("[" + good + ",{\"type\" \"sent\"}]");
    assertThat(malformedElement.status()).isEqualTo(400);
    assertThat(malformedElement.json().get("error").asText())
        .startsWith("event 1: malformed JSON at line 1, column ");
    Reply malformedLine = ndjson(good + "\n{\"type\":\n");
    assertThat(malformedLine.status()).isEqualTo(400);
    assertThat(malformedLine.json().get("error").asText()).startsWith("event 1: malformed JSON");

    // nothing of those batches was stored
    assertThat(logCount(c)).isZero();
    assertThat(events("[" + good + "]").body()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
  }

  @Test
  void a_body_that_is_not_an_array_of_events_is_400() {
    for (String body : List.of("{}", "\"x\"", "nope", "", "[] []")) {
      assertError(events(body), 400, "body must be a JSON array of events");
    }
  }

  @Test
  void a_batch_of_10000_events_is_taken_and_10001_is_refused() {
    Customer c = f.customer();
    String lines =
        IntStream.range(0, 10_000)
            .mapToObj(i -> queuedJson(c, eventId(), "big" + i, "r" + i + "@x.org"))
            .collect(Collectors.joining("\n"));
    long start = System.nanoTime();
    Reply reply = ndjson(lines);
    System.out.println(
        "10,000-event NDJSON batch ("
            + lines.length() / 1024
            + " KiB) took ms "
            + (System.nanoTime() - start) / 1_000_000);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.body()).isEqualTo("{\"accepted\":10000,\"duplicates\":0}");

    String array =
        IntStream.range(0, 10_001)
            .mapToObj(i -> queuedJson(c, eventId(), "more" + i, "r" + i + "@x.org"))
            .collect(Collectors.joining(",", "[", "]"));
    assertError(events(array), 400, "a batch holds at most 10000 events");
  }

  @Test
  void the_admin_token_is_required() {
    Customer c = f.customer();
    String path = "/admin/accounts";
    String body = "{\"name\":\"A\",\"tenantId\":1}";
    for (String header : new String[] {null, "Bearer wrong", "Bearer " + c.token()}) {
      Reply reply = f.send("POST", path, header, "application/json", body);
      assertError(reply, 401, "Unauthorized");
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
    assertError(
        f.send("POST", path, "Basic YWRtaW4=", "application/json", body),
        400,
        "User authentication missing");
    assertError(f.send("GET", "/admin/nothing-here", null, null, null), 401, "Unauthorized");
  }

  @Test
  void unknown_admin_paths_are_404_and_wrong_methods_405() {
    assertError(f.admin("GET", "/admin/nothing-here", null), 404, "Not found");
    Reply wrongMethod = f.admin("GET", "/admin/accounts", null);
    assertError(wrongMethod, 405, "Method not allowed");
    assertThat(wrongMethod.header("Allow")).contains("POST");
  }

  @Test
  void with_no_admin_token_configured_the_whole_admin_tree_is_404() throws Exception {
    try (HttpFixture off = HttpFixture.start(io.emaillogs.application.Settings.DEFAULTS, null)) {
      for (String[] call :
          new String[][] {
            {"POST", "/admin/accounts"},
            {"POST", "/admin/events"},
            {"GET", "/admin"},
            {"DELETE", "/admin/accounts/1/keys/x"},
            {"GET", "/admin/whatever"}
          }) {
        for (String header : new String[] {null, "Bearer admin-secret", "Bearer "}) {
          String body = call[0].equals("POST") ? "{}" : null;
          assertError(
              off.send(call[0], call[1], header, "application/json", body), 404, "Not found");
        }
      }
      assertThat(off.get("/health", null).status()).isEqualTo(200);
    }
  }
}
