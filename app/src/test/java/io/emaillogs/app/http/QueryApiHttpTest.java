package io.emaillogs.app.http;

import static io.emaillogs.app.http.HttpFixture.event;
import static io.emaillogs.app.http.HttpFixture.queued;
import static io.emaillogs.app.http.HttpFixture.refId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import io.emaillogs.domain.RawEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC section 4 over HTTP: the query API, its rules and its pages. */
@Timeout(60)
class QueryApiHttpTest {
  static HttpFixture f;
  static Instant now;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.start();
    now = f.clock.instant();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String q(String name, Object value) {
    return name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  static String path(String... params) {
    return "/v1/email/logs" + (params.length == 0 ? "" : "?" + String.join("&", params));
  }

  static void assertError(Reply reply, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.body()).isEqualTo("{\"success\":false,\"error\":\"" + message + "\"}");
    assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
    assertThat(reply.header("X-RateLimit-Remaining")).isNotNull();
  }

  static List<String> refIds(Reply reply) {
    List<String> refs = new ArrayList<>();
    reply.json().get("emailLogs").forEach(log -> refs.add(log.get("refId").asText()));
    return refs;
  }

  @Test
  void a_log_carries_every_field_of_section_2_in_order_and_nothing_else() {
    Customer c = f.customer();
    String ref = refId();
    Instant t = now.minus(Duration.ofHours(2));
    f.ingest(
        List.of(
            new RawEvent(
                null,
                "queued",
                c.accountId(),
                ref,
                "Bob@Mail.Example.ORG",
                t.toString(),
                "News@Example.com",
                "Spring \"sale\"",
                "cc",
                "high",
                "spring-24",
                List.of("promo", "spring"),
                null,
                null,
                null,
                null),
            new RawEvent(
                null,
                "deferred",
                c.accountId(),
                ref,
                "Bob@Mail.Example.ORG",
                t.plusSeconds(1).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                "421 mailbox busy",
                null,
                null,
                null),
            event(c, "delivered", ref, "Bob@Mail.Example.ORG", t.plusMillis(2500)),
            new RawEvent(
                null,
                "opened",
                c.accountId(),
                ref,
                "Bob@Mail.Example.ORG",
                t.plusSeconds(60).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "UA/1",
                "10.0.0.1",
                null),
            new RawEvent(
                null,
                "clicked",
                c.accountId(),
                ref,
                "Bob@Mail.Example.ORG",
                t.plusSeconds(90).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "https://example.com/sale")));

    Reply reply = f.customerGet(path(), c);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.body())
        .isEqualTo(
            "{\"success\":true,\"emailLogs\":[{\"refId\":\""
                + ref
                + "\",\"accountId\":"
                + c.accountId()
                + ",\"tenantId\":67890,\"fromAddress\":\"News@Example.com\","
                + "\"recipientAddress\":\"Bob@Mail.Example.ORG\","
                + "\"recipientDomain\":\"mail.example.org\",\"recipientType\":\"cc\","
                + "\"subject\":\"Spring \\\"sale\\\"\",\"status\":\"clicked\",\"priority\":\"high\","
                + "\"campaignId\":\"spring-24\",\"tags\":[\"promo\",\"spring\"],"
                + "\"opened\":true,\"clicked\":true,\"failedReason\":\"421 mailbox busy\","
                + "\"createdAt\":\""
                + t
                + "\",\"deliveredDate\":\""
                + t.plusMillis(2500)
                + "\",\"updatedAt\":\""
                + t.plusSeconds(90)
                + "\",\"track\":{\"opens\":[{\"timestamp\":\""
                + t.plusSeconds(60)
                + "\",\"userAgent\":\"UA/1\",\"ip\":\"10.0.0.1\"}],\"clicks\":[{\"timestamp\":\""
                + t.plusSeconds(90)
                + "\",\"url\":\"https://example.com/sale\",\"userAgent\":null,\"ip\":null}]}}],"
                + "\"totalCount\":1}");
    assertThat(t.plusMillis(2500).toString()).endsWith(".500Z");
  }

  @Test
  void empty_fields_are_null_and_every_field_is_present() {
    Customer c = f.customer();
    f.ingest(List.of(queued(c, refId(), "a@b.org", now.minusSeconds(60))));

    JsonNode log = f.customerGet(path(), c).json().get("emailLogs").get(0);

    List<String> names = new ArrayList<>();
    log.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "refId",
            "accountId",
            "tenantId",
            "fromAddress",
            "recipientAddress",
            "recipientDomain",
            "recipientType",
            "subject",
            "status",
            "priority",
            "campaignId",
            "tags",
            "opened",
            "clicked",
            "failedReason",
            "createdAt",
            "deliveredDate",
            "updatedAt",
            "track");
    assertThat(log.get("campaignId").isNull()).isTrue();
    assertThat(log.get("failedReason").isNull()).isTrue();
    assertThat(log.get("deliveredDate").isNull()).isTrue();
    assertThat(log.get("recipientType").asText()).isEqualTo("to");
    assertThat(log.get("priority").asText()).isEqualTo("normal");
    assertThat(log.get("track").toString()).isEqualTo("{\"opens\":[],\"clicks\":[]}");
  }

  @Test
  void pages_through_a_result_to_the_end_with_tokens_newest_first() {
    Customer c = f.customer();
    List<String> newestFirst = new ArrayList<>();
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String ref = refId();
      newestFirst.add(0, ref);
      events.add(queued(c, ref, "r@x.org", now.minus(Duration.ofHours(10 - i))));
    }
    f.ingest(events);

    Reply page1 = f.customerGet(path(q("pageSize", 3)), c);
    assertThat(refIds(page1)).containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(page1.json().get("totalCount").asInt()).isEqualTo(3);
    String token1 = page1.json().get("nextPageToken").asText();

    // a log created after page 1, inside the frozen window, changes nothing for the next pages
    f.ingest(List.of(queued(c, refId(), "late@x.org", now.minusSeconds(1))));

    Reply page2 = f.customerGet(path(q("pageSize", 3), q("pageToken", token1)), c);
    assertThat(refIds(page2)).containsExactlyElementsOf(newestFirst.subList(3, 6));
    String token2 = page2.json().get("nextPageToken").asText();

    // pageSize may change between pages
    Reply page3 = f.customerGet(path(q("pageSize", 50), q("pageToken", token2)), c);
    assertThat(page3.status()).isEqualTo(200);
    assertThat(refIds(page3)).containsExactlyElementsOf(newestFirst.subList(6, 7));
    assertThat(page3.json().has("nextPageToken")).isFalse();
    assertThat(page3.body()).endsWith("],\"totalCount\":1}");
  }

  @Test
  void a_full_last_page_has_no_token() {
    Customer c = f.customer();
    f.ingest(
        List.of(
            queued(c, refId(), "a@x.org", now.minusSeconds(10)),
            queued(c, refId(), "b@x.org", now.minusSeconds(20))));

    Reply reply = f.customerGet(path(q("pageSize", 2)), c);

    assertThat(reply.json().get("totalCount").asInt()).isEqualTo(2);
    assertThat(reply.json().has("nextPageToken")).isFalse();
  }

  @Test
  void a_customer_sees_only_its_own_account() {
    Customer mine = f.customer();
    Customer other = f.customer();
    String myRef = refId();
    f.ingest(List.of(queued(mine, myRef, "a@x.org", now.minusSeconds(5))));
    f.ingest(List.of(queued(other, refId(), "a@x.org", now.minusSeconds(5))));

    assertThat(refIds(f.customerGet(path(), mine))).containsExactly(myRef);
  }

  @Test
  void filters_pass_through_to_the_search() {
    Customer c = f.customer();
    String a = refId();
    String b = refId();
    f.ingest(
        List.of(
            new RawEvent(
                null,
                "queued",
                c.accountId(),
                a,
                "Ann@Alpha.org",
                now.minusSeconds(30).toString(),
                "Sales@Example.com",
                "Invoice",
                "bcc",
                null,
                "camp-1",
                List.of(),
                null,
                null,
                null,
                null),
            queued(c, b, "bob@beta.org", now.minusSeconds(20), "news@example.com", "invoice"),
            new RawEvent(
                null,
                "bounced",
                c.accountId(),
                b,
                "bob@beta.org",
                now.minusSeconds(10).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                "550 no such user",
                null,
                null,
                null)));

    Map<String, List<String>> expectations =
        Map.ofEntries(
            Map.entry(q("email", "ann@alpha.ORG"), List.of(a)),
            Map.entry(q("recipientDomain", "BETA.org"), List.of(b)),
            Map.entry(q("refId", a), List.of(a)),
            Map.entry(q("status", "bounced"), List.of(b)),
            Map.entry(q("fromAddress", "sales@example.com"), List.of(a)),
            Map.entry(q("subject", "Invoice"), List.of(a)),
            Map.entry(q("subject", "INVOICE"), List.of()),
            Map.entry(q("campaignId", "camp-1"), List.of(a)),
            Map.entry(q("recipientType", "bcc"), List.of(a)),
            Map.entry(q("failedReason", "550 no such user"), List.of(b)));
    expectations.forEach(
        (query, expected) ->
            assertThat(refIds(f.customerGet(path(query), c)))
                .as(query)
                .containsExactlyElementsOf(expected));
    assertThat(refIds(f.customerGet(path(q("status", "bounced"), q("refId", a)), c))).isEmpty();
  }

  @Test
  void the_default_window_is_the_last_7_days_and_explicit_windows_are_inclusive() {
    Customer c = f.customer();
    String recent = refId();
    String old = refId();
    Instant oldAt = now.minus(Duration.ofDays(8));
    f.ingest(
        List.of(
            queued(c, recent, "a@x.org", now.minus(Duration.ofDays(6))),
            queued(c, old, "a@x.org", oldAt)));

    assertThat(refIds(f.customerGet(path(), c))).containsExactly(recent);
    assertThat(refIds(window(c, oldAt, oldAt.plus(Duration.ofDays(7)))))
        .containsExactly(recent, old);
    assertThat(refIds(window(c, oldAt.minus(Duration.ofDays(1)), oldAt))).containsExactly(old);
    assertThat(refIds(window(c, oldAt.plusMillis(1), oldAt.plus(Duration.ofDays(1))))).isEmpty();
  }

  static Reply window(Customer c, Instant start, Instant end) {
    return f.customerGet(path(q("startCreatedAt", start), q("endCreatedAt", end)), c);
  }

  @Test
  void delivered_bounds_alone_apply_no_created_default() {
    Customer c = f.customer();
    String ref = refId();
    Instant created = now.minus(Duration.ofDays(9));
    Instant delivered = created.plusSeconds(5);
    f.ingest(
        List.of(
            queued(c, ref, "a@x.org", created), event(c, "delivered", ref, "a@x.org", delivered)));

    assertThat(refIds(f.customerGet(path(), c))).isEmpty();
    assertThat(
            refIds(
                f.customerGet(
                    path(
                        q("startDeliveredDate", delivered.minusSeconds(1)),
                        q("endDeliveredDate", delivered)),
                    c)))
        .containsExactly(ref);
  }

  @Test
  void dates_with_an_offset_are_accepted() {
    Customer c = f.customer();
    assertThat(
            f.customerGet(
                    path(
                        q("startCreatedAt", "2024-01-15T10:00:00+02:00"),
                        q("endCreatedAt", "2024-01-16T10:00:00.5Z")),
                    c)
                .status())
        .isEqualTo(200);
  }

  @Test
  void every_rule_of_section_4_answers_400_with_its_message() {
    Customer c = f.customer();
    String start = "2024-01-10T00:00:00Z";
    String sevenDays = "2024-01-17T00:00:00Z";
    String tooLong = "2024-01-17T00:00:00.001Z";
    List<List<String>> rows =
        List.of(
            List.of("Invalid query parameter: foo", path(q("foo", "1"))),
            List.of("Invalid query parameter: accountId", path(q("accountId", "1"))),
            List.of(
                "Duplicate query parameter: status",
                path(q("status", "sent"), q("status", "sent"))),
            List.of("endCreatedAt is required", path(q("startCreatedAt", start))),
            List.of("startCreatedAt is required", path(q("endCreatedAt", start))),
            List.of(
                "startCreatedAt cannot be after endCreatedAt",
                path(q("startCreatedAt", sevenDays), q("endCreatedAt", start))),
            List.of(
                "date range cannot exceed 7 days",
                path(q("startCreatedAt", start), q("endCreatedAt", tooLong))),
            List.of("endDeliveredDate is required", path(q("startDeliveredDate", start))),
            List.of("startDeliveredDate is required", path(q("endDeliveredDate", start))),
            List.of(
                "startDeliveredDate cannot be after endDeliveredDate",
                path(q("startDeliveredDate", sevenDays), q("endDeliveredDate", start))),
            List.of(
                "date range cannot exceed 7 days",
                path(q("startDeliveredDate", start), q("endDeliveredDate", tooLong))),
            List.of(
                "Wrong date format: startCreatedAt must be RFC3339",
                path(q("startCreatedAt", "2024-01-15"), q("endCreatedAt", sevenDays))),
            List.of(
                "Wrong date format: endCreatedAt must be RFC3339",
                path(q("startCreatedAt", start), q("endCreatedAt", "2024-01-15T10:00:00"))),
            List.of(
                "Wrong date format: startDeliveredDate must be RFC3339",
                path(q("startDeliveredDate", "yesterday"), q("endDeliveredDate", start))),
            List.of("pageSize must be between 1 and 50", path(q("pageSize", "0"))),
            List.of("pageSize must be between 1 and 50", path(q("pageSize", "51"))),
            List.of("pageSize must be between 1 and 50", path(q("pageSize", "abc"))),
            List.of("pageSize must be between 1 and 50", path(q("pageSize", "-1"))),
            List.of("Invalid status: deferred", path(q("status", "deferred"))),
            List.of("Invalid status: SENT", path(q("status", "SENT"))),
            List.of("Invalid recipientType: from", path(q("recipientType", "from"))),
            List.of("invalid page token", path(q("pageToken", "not-a-token"))));
    for (List<String> row : rows) {
      assertError(f.customerGet(row.get(1), c), row.get(0));
    }
    assertThat(
            f.customerGet(path(q("startCreatedAt", start), q("endCreatedAt", sevenDays)), c)
                .status())
        .as("exactly 7 days is allowed")
        .isEqualTo(200);
    assertThat(f.customerGet(path(q("pageSize", "50")), c).status()).isEqualTo(200);
    assertThat(f.customerGet(path(q("pageSize", "1")), c).status()).isEqualTo(200);
  }

  @Test
  void a_page_token_that_was_altered_reused_by_another_account_or_given_other_filters_is_refused() {
    Customer c = f.customer();
    Customer other = f.customer();
    f.ingest(
        List.of(
            queued(c, refId(), "a@x.org", now.minusSeconds(30)),
            queued(c, refId(), "a@x.org", now.minusSeconds(20)),
            queued(c, refId(), "a@x.org", now.minusSeconds(10))));
    String token =
        f.customerGet(path(q("pageSize", 1), q("status", "queued")), c)
            .json()
            .get("nextPageToken")
            .asText();

    assertThat(
            f.customerGet(path(q("pageSize", 1), q("status", "queued"), q("pageToken", token)), c)
                .status())
        .isEqualTo(200);
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertError(
        f.customerGet(path(q("status", "queued"), q("pageToken", altered)), c),
        "invalid page token");
    assertError(
        f.customerGet(path(q("status", "queued"), q("pageToken", token)), other),
        "invalid page token");
    assertError(
        f.customerGet(path(q("status", "sent"), q("pageToken", token)), c), "invalid page token");
    assertError(f.customerGet(path(q("pageToken", token)), c), "invalid page token");
    assertError(f.customerGet(path(q("pageToken", "")), c), "invalid page token");
  }

  @Test
  void query_strings_are_decoded_before_the_rules_apply() {
    Customer c = f.customer();
    String ref = refId();
    f.ingest(List.of(queued(c, ref, "a+tag@x.org", now.minusSeconds(5))));

    assertThat(refIds(f.customerGet(path(q("email", "a+tag@x.org")), c))).containsExactly(ref);
    assertError(f.customerGet("/v1/email/logs?st%61tus=nope", c), "Invalid status: nope");
    String bad =
        f.raw("GET /v1/email/logs?email=%zz HTTP/1.1", "Authorization: Bearer " + c.token());
    assertThat(bad).startsWith("HTTP/1.1 400 ");
    assertThat(bad).endsWith("\r\n\r\n{\"success\":false,\"error\":\"Malformed query string\"}");
  }
}
