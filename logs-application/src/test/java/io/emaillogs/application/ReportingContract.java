package io.emaillogs.application;

import static io.emaillogs.application.port.TestEvents.T0;
import static io.emaillogs.application.port.TestEvents.event;
import static io.emaillogs.application.port.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.DeliveryStatsUseCase.DeliveryStats;
import io.emaillogs.application.DeliveryStatsUseCase.StatsRequest;
import io.emaillogs.application.ExportLogsUseCase.Export;
import io.emaillogs.application.ExportLogsUseCase.ExportRequest;
import io.emaillogs.application.MessageTimelineUseCase.Timeline;
import io.emaillogs.application.MessageTimelineUseCase.TimelineQuery;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.TestEvents;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.Timestamps;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stats.StatsBucket;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The message timeline, delivery statistics and bulk export on a store: every store's test extends
 * this class (as it extends {@code LogStoreContract}) and supplies a fresh, empty store per test.
 * The use cases run over the store as the server runs them; the statistics are checked against a
 * count over the logs {@link LogStore#findLogs} pages out ({@link StatsProperty}).
 */
public abstract class ReportingContract {
  protected static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

  protected LogStore store;
  protected MessageTimelineUseCase timeline;
  protected DeliveryStatsUseCase stats;
  protected ExportLogsUseCase export;
  protected final AtomicInteger openSlots = new AtomicInteger();
  protected volatile int maxSlots = 5;

  /** A new, empty store; closed after each test. */
  protected abstract LogStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    RateLimiter limiter =
        new RateLimiter() {
          @Override
          public RateDecision tryConsume(long accountId, int limitPerMinute) {
            return new RateDecision(true, limitPerMinute, limitPerMinute, 0);
          }

          @Override
          public Optional<StreamSlot> tryOpenStream(long accountId, int maxStreams) {
            if (openSlots.incrementAndGet() > Math.min(maxStreams, maxSlots)) {
              openSlots.decrementAndGet();
              return Optional.empty();
            }
            AtomicInteger once = new AtomicInteger();
            return Optional.of(
                () -> {
                  if (once.getAndIncrement() == 0) {
                    openSlots.decrementAndGet();
                  }
                });
          }
        };
    timeline = new MessageTimelineService(store);
    stats = new DeliveryStatsService(store, CLOCK);
    export = new ExportLogsService(store, limiter, Settings.DEFAULTS, CLOCK);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected void append(TestEvents... events) {
    List<IngestEvent> batch = new ArrayList<>();
    for (TestEvents e : events) {
      batch.add(e.build());
    }
    store.append(batch);
  }

  protected static Map<String, List<String>> params(String... nameValues) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      out.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return out;
  }

  protected static String at(Instant t) {
    return Timestamps.format(t);
  }

  @Nested
  class MessageTimeline {
    @Test
    void holds_every_event_of_every_recipient_in_timestamp_then_sequence_order() {
      append(
          queued("m1").to("a@x.com").atSecond(0),
          queued("m1").to("b@y.com").atSecond(0),
          event(EventType.OPENED, "m1").to("a@x.com").atSecond(30).userAgent("UA").ip("1.2.3.4"),
          event(EventType.DEFERRED, "m1").to("a@x.com").atSecond(5).reason("421 later"),
          event(EventType.DELIVERED, "m1").to("a@x.com").atSecond(10),
          event(EventType.DELIVERED, "m1").to("b@y.com").atSecond(10),
          event(EventType.SENT, "m1").to("b@y.com").atSecond(2));
      append(event(EventType.DELIVERED, "m1").to("a@x.com").atSecond(40)); // late, no change
      append(queued("other").to("a@x.com").atSecond(1));

      Timeline t = timeline.timeline(new TimelineQuery(1, "m1"));

      assertThat(t.refId()).isEqualTo("m1");
      assertThat(t.logs()).extracting(EmailLog::recipientAddress).contains("a@x.com", "b@y.com");
      assertThat(t.logs()).hasSize(2);
      assertThat(t.events())
          .extracting(e -> e.type() + "@" + e.recipientAddress() + "+" + e.timestamp())
          .containsExactly(
              "QUEUED@a@x.com+" + T0,
              "QUEUED@b@y.com+" + T0,
              "SENT@b@y.com+" + T0.plusSeconds(2),
              "DEFERRED@a@x.com+" + T0.plusSeconds(5),
              "DELIVERED@a@x.com+" + T0.plusSeconds(10),
              "DELIVERED@b@y.com+" + T0.plusSeconds(10),
              "OPENED@a@x.com+" + T0.plusSeconds(30),
              "DELIVERED@a@x.com+" + T0.plusSeconds(40));
      // equal timestamps: by sequence
      List<LogEvent> events = t.events();
      assertThat(events.get(0).sequence()).isLessThan(events.get(1).sequence());
      assertThat(events.get(4).sequence()).isLessThan(events.get(5).sequence());
      assertThat(events.get(3).details().reason()).isEqualTo("421 later");
      EmailLog a =
          t.logs().stream().filter(l -> l.recipientAddress().equals("a@x.com")).findFirst().get();
      assertThat(a.status()).isEqualTo(LogStatus.OPENED);
    }

    @Test
    void another_accounts_message_is_not_found_and_a_malformed_ref_id_is_refused() {
      append(queued("shared").account(1).to("a@x.com"), queued("mine").account(2).to("a@x.com"));
      append(event(EventType.DELIVERED, "shared").account(1).to("a@x.com").atSecond(3));

      assertThatThrownBy(() -> timeline.timeline(new TimelineQuery(2, "shared")))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("email log not found");
      assertThatThrownBy(() -> timeline.timeline(new TimelineQuery(1, "nope")))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("email log not found");
      assertThat(timeline.timeline(new TimelineQuery(1, "shared")).events()).hasSize(2);
      assertThat(timeline.timeline(new TimelineQuery(2, "mine")).events())
          .extracting(LogEvent::accountId)
          .containsOnly(2L);
      for (String bad : List.of("", "a b", "x".repeat(65), "r\u0000", "ré", "a/b")) {
        assertThatThrownBy(() -> timeline.timeline(new TimelineQuery(1, bad)))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessage("invalid refId");
      }
      assertThat(timeline.timeline(new TimelineQuery(1, "shared")).logs()).hasSize(1);
    }

    @Test
    void retention_takes_the_timeline_away() {
      append(queued("old").to("a@x.com").at(T0.minus(Duration.ofDays(40))));
      append(queued("new").to("a@x.com").at(T0));
      store.purgeCreatedBefore(T0.minus(Duration.ofDays(30)));
      assertThatThrownBy(() -> timeline.timeline(new TimelineQuery(1, "old")))
          .isInstanceOf(NotFoundException.class);
      assertThat(timeline.timeline(new TimelineQuery(1, "new")).events()).hasSize(1);
    }
  }

  @Nested
  class Statistics {
    @Test
    void counts_by_day_with_every_status_flags_and_rates() {
      Instant day1 = Instant.parse("2024-01-15T00:00:00Z");
      Instant day2 = Instant.parse("2024-01-16T00:00:00Z");
      append(
          queued("d1").to("a@x.com").at(day1.plusSeconds(3600)).campaign("c"),
          event(EventType.DELIVERED, "d1").to("a@x.com").at(day1.plusSeconds(3700)),
          event(EventType.OPENED, "d1").to("a@x.com").at(day1.plusSeconds(3800)),
          event(EventType.CLICKED, "d1").to("a@x.com").at(day1.plusSeconds(3900)),
          queued("d2").to("b@x.com").at(day1.plusSeconds(7200)).campaign("c"),
          event(EventType.BOUNCED, "d2").to("b@x.com").at(day1.plusSeconds(7300)),
          queued("d3").to("c@y.com").at(day2.plusSeconds(60)),
          event(EventType.DELIVERED, "d3").to("c@y.com").at(day2.plusSeconds(70)),
          event(EventType.SPAM, "d3").to("c@y.com").at(day2.plusSeconds(80)),
          queued("other").account(9).to("a@x.com").at(day1.plusSeconds(3600)));

      DeliveryStats s =
          stats.stats(
              new StatsRequest(
                  1,
                  params(
                      "startCreatedAt",
                      at(day1),
                      "endCreatedAt",
                      at(day2.plus(Duration.ofDays(1))))));

      assertThat(s.buckets()).extracting(StatsBucket::start).containsExactly(day1, day2);
      var first = s.buckets().get(0).counts();
      assertThat(first.total()).isEqualTo(2);
      assertThat(first.status(LogStatus.CLICKED)).isEqualTo(1);
      assertThat(first.status(LogStatus.BOUNCED)).isEqualTo(1);
      assertThat(first.delivered()).isEqualTo(1);
      assertThat(first.opened()).isEqualTo(1);
      assertThat(first.clicked()).isEqualTo(1);
      assertThat(first.deliveryRate()).isEqualTo(0.5);
      assertThat(first.bounceRate()).isEqualTo(0.5);
      assertThat(first.openRate()).isEqualTo(1.0);
      assertThat(first.complaintRate()).isEqualTo(0.0);
      var second = s.buckets().get(1).counts();
      assertThat(second.status(LogStatus.SPAM)).isEqualTo(1);
      assertThat(second.complaintRate()).isEqualTo(1.0);

      DeliveryStats byCampaign =
          stats.stats(
              new StatsRequest(
                  1,
                  params(
                      "startCreatedAt",
                      at(day1),
                      "endCreatedAt",
                      at(day2.plus(Duration.ofDays(1))),
                      "interval",
                      "total",
                      "groupBy",
                      "campaignId")));
      assertThat(byCampaign.buckets())
          .extracting(b -> b.start() + "/" + b.group() + "/" + b.counts().total())
          .containsExactly(day1 + "/null/1", day1 + "/c/2");

      DeliveryStats tenant =
          stats.stats(
              new StatsRequest(
                  9,
                  params(
                      "startCreatedAt",
                      at(day1),
                      "endCreatedAt",
                      at(day2.plus(Duration.ofDays(1))))));
      assertThat(tenant.buckets()).hasSize(1);
      assertThat(tenant.buckets().get(0).counts().total()).isEqualTo(1);
    }

    @Test
    void refuses_bad_parameters_with_the_spec_wording() {
      assertThatThrownBy(() -> stats.stats(new StatsRequest(1, params("interval", "week"))))
          .hasMessage("Invalid interval: week");
      assertThatThrownBy(() -> stats.stats(new StatsRequest(1, params("groupBy", "status"))))
          .hasMessage("Invalid groupBy: status");
      assertThatThrownBy(() -> stats.stats(new StatsRequest(1, params("status", "sent"))))
          .hasMessage("Invalid query parameter: status");
      assertThatThrownBy(
              () ->
                  stats.stats(
                      new StatsRequest(
                          1,
                          params(
                              "startCreatedAt",
                              at(T0),
                              "endCreatedAt",
                              at(T0.plus(Duration.ofDays(93)).plusSeconds(1))))))
          .hasMessage("date range cannot exceed 93 days");
      assertThatThrownBy(() -> stats.stats(new StatsRequest(1, params("startCreatedAt", at(T0)))))
          .hasMessage("endCreatedAt is required");
      DeliveryStats ok =
          stats.stats(
              new StatsRequest(
                  1,
                  params(
                      "startCreatedAt", at(T0), "endCreatedAt", at(T0.plus(Duration.ofDays(93))))));
      assertThat(ok.buckets()).isEmpty();
    }

    @Test
    void default_window_is_the_last_seven_days() {
      append(
          queued("in").to("a@x.com").at(CLOCK.instant().minus(Duration.ofDays(6))),
          queued("out").to("a@x.com").at(CLOCK.instant().minus(Duration.ofDays(8))));
      DeliveryStats s = stats.stats(new StatsRequest(1, Map.of()));
      assertThat(s.window()).isEqualTo(DateWindow.lastDays(CLOCK.instant(), 7));
      assertThat(s.buckets()).hasSize(1);
      assertThat(s.buckets().get(0).counts().total()).isEqualTo(1);
    }

    @Test
    void equal_a_count_over_the_logs_after_random_histories() throws Exception {
      StatsProperty.check(store, stats, Long.getLong("stats.seed", System.nanoTime()));
    }
  }

  @Nested
  class BulkExport {
    @Test
    void walks_the_whole_window_newest_first_like_the_query_api() throws IOException {
      List<IngestEvent> batch = new ArrayList<>();
      int n = ExportLogsService.CHUNK * 2 + 17;
      for (int i = 0; i < n; i++) {
        batch.add(
            queued("e" + i)
                .to("u" + (i % 7) + "@x.com")
                .at(T0.plusSeconds(i / 3)) // ties on createdAt
                .campaign(i % 2 == 0 ? "even" : null)
                .build());
        if (batch.size() == 500) {
          store.append(batch);
          batch = new ArrayList<>();
        }
      }
      store.append(batch);
      append(queued("foreign").account(2).to("a@x.com").at(T0));

      List<EmailLog> exported =
          exportAll(
              1, params("startCreatedAt", at(T0), "endCreatedAt", at(T0.plus(Duration.ofDays(1)))));
      List<EmailLog> paged =
          pageAll(1, LogFilter.NONE, DateWindow.of(T0, T0.plus(Duration.ofDays(1))));

      assertThat(exported).hasSize(n);
      assertThat(exported).extracting(EmailLog::refId).doesNotHaveDuplicates();
      assertThat(exported).isEqualTo(paged);
      assertThat(exported).extracting(EmailLog::accountId).containsOnly(1L);
      assertThat(openSlots.get()).isZero();

      List<EmailLog> even =
          exportAll(
              1,
              params(
                  "startCreatedAt",
                  at(T0),
                  "endCreatedAt",
                  at(T0.plus(Duration.ofDays(1))),
                  "campaignId",
                  "even",
                  "format",
                  "csv"));
      assertThat(even).hasSize((n + 1) / 2).allMatch(l -> "even".equals(l.campaignId()));
    }

    @Test
    void takes_a_stream_slot_and_refuses_bad_parameters() {
      maxSlots = 1;
      Export first = export.open(new ExportRequest(1, Map.of()));
      assertThatThrownBy(() -> export.open(new ExportRequest(1, Map.of())))
          .isInstanceOf(RateLimitedException.class);
      first.close();
      first.close();
      export.open(new ExportRequest(1, Map.of())).close();
      assertThat(openSlots.get()).isZero();
      assertThatThrownBy(() -> export.open(new ExportRequest(1, params("format", "xml"))))
          .hasMessage("Invalid format: xml");
      assertThatThrownBy(() -> export.open(new ExportRequest(1, params("pageSize", "5"))))
          .hasMessage("Invalid query parameter: pageSize");
      assertThatThrownBy(
              () ->
                  export.open(
                      new ExportRequest(
                          1,
                          params(
                              "startCreatedAt",
                              at(T0),
                              "endCreatedAt",
                              at(T0.plus(Duration.ofDays(94)))))))
          .hasMessage("date range cannot exceed 93 days");
      assertThat(openSlots.get()).isZero();
    }
  }

  protected List<EmailLog> exportAll(long account, Map<String, List<String>> parameters)
      throws IOException {
    List<EmailLog> out = new ArrayList<>();
    try (Export e = export.open(new ExportRequest(account, parameters))) {
      long n = e.writeTo(out::add);
      assertThat(n).isEqualTo(out.size());
    }
    return out;
  }

  /** Every log the query API would page out (pages of 50), newest first. */
  protected List<EmailLog> pageAll(long account, LogFilter filter, DateWindow created) {
    List<EmailLog> out = new ArrayList<>();
    Position after = null;
    while (true) {
      List<EmailLog> page =
          store.findLogs(new LogSearch(account, filter, created, null, after, 50));
      out.addAll(page);
      if (page.size() < 50) {
        return out;
      }
      after = Position.of(page.get(page.size() - 1));
    }
  }
}
