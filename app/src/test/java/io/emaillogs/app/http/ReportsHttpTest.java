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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The message timeline, delivery statistics and bulk export over real HTTP. */
@Timeout(60)
class ReportsHttpTest {
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

  static void assertError(Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.body()).isEqualTo("{\"success\":false,\"error\":\"" + message + "\"}");
    assertThat(reply.header("X-RateLimit-Remaining")).isNotNull();
  }

  static RawEvent withCampaign(Customer c, String ref, String to, Instant at, String campaign) {
    return new RawEvent(
        null,
        "queued",
        c.accountId(),
        ref,
        to,
        at.toString(),
        "News@Example.com",
        "Sale, \"50%\" off",
        null,
        null,
        campaign,
        List.of("promo"),
        null,
        null,
        null,
        null);
  }

  @Test
  void the_timeline_shows_every_event_of_every_recipient_and_only_to_its_account() {
    Customer c = f.customer();
    Customer other = f.customer();
    String ref = refId();
    Instant t = now.minus(Duration.ofHours(3));
    f.ingest(
        List.of(
            queued(c, ref, "a@x.org", t),
            queued(c, ref, "b@y.org", t),
            new RawEvent(
                null,
                "deferred",
                c.accountId(),
                ref,
                "a@x.org",
                t.plusSeconds(5).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                "421 busy",
                null,
                null,
                null),
            event(c, "opened", ref, "a@x.org", t.plusSeconds(60)),
            event(c, "delivered", ref, "a@x.org", t.plusSeconds(10))));
    f.ingest(List.of(event(c, "delivered", ref, "a@x.org", t.plusSeconds(90))));

    Reply reply = f.customerGet("/v1/email/logs/" + ref + "/events", c);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
    JsonNode body = reply.json();
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("refId").asText()).isEqualTo(ref);
    assertThat(body.get("emailLogs")).hasSize(2);
    assertThat(body.get("emailLogs").get(0).get("status").asText()).isIn("opened", "queued");
    List<String> events = new ArrayList<>();
    body.get("events")
        .forEach(e -> events.add(e.get("eventType").asText() + ":" + e.get("recipient").asText()));
    assertThat(events)
        .containsExactly(
            "queued:a@x.org",
            "queued:b@y.org",
            "deferred:a@x.org",
            "delivered:a@x.org",
            "opened:a@x.org",
            "delivered:a@x.org");
    JsonNode deferred = body.get("events").get(2);
    assertThat(deferred.get("details").toString()).isEqualTo("{\"reason\":\"421 busy\"}");
    assertThat(deferred.get("id").asLong()).isPositive();
    List<String> fields = new ArrayList<>();
    deferred.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "eventType", "timestamp", "recipient", "details");

    assertError(
        f.customerGet("/v1/email/logs/" + ref + "/events", other), 404, "email log not found");
    assertError(f.customerGet("/v1/email/logs/nope/events", c), 404, "email log not found");
    assertError(f.customerGet("/v1/email/logs/a%20b/events", c), 400, "invalid refId");
    assertError(f.customerGet("/v1/email/logs/a%00b/events", c), 400, "invalid refId");
    assertError(
        f.customerGet("/v1/email/logs/" + "x".repeat(65) + "/events", c), 400, "invalid refId");
    assertError(
        f.customerGet("/v1/email/logs/" + ref + "/events?x=1", c),
        400,
        "Invalid query parameter: x");
    assertThat(f.get("/v1/email/logs/" + ref + "/events", null).status()).isEqualTo(401);
  }

  @Test
  void statistics_count_the_accounts_logs_by_day_with_rates() {
    Customer c = f.customer();
    Customer other = f.customer();
    Instant day = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String ref = refId();
      events.add(withCampaign(c, ref, "u" + i + "@gmail.com", day.plusSeconds(3600 + i), "spring"));
      events.add(
          event(
              c,
              i < 3 ? "delivered" : "bounced",
              ref,
              "u" + i + "@gmail.com",
              day.plusSeconds(3700)));
      if (i == 0) {
        events.add(event(c, "opened", ref, "u0@gmail.com", day.plusSeconds(3800)));
      }
    }
    String late = refId();
    events.add(queued(c, late, "z@yahoo.com", day.plus(Duration.ofDays(1)).plusSeconds(60)));
    f.ingest(events);
    f.ingest(List.of(queued(other, refId(), "z@yahoo.com", day.plusSeconds(3600))));
    String window =
        q("startCreatedAt", day.toString())
            + "&"
            + q("endCreatedAt", day.plus(Duration.ofDays(3)).toString());

    Reply reply = f.customerGet("/v1/email/stats?" + window, c);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("interval").asText()).isEqualTo("day");
    assertThat(body.get("groupBy").isNull()).isTrue();
    JsonNode buckets = body.get("buckets");
    assertThat(buckets).hasSize(2);
    JsonNode first = buckets.get(0);
    assertThat(first.get("start").asText()).isEqualTo(day.toString());
    assertThat(first.get("group").isNull()).isTrue();
    assertThat(first.get("total").asLong()).isEqualTo(4);
    assertThat(first.get("statuses").toString())
        .isEqualTo(
            "{\"queued\":0,\"sent\":0,\"delivered\":2,\"bounced\":1,\"failed\":0,\"opened\":1,"
                + "\"clicked\":0,\"spam\":0,\"unsubscribed\":0}");
    assertThat(first.get("delivered").asLong()).isEqualTo(3);
    assertThat(first.get("opened").asLong()).isEqualTo(1);
    assertThat(first.get("rates").toString())
        .isEqualTo(
            "{\"deliveryRate\":0.75,\"bounceRate\":0.25,\"openRate\":0.3333,\"clickRate\":0.0,"
                + "\"complaintRate\":0.0}");
    JsonNode second = buckets.get(1);
    assertThat(second.get("total").asLong()).isEqualTo(1);
    assertThat(second.get("rates").get("openRate").isNull()).isTrue();

    Reply grouped =
        f.customerGet("/v1/email/stats?" + window + "&interval=total&groupBy=campaignId", c);
    assertThat(grouped.status()).as(grouped.body()).isEqualTo(200);
    List<String> groups = new ArrayList<>();
    grouped
        .json()
        .get("buckets")
        .forEach(
            b -> groups.add(b.get("start").asText() + " " + b.get("group") + " " + b.get("total")));
    assertThat(groups).containsExactly(day + " null 1", day + " \"spring\" 4");

    Reply filtered =
        f.customerGet(
            "/v1/email/stats?"
                + window
                + "&campaignId=spring&recipientDomain=GMAIL.com&interval=hour",
            c);
    assertThat(filtered.json().get("buckets")).hasSize(1);
    assertThat(filtered.json().get("buckets").get(0).get("start").asText())
        .isEqualTo(day.plusSeconds(3600).toString());

    Reply theirs = f.customerGet("/v1/email/stats?" + window, other);
    assertThat(theirs.json().get("buckets")).hasSize(1);
    assertThat(theirs.json().get("buckets").get(0).get("total").asLong()).isEqualTo(1);

    assertError(f.customerGet("/v1/email/stats?interval=week", c), 400, "Invalid interval: week");
    assertError(f.customerGet("/v1/email/stats?groupBy=status", c), 400, "Invalid groupBy: status");
    assertError(
        f.customerGet("/v1/email/stats?pageSize=3", c), 400, "Invalid query parameter: pageSize");
    assertError(
        f.customerGet("/v1/email/stats?" + q("startCreatedAt", day.toString()), c),
        400,
        "endCreatedAt is required");
    assertError(
        f.customerGet(
            "/v1/email/stats?"
                + q("startCreatedAt", day.minus(Duration.ofDays(94)).toString())
                + "&"
                + q("endCreatedAt", day.toString()),
            c),
        400,
        "date range cannot exceed 93 days");
    assertError(
        f.customerGet("/v1/email/stats?startCreatedAt=2024-01-15&endCreatedAt=2024-01-16", c),
        400,
        "Wrong date format: startCreatedAt must be RFC3339");
  }

  @Test
  void the_export_streams_every_log_of_the_window_as_ndjson_or_csv() throws Exception {
    Customer c = f.customer();
    Customer other = f.customer();
    Instant t = now.minus(Duration.ofDays(20));
    List<RawEvent> events = new ArrayList<>();
    int n = 2_345;
    for (int i = 0; i < n; i++) {
      events.add(
          withCampaign(c, "x" + i, "u@x.org", t.plusSeconds(i * 60L), i % 2 == 0 ? "even" : null));
    }
    f.ingest(events);
    f.ingest(List.of(queued(other, refId(), "u@x.org", t)));
    String window =
        q("startCreatedAt", t.minusSeconds(1).toString()) + "&" + q("endCreatedAt", now.toString());

    Reply nd = f.customerGet("/v1/email/logs/export?" + window, c);
    assertThat(nd.status()).as(nd.body()).isEqualTo(200);
    assertThat(nd.header("Content-Type")).startsWith("application/x-ndjson");
    assertThat(nd.header("X-RateLimit-Limit")).isEqualTo("120");
    String[] lines = nd.body().split("\n");
    assertThat(lines).hasSize(n);
    JsonNode firstLog = HttpFixture.JSON.readTree(lines[0]);
    assertThat(firstLog.get("refId").asText()).isEqualTo("x" + (n - 1)); // newest first
    assertThat(HttpFixture.JSON.readTree(lines[n - 1]).get("refId").asText()).isEqualTo("x0");
    // the same log shape as the query API
    Reply page =
        f.customerGet(
            "/v1/email/logs?refId=x"
                + (n - 1)
                + "&"
                + q("startCreatedAt", t.toString())
                + "&"
                + q("endCreatedAt", t.plus(Duration.ofDays(7)).toString()),
            c);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.json().get("emailLogs").get(0)).isEqualTo(firstLog);

    Reply csv = f.customerGet("/v1/email/logs/export?format=csv&campaignId=even&" + window, c);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    String[] rows = csv.body().split("\r\n");
    assertThat(rows).hasSize(1 + (n + 1) / 2);
    assertThat(rows[0])
        .isEqualTo(
            "refId,accountId,tenantId,fromAddress,recipientAddress,recipientDomain,recipientType,"
                + "subject,status,priority,campaignId,tags,opened,clicked,failedReason,createdAt,"
                + "deliveredDate,updatedAt,track");
    assertThat(rows[1])
        .startsWith("x2344," + c.accountId() + ",67890,")
        .contains(",\"Sale, \"\"50%\"\" off\",queued,normal,even,\"[\"\"promo\"\"]\",false,false,,")
        .endsWith(",\"{\"\"opens\"\":[],\"\"clicks\"\":[]}\"");

    Reply theirs = f.customerGet("/v1/email/logs/export?" + window, other);
    assertThat(theirs.body().split("\n")).hasSize(1);

    assertError(f.customerGet("/v1/email/logs/export?format=xml", c), 400, "Invalid format: xml");
    assertError(
        f.customerGet("/v1/email/logs/export?pageToken=abc", c),
        400,
        "Invalid query parameter: pageToken");
    assertError(
        f.customerGet(
            "/v1/email/logs/export?"
                + q("startCreatedAt", now.minus(Duration.ofDays(94)).toString())
                + "&"
                + q("endCreatedAt", now.toString()),
            c),
        400,
        "date range cannot exceed 93 days");
  }

  @Test
  void an_export_counts_against_the_stream_cap() {
    Customer c = f.customer();
    List<HttpFixture.Stream> open = new ArrayList<>();
    try {
      for (int i = 0; i < f.settings.maxStreamsPerAccount(); i++) {
        open.add(f.stream(c, ""));
      }
      Reply refused = f.customerGet("/v1/email/logs/export", c);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isNotNull();
    } finally {
      open.forEach(HttpFixture.Stream::close);
    }
    // the slots come back, and a finished export gives its own back too, also a HEAD's
    assertThat(eventuallyOk(c)).isTrue();
    for (int i = 0; i < f.settings.maxStreamsPerAccount() + 1; i++) {
      assertThat(
              f.send("HEAD", "/v1/email/logs/export", "Bearer " + c.token(), null, null).status())
          .isEqualTo(200);
    }
    assertThat(f.customerGet("/v1/email/logs/export", c).status()).isEqualTo(200);
  }

  private static boolean eventuallyOk(Customer c) {
    try {
      return HttpFixture.eventually(
          Duration.ofSeconds(10), () -> f.customerGet("/v1/email/logs/export", c).status() == 200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
