package io.emaillogs.app.http;

import static io.emaillogs.app.http.HttpFixture.event;
import static io.emaillogs.app.http.HttpFixture.queued;
import static io.emaillogs.app.http.HttpFixture.refId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import io.emaillogs.app.http.HttpFixture.Stream;
import io.emaillogs.app.http.SseReader.Frame;
import io.emaillogs.domain.RawEvent;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC section 5 over HTTP: the stream's refusals, framing, history, live tail and resume. */
@Timeout(60)
class StreamHttpTest {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final String STREAM = "/api/domains/example.com/log/stream";

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

  static String query(String... params) {
    return params.length == 0 ? "" : "?" + String.join("&", params);
  }

  /** Every log event in {@code frames}, in order. */
  static List<JsonNode> events(List<Frame> frames) {
    List<JsonNode> events = new ArrayList<>();
    for (Frame frame : frames) {
      if (frame.is("logs")) {
        JsonNode batch = json(frame.data());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch.size()).isBetween(1, 1000);
        assertThat(frame.id()).isEqualTo(batch.get(batch.size() - 1).get("id").asText());
        batch.forEach(events::add);
      }
    }
    return events;
  }

  static List<Long> ids(List<JsonNode> events) {
    return events.stream().map(e -> e.get("id").asLong()).toList();
  }

  static JsonNode json(String text) {
    try {
      return HttpFixture.JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }

  /** Ingests n queued events for new logs, one a second from {@code first}; their sequences. */
  static List<Long> history(Customer c, int n, Instant first) throws Exception {
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(queued(c, refId(), "r" + i + "@x.org", first.plusSeconds(i)));
    }
    f.ingest(events);
    try (Stream all = f.stream(c, query(q("end", first.plusSeconds(n))))) {
      List<Long> ids = ids(events(all.frames().until("complete", WAIT)));
      assertThat(ids).hasSize(n);
      return ids;
    }
  }

  static void assertComplete(Frame frame, long count, String reason) {
    assertThat(frame.is("complete")).as(String.valueOf(frame)).isTrue();
    assertThat(frame.data()).isEqualTo("{\"count\":" + count + ",\"reason\":\"" + reason + "\"}");
  }

  @Test
  void a_history_is_sent_in_exact_sse_frames_then_completes_with_reason_end() throws Exception {
    Customer c = f.customer();
    String ref = refId();
    Instant t = now.minusSeconds(100);
    f.ingest(
        List.of(
            new RawEvent(
                "evt-1",
                "queued",
                c.accountId(),
                ref,
                "Bob@X.org",
                t.toString(),
                "News@Example.COM",
                "Hello \"you\"",
                null,
                null,
                "camp-7",
                List.of("a", "b"),
                null,
                null,
                null,
                null),
            new RawEvent(
                "evt-2",
                "clicked",
                c.accountId(),
                ref,
                "Bob@X.org",
                t.plusMillis(1500).toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "UA",
                null,
                "https://x.test/")));
    long first = f.store.lastSequence() - 1;

    Reply reply = f.customerGet(STREAM + query(q("end", t.plusSeconds(10))), c);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
    String common =
        "\"refId\":\""
            + ref
            + "\",\"domain\":\"example.com\",\"sender\":\"News@Example.COM\","
            + "\"recipient\":\"Bob@X.org\",\"subject\":\"Hello \\\"you\\\"\","
            + "\"campaignId\":\"camp-7\",\"tags\":[\"a\",\"b\"]";
    assertThat(reply.body())
        .isEqualTo(
            "event: logs\nid: "
                + (first + 1)
                + "\ndata: [{\"id\":"
                + first
                + ",\"eventType\":\"queued\",\"timestamp\":\""
                + t
                + "\","
                + common
                + ",\"details\":{}},{\"id\":"
                + (first + 1)
                + ",\"eventType\":\"clicked\",\"timestamp\":\""
                + t.plusMillis(1500)
                + "\","
                + common
                + ",\"details\":{\"userAgent\":\"UA\",\"url\":\"https://x.test/\"}}]\n\n"
                + "event: complete\ndata: {\"count\":2,\"reason\":\"end\"}\n\n");
  }

  @Test
  void start_and_end_bound_the_event_timestamp_inclusively() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(1000);
    List<Long> ids = history(c, 5, t0);

    try (Stream s =
        f.stream(c, query(q("start", t0.plusSeconds(1)), q("end", t0.plusSeconds(3))))) {
      List<Frame> frames = s.frames().until("complete", WAIT);
      assertThat(ids(events(frames))).containsExactlyElementsOf(ids.subList(1, 4));
      assertComplete(frames.get(frames.size() - 1), 3, "end");
    }
  }

  @Test
  void with_end_alone_the_history_runs_from_the_oldest_event() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(2000);
    List<Long> ids = history(c, 4, t0);

    try (Stream s = f.stream(c, query(q("end", t0.plusSeconds(2))))) {
      List<Frame> frames = s.frames().until("complete", WAIT);
      assertThat(ids(events(frames))).containsExactlyElementsOf(ids.subList(0, 3));
      assertComplete(frames.get(frames.size() - 1), 3, "end");
    }
  }

  @Test
  void limit_stops_the_stream_with_reason_limit() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(3000);
    List<Long> ids = history(c, 5, t0);

    try (Stream s = f.stream(c, query(q("start", t0), q("limit", 3)))) {
      List<Frame> frames = s.frames().until("complete", WAIT);
      assertThat(ids(events(frames))).containsExactlyElementsOf(ids.subList(0, 3));
      assertComplete(frames.get(frames.size() - 1), 3, "limit");
      assertThat(s.frames().nextEvent(WAIT).is(SseReader.EOF)).isTrue();
    }
  }

  @Test
  void without_start_or_end_the_stream_starts_live_and_sends_new_events_within_100_ms()
      throws Exception {
    Customer c = f.customer();
    history(c, 3, now.minusSeconds(4000));

    try (Stream s = f.stream(c, query(q("limit", 10)))) {
      assertThat(s.status()).isEqualTo(200);
      List<Long> latencies = new ArrayList<>();
      List<Long> sequences = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long before = System.nanoTime();
        f.ingest(List.of(queued(c, refId(), "live" + i + "@x.org", now.minusSeconds(5))));
        long sequence = f.store.lastSequence();
        Frame frame = s.frames().nextEvent(WAIT);
        assertThat(frame).isNotNull();
        assertThat(frame.is("logs")).as(String.valueOf(frame)).isTrue();
        latencies.add((frame.nanos() - before) / 1_000);
        sequences.add(sequence);
        assertThat(ids(events(List.of(frame)))).containsExactly(sequence);
      }
      assertComplete(s.frames().nextEvent(WAIT), 10, "limit");
      List<Long> sorted = latencies.stream().sorted().toList();
      System.out.println(
          "live latency in microseconds (ingest call to frame received): " + latencies);
      assertThat(sorted.get(sorted.size() / 2))
          .as("median latency in microseconds %s", latencies)
          .isLessThan(100_000);
    }
  }

  @Test
  void with_start_alone_the_history_is_followed_by_live_events() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(5000);
    List<Long> ids = history(c, 2, t0);

    try (Stream s = f.stream(c, query(q("start", t0), q("limit", 3)))) {
      Frame first = s.frames().nextEvent(WAIT);
      assertThat(ids(events(List.of(first)))).containsExactlyElementsOf(ids);
      f.ingest(List.of(queued(c, refId(), "later@x.org", now.minusSeconds(1))));
      List<Frame> rest = s.frames().until("complete", WAIT);
      assertThat(ids(events(rest))).containsExactly(f.store.lastSequence());
      assertComplete(rest.get(rest.size() - 1), 3, "limit");
    }
  }

  @Test
  void last_event_id_resumes_right_after_that_sequence() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(6000);
    List<Long> ids = history(c, 6, t0);

    // with a window: the rest of the window, counted on this connection
    try (Stream s =
        f.stream(
            c, query(q("start", t0), q("end", t0.plusSeconds(10))), String.valueOf(ids.get(3)))) {
      List<Frame> frames = s.frames().until("complete", WAIT);
      assertThat(ids(events(frames))).containsExactlyElementsOf(ids.subList(4, 6));
      assertComplete(frames.get(frames.size() - 1), 2, "end");
    }

    // without a window: the events after it, then live
    try (Stream s = f.stream(c, query(q("limit", 3)), String.valueOf(ids.get(3)))) {
      Frame first = s.frames().nextEvent(WAIT);
      assertThat(ids(events(List.of(first)))).containsExactlyElementsOf(ids.subList(4, 6));
      f.ingest(List.of(queued(c, refId(), "after@x.org", now.minusSeconds(1))));
      List<Frame> rest = s.frames().until("complete", WAIT);
      assertThat(ids(events(rest))).containsExactly(f.store.lastSequence());
      assertComplete(rest.get(rest.size() - 1), 3, "limit");
    }
  }

  @Test
  void filters_apply_to_history_and_live_events() throws Exception {
    Customer c = f.customer();
    String ref = refId();
    Instant t0 = now.minusSeconds(7000);
    f.ingest(
        List.of(
            queued(c, ref, "ann@x.org", t0, "news@example.com", "Weekly Digest"),
            queued(c, refId(), "bob@x.org", t0.plusSeconds(1), "news@example.com", "Other"),
            event(c, "delivered", ref, "ann@x.org", t0.plusSeconds(2)),
            queued(c, refId(), "cy@x.org", t0.plusSeconds(3), "billing@example.com", "Invoice")));
    String end = q("end", t0.plusSeconds(10));

    assertThat(typesAndRecipients(c, query(end, q("event_type", "delivered"))))
        .containsExactly("delivered ann@x.org");
    assertThat(typesAndRecipients(c, query(end, q("subject", "DIGEST"))))
        .containsExactly("queued ann@x.org", "delivered ann@x.org");
    assertThat(typesAndRecipients(c, query(end, q("sender", "Billing@Example.com"))))
        .containsExactly("queued cy@x.org");
    assertThat(typesAndRecipients(c, query(end, q("recipient", "BOB@x.org"))))
        .containsExactly("queued bob@x.org");
    assertThat(typesAndRecipients(c, query(end, q("tags", "LETT"))))
        .containsExactly(
            "queued ann@x.org", "queued bob@x.org", "delivered ann@x.org", "queued cy@x.org");
    assertThat(typesAndRecipients(c, query(end, q("tags", "nope")))).isEmpty();
  }

  static List<String> typesAndRecipients(Customer c, String query) throws Exception {
    try (Stream s = f.stream(c, query)) {
      return events(s.frames().until("complete", WAIT)).stream()
          .map(e -> e.get("eventType").asText() + " " + e.get("recipient").asText())
          .toList();
    }
  }

  @Test
  void the_domain_is_case_insensitive_and_other_domains_stay_out() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(8000);
    f.ingest(
        List.of(
            queued(c, refId(), "a@x.org", t0, "news@Example.com", "s"),
            queued(c, refId(), "b@x.org", t0.plusSeconds(1), "news@other.com", "s")));

    Reply reply = f.customerGet("/api/domains/EXAMPLE.com/log/stream?end=" + t0.plusSeconds(5), c);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("\"recipient\":\"a@x.org\"").doesNotContain("b@x.org");
  }

  @Test
  void a_domain_not_registered_verified_and_owned_is_404() {
    Customer c = f.customer();
    Customer other = f.customer();
    f.admin(
        "POST",
        "/admin/accounts/" + c.accountId() + "/domains",
        "{\"domain\":\"pending.example\",\"verified\":false}");
    f.admin(
        "POST",
        "/admin/accounts/" + other.accountId() + "/domains",
        "{\"domain\":\"theirs.example\",\"verified\":true}");

    for (String domain : List.of("unknown.example", "pending.example", "theirs.example")) {
      Reply reply = f.customerGet("/api/domains/" + domain + "/log/stream", c);
      assertThat(reply.status()).as(domain).isEqualTo(404);
      assertThat(reply.body())
          .isEqualTo("{\"error\":\"Domain not found or you do not own this domain\"}");
      assertThat(reply.header("Content-Type")).isEqualTo("application/json");
      assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
    }
  }

  @Test
  void every_parameter_rule_answers_400_before_the_stream_begins() {
    Customer c = f.customer();
    List<List<String>> rows =
        List.of(
            List.of("Invalid query parameter: x", query(q("x", 1))),
            List.of("Invalid query parameter: pageSize", query(q("pageSize", 1))),
            List.of("Duplicate query parameter: limit", query(q("limit", 1), q("limit", 2))),
            List.of("Wrong date format: start must be RFC3339", query(q("start", "2024-01-15"))),
            List.of(
                "Wrong date format: end must be RFC3339", query(q("end", "2024-01-15T10:00:00"))),
            List.of(
                "start cannot be after end",
                query(q("start", "2024-01-15T10:00:01Z"), q("end", "2024-01-15T10:00:00Z"))),
            List.of("limit must be between 1 and 500000", query(q("limit", 0))),
            List.of("limit must be between 1 and 500000", query(q("limit", 500001))),
            List.of("limit must be between 1 and 500000", query(q("limit", -5))),
            List.of("limit must be between 1 and 500000", query(q("limit", "ten"))),
            List.of("Invalid event_type: bogus", query(q("event_type", "bogus"))),
            List.of("Invalid event_type: Delivered", query(q("event_type", "Delivered"))));
    for (List<String> row : rows) {
      Reply reply = f.customerGet(STREAM + row.get(1), c);
      assertThat(reply.status()).as(row.get(1)).isEqualTo(400);
      assertThat(reply.header("Content-Type")).isEqualTo("application/json");
      assertThat(reply.body()).isEqualTo("{\"error\":\"" + row.get(0) + "\"}");
      assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
    }
    Reply reply = lastEventId(c, "abc");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).isEqualTo("{\"error\":\"Invalid Last-Event-ID: abc\"}");
    assertThat(f.customerGet(STREAM + query(q("limit", 500000), q("end", now)), c).status())
        .isEqualTo(200);
  }

  static Reply lastEventId(Customer c, String value) {
    try {
      var response =
          f.http.send(
              f.request(STREAM, "Bearer " + c.token()).header("Last-Event-ID", value).GET().build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void a_long_history_goes_in_batches_of_at_most_1000_in_sequence_order() throws Exception {
    Customer c = f.customer();
    Instant t0 = now.minusSeconds(20_000);
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      events.add(queued(c, refId(), "bulk" + i + "@x.org", t0.plusMillis(i)));
    }
    f.ingest(events);

    try (Stream s = f.stream(c, query(q("end", t0.plusSeconds(10))))) {
      List<Frame> frames = s.frames().until("complete", WAIT);
      List<Long> ids = ids(events(frames));
      assertThat(ids).hasSize(2500).isSorted().doesNotHaveDuplicates();
      assertThat(frames.stream().filter(fr -> fr.is("logs")).count()).isGreaterThanOrEqualTo(3);
      assertComplete(frames.get(frames.size() - 1), 2500, "end");
    }
  }

  @Test
  void the_headers_go_out_at_once_even_with_nothing_to_send() throws Exception {
    try (HttpFixture quiet =
        HttpFixture.start(io.emaillogs.application.Settings.DEFAULTS, HttpFixture.ADMIN_TOKEN)) {
      Customer c = quiet.customer();
      long start = System.nanoTime();
      try (Stream s = quiet.stream(c, "")) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(s.status()).isEqualTo(200);
        assertThat(millis)
            .as("headers after %d ms with a 15 s keep-alive", millis)
            .isLessThan(3000);
        assertThat(s.frames().next(Duration.ofMillis(300))).as("nothing to send yet").isNull();
        quiet.ingest(List.of(queued(c, refId(), "a@x.org", now)));
        assertThat(s.frames().next(WAIT).is("logs")).isTrue();
      }
    }
  }

  @Test
  void a_silent_stream_sends_keep_alive_comments() throws Exception {
    Customer c = f.customer();
    try (Stream s = f.stream(c, "")) {
      List<Frame> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < deadline) {
        Frame frame = s.frames().next(Duration.ofMillis(200));
        if (frame != null) {
          seen.add(frame);
        }
      }
      assertThat(seen)
          .isNotEmpty()
          .allMatch(fr -> fr.is(SseReader.COMMENT) && fr.data().equals("keep-alive"));
      // one every 300 ms, this fixture's keep-alive
      assertThat(seen.size()).isGreaterThanOrEqualTo(3);
    }
  }
}
