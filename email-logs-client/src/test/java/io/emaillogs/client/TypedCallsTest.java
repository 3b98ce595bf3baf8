package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeline, statistics, export and a history stream, read into records from the real server.
 */
class TypedCallsTest {

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void every_call_answers_its_record(String store) throws Exception {
    try (TestServer server = TestServer.start(store)) {
      TestServer.Customer c = server.customer("example.com", null);
      Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
      String a = c.accountId() + "";
      server.ingest(
          line(
                  a,
                  "queued",
                  "m-1",
                  "ann@gmail.com",
                  t,
                  ",\"fromAddress\":\"news@example.com\","
                      + "\"subject\":\"Sale\",\"campaignId\":\"spring\",\"tags\":[\"promo\"],"
                      + "\"recipientType\":\"cc\"")
              + line(
                  a,
                  "queued",
                  "m-1",
                  "bob@yahoo.com",
                  t,
                  ",\"fromAddress\":\"news@example.com\","
                      + "\"subject\":\"Sale\",\"campaignId\":\"spring\"")
              + line(
                  a,
                  "deferred",
                  "m-1",
                  "ann@gmail.com",
                  t.plusSeconds(1),
                  ",\"reason\":\"421 try later\"")
              + line(a, "delivered", "m-1", "ann@gmail.com", t.plusSeconds(60), "")
              + line(
                  a,
                  "opened",
                  "m-1",
                  "ann@gmail.com",
                  t.plusSeconds(90),
                  ",\"userAgent\":\"Mozilla/5.0\",\"ip\":\"203.0.113.7\"")
              + line(
                  a,
                  "bounced",
                  "m-1",
                  "bob@yahoo.com",
                  t.plusSeconds(5),
                  ",\"reason\":\"550 no such user\""));

      try (EmailLogsClient client = EmailLogsClient.builder(server.uri(), c.token()).build()) {
        Timeline timeline = client.timeline("m-1");
        assertThat(timeline.refId()).isEqualTo("m-1");
        assertThat(timeline.emailLogs())
            .extracting(EmailLog::recipientAddress)
            .containsExactlyInAnyOrder("ann@gmail.com", "bob@yahoo.com");
        assertThat(timeline.events())
            .extracting(Timeline.Event::eventType)
            .containsExactly(
                EventType.QUEUED,
                EventType.QUEUED,
                EventType.DEFERRED,
                EventType.BOUNCED,
                EventType.DELIVERED,
                EventType.OPENED);
        assertThat(timeline.events().get(2).details()).containsEntry("reason", "421 try later");

        List<EmailLog> logs;
        try (Stream<EmailLog> s = client.logs(LogQuery.builder().refId("m-1").build())) {
          logs = s.toList();
        }
        EmailLog ann =
            logs.stream()
                .filter(l -> l.recipientDomain().equals("gmail.com"))
                .findFirst()
                .orElseThrow();
        assertThat(ann.status()).isEqualTo(Status.OPENED);
        assertThat(ann.recipientType()).isEqualTo(RecipientType.CC);
        assertThat(ann.failedReason()).isEqualTo("421 try later");
        assertThat(ann.deliveredDate()).isEqualTo(t.plusSeconds(60));
        assertThat(ann.track().opens())
            .extracting(EmailLog.Open::ip)
            .containsExactly("203.0.113.7");
        assertThat(ann.tags()).containsExactly("promo");
        try (Stream<EmailLog> s =
            client.logs(
                LogQuery.builder().status(Status.BOUNCED).recipientDomain("YAHOO.com").build())) {
          assertThat(s.map(EmailLog::recipientAddress)).containsExactly("bob@yahoo.com");
        }

        DeliveryStats stats =
            client.stats(
                StatsQuery.builder()
                    .interval(StatsInterval.TOTAL)
                    .groupBy(StatsGroupBy.CAMPAIGN_ID)
                    .campaignId("spring")
                    .build());
        assertThat(stats.interval()).isEqualTo(StatsInterval.TOTAL);
        assertThat(stats.groupBy()).isEqualTo(StatsGroupBy.CAMPAIGN_ID);
        DeliveryStats.Bucket bucket = stats.buckets().get(0);
        assertThat(bucket.group()).isEqualTo("spring");
        assertThat(bucket.total()).isEqualTo(2);
        assertThat(bucket.count(Status.BOUNCED)).isEqualTo(1);
        assertThat(bucket.count(Status.OPENED)).isEqualTo(1);
        assertThat(bucket.rates().bounceRate()).isEqualTo(0.5);

        try (Stream<EmailLog> export = client.export(LogQuery.all())) {
          assertThat(export.toList()).isEqualTo(logs);
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long bytes = client.exportCsv(LogQuery.builder().email("ANN@gmail.com").build(), csv);
        String[] rows = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(bytes).isEqualTo(csv.size());
        assertThat(rows).hasSize(2);
        assertThat(rows[0]).startsWith("refId,accountId,tenantId,");
        assertThat(rows[1]).startsWith("m-1,");

        // a history stream (with end) completes: every event once, then onComplete
        List<LogEvent> events = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> completion = new AtomicReference<>();
        StreamFilters history =
            StreamFilters.builder()
                .start(t)
                .end(t.plusSeconds(600))
                .sender("NEWS@example.com")
                .build();
        try (Subscription s =
            client.stream(
                "example.com",
                history,
                new StreamListener() {
                  @Override
                  public void onEvent(LogEvent event) {
                    events.add(event);
                  }

                  @Override
                  public void onComplete(long count, String reason) {
                    completion.set(count + " " + reason);
                  }
                })) {
          assertThat(s.awaitTermination(Duration.ofSeconds(10))).isTrue();
          assertThat(s.isOpen()).isFalse();
        }
        assertThat(completion.get()).isEqualTo("6 end");
        assertThat(events).extracting(LogEvent::refId).containsOnly("m-1");
        assertThat(events).extracting(LogEvent::domain).containsOnly("example.com");
      }
    }
  }

  private static String line(
      String account, String type, String ref, String to, Instant at, String more) {
    return "{\"type\":\""
        + type
        + "\",\"accountId\":"
        + account
        + ",\"refId\":\""
        + ref
        + "\",\"recipientAddress\":\""
        + to
        + "\",\"timestamp\":\""
        + at
        + "\""
        + more
        + "}\n";
  }
}
