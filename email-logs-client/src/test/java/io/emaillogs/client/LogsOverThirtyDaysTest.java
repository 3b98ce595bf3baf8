package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.app.demo.DemoData;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 30-day created range read through the client equals, log for log and in the same order, a hand
 * loop over 7-day windows with page tokens, on the in-memory store and on PostgreSQL. The data: the
 * demo generator's 14 days, older logs of our own back to day 30, and groups of logs created
 * exactly on each 7-day window edge and on both ends of the range (where an inclusive bound
 * answered twice, or an exclusive one missed, would show).
 */
class LogsOverThirtyDaysTest {

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void a_30_day_range_is_read_like_a_hand_loop_over_7_day_windows(String store) throws Exception {
    try (TestServer server = TestServer.start(store)) {
      DemoData.Seeded demo = DemoData.seed(server.logs(), Clock.systemUTC(), 2_000, 42L);
      Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Instant from = to.minus(Duration.ofDays(30));
      int edgeLogs = ingestOlderAndEdgeLogs(server, demo.accountId(), from, to);

      List<String> byHand = handLoop(server, demo.customerToken(), from, to);

      List<String> byClient;
      try (EmailLogsClient client =
              EmailLogsClient.builder(server.uri(), demo.customerToken()).build();
          Stream<EmailLog> logs =
              client.logs(LogQuery.builder().createdBetween(from, to).pageSize(37).build())) {
        byClient = logs.map(LogsOverThirtyDaysTest::describe).collect(Collectors.toList());
      }

      assertThat(byHand).hasSizeGreaterThan(2_000 + 600);
      assertThat(byClient).containsExactlyElementsOf(byHand);
      assertThat(new HashSet<>(byClient)).hasSameSizeAs(byClient); // no log twice
      // every log created exactly on an edge came once
      long onEdges = byClient.stream().filter(d -> d.startsWith("edge-")).count();
      assertThat(onEdges).isEqualTo(edgeLogs);
      // the export (93-day windows, walked by the server itself) has the same logs
      assertThat(new HashSet<>(export(server, demo.customerToken(), from, to)))
          .isEqualTo(new HashSet<>(byHand));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void a_single_instant_exactly_7_days_and_a_little_more(String store) throws Exception {
    try (TestServer server = TestServer.start(store)) {
      TestServer.Customer c = server.customer("example.com", null);
      Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Instant weekAgo = t.minus(Duration.ofDays(7));
      server.ingest(
          queued(c.accountId(), "now", "a@example.org", t)
              + queued(c.accountId(), "week", "a@example.org", weekAgo)
              + queued(c.accountId(), "older", "a@example.org", weekAgo.minusMillis(1)));
      try (EmailLogsClient client = EmailLogsClient.builder(server.uri(), c.token()).build()) {
        assertThat(refIds(client, t, t)).containsExactly("now");
        assertThat(refIds(client, weekAgo, t)).containsExactly("now", "week"); // one window
        assertThat(refIds(client, weekAgo.minusMillis(1), t))
            .containsExactly("now", "week", "older"); // two windows, sharing weekAgo
        // 1 ns more than 7 days: PostgreSQL rounds the second window to [weekAgo, weekAgo]
        assertThat(refIds(client, weekAgo.minusNanos(1), t)).containsExactly("now", "week");
        assertThat(refIds(client, weekAgo.minusMillis(1), weekAgo.minusMillis(1)))
            .containsExactly("older");
      }
    }
  }

  private static List<String> refIds(EmailLogsClient client, Instant from, Instant to) {
    try (Stream<EmailLog> logs =
        client.logs(LogQuery.builder().createdBetween(from, to).pageSize(1).build())) {
      return logs.map(EmailLog::refId).toList();
    }
  }

  /** 600 logs between day 30 and day 14, and 3 logs (one message, 3 recipients) on each edge. */
  private static int ingestOlderAndEdgeLogs(
      TestServer server, long account, Instant from, Instant to) throws Exception {
    Random random = new Random(7);
    StringBuilder ndjson = new StringBuilder();
    long span = Duration.ofDays(16).toMillis();
    for (int i = 0; i < 600; i++) {
      Instant at = from.plusMillis((long) (random.nextDouble() * span));
      ndjson.append(queued(account, "old-" + i, "r" + i + "@example.org", at));
    }
    List<Instant> edges = new ArrayList<>();
    edges.add(to);
    for (int week = 1; week <= 4; week++) {
      edges.add(to.minus(Duration.ofDays(7L * week)));
    }
    edges.add(from);
    int count = 0;
    for (int e = 0; e < edges.size(); e++) {
      for (String r : List.of("a", "b", "c")) {
        ndjson.append(queued(account, "edge-" + e, r + "@edge.example.org", edges.get(e)));
        count++;
      }
    }
    // and one millisecond either side of the first inner edge
    ndjson.append(queued(account, "near-1", "x@example.org", edges.get(1).plusMillis(1)));
    ndjson.append(queued(account, "near-2", "x@example.org", edges.get(1).minusMillis(1)));
    server.ingest(ndjson.toString());
    return count;
  }

  private static String queued(long account, String refId, String recipient, Instant at) {
    return "{\"type\":\"queued\",\"accountId\":"
        + account
        + ",\"refId\":\""
        + refId
        + "\",\"recipientAddress\":\""
        + recipient
        + "\",\"timestamp\":\""
        + at
        + "\",\"fromAddress\":\"shop@mail.acme-shop.com\",\"subject\":\"Old news\"}\n";
  }

  /**
   * What a user would write without the client: windows of 7 days newest first, the older one
   * ending 1 ms before the newer one starts (every timestamp here is whole milliseconds), each
   * paged with nextPageToken.
   */
  private static List<String> handLoop(TestServer server, String token, Instant from, Instant to)
      throws Exception {
    List<String> logs = new ArrayList<>();
    Instant end = to;
    while (!end.isBefore(from)) {
      Instant start = end.minus(Duration.ofDays(7));
      if (start.isBefore(from)) {
        start = from;
      }
      String window = "startCreatedAt=" + start + "&endCreatedAt=" + end + "&pageSize=50";
      String pageToken = null;
      do {
        String query =
            window
                + (pageToken == null
                    ? ""
                    : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        HttpResponse<String> page = server.get("/v1/email/logs?" + query, token);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode json = Http.JSON.readTree(page.body());
        for (JsonNode log : json.get("emailLogs")) {
          logs.add(
              log.get("refId").asText()
                  + "|"
                  + log.get("recipientAddress").asText()
                  + "|"
                  + Instant.parse(log.get("createdAt").asText()));
        }
        pageToken = json.hasNonNull("nextPageToken") ? json.get("nextPageToken").asText() : null;
      } while (pageToken != null);
      end = start.minusMillis(1);
    }
    return logs;
  }

  private static List<String> export(TestServer server, String token, Instant from, Instant to)
      throws Exception {
    HttpResponse<String> r =
        server.get("/v1/email/logs/export?startCreatedAt=" + from + "&endCreatedAt=" + to, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> logs = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (!line.isBlank()) {
        logs.add(describe(Http.JSON.readValue(line, EmailLog.class)));
      }
    }
    return logs;
  }

  private static String describe(EmailLog log) {
    return log.refId() + "|" + log.recipientAddress() + "|" + log.createdAt();
  }
}
