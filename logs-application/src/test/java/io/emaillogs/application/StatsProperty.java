package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.DeliveryStatsUseCase.DeliveryStats;
import io.emaillogs.application.DeliveryStatsUseCase.StatsRequest;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.TestEvents;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.Timestamps;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stats.DeliveryCounts;
import io.emaillogs.domain.stats.StatsBucket;
import io.emaillogs.domain.stats.StatsDimension;
import io.emaillogs.domain.stats.StatsInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The statistics property: for random event histories (out of order, duplicate eventIds, earlier
 * re-queues that move createdAt, concurrent ingest from two threads, then retention), every figure
 * the statistics use case returns equals a count over the logs that paging through {@link
 * LogStore#findLogs} yields for the same account, window and filters. Seeded; the seed is printed
 * and a failure names it (rerun with {@code -Dstats.seed=<seed>}).
 */
final class StatsProperty {
  private static final Instant BASE = Instant.parse("2024-03-10T00:00:00Z");
  private static final String[] CAMPAIGNS = {null, "spring", "Spring", "winter"};
  private static final String[] FROMS = {"News@Acme.com", "news@acme.com", "billing@acme.com"};
  private static final String[] DOMAINS = {"gmail.com", "Yahoo.com", "example.org"};
  private static final EventType[] AFTER_QUEUED = {
    EventType.SENT,
    EventType.DELIVERED,
    EventType.DEFERRED,
    EventType.TEMPORARY_FAIL,
    EventType.PERMANENT_FAIL,
    EventType.BOUNCED,
    EventType.FAILED,
    EventType.OPENED,
    EventType.CLICKED,
    EventType.SPAM,
    EventType.UNSUBSCRIBED
  };
  private static final int ROUNDS = 6;

  private StatsProperty() {}

  static void check(LogStore store, DeliveryStatsUseCase stats, long seed) throws Exception {
    System.out.println(
        "stats property seed: " + seed + " (" + store.getClass().getSimpleName() + ")");
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      long account = 1_000 + round;
      ingest(store, random, account);
      if (random.nextBoolean()) {
        store.purgeCreatedBefore(BASE.plus(Duration.ofMinutes(random.nextInt(36 * 60))));
      }
      for (int q = 0; q < 12; q++) {
        compare(store, stats, random, account, seed);
      }
    }
  }

  /** Random messages, their events shuffled after each log's first queued, in two threads. */
  private static void ingest(LogStore store, Random random, long account) throws Exception {
    List<List<IngestEvent>> streams = List.of(new ArrayList<>(), new ArrayList<>());
    int messages = 10 + random.nextInt(25);
    for (int m = 0; m < messages; m++) {
      List<IngestEvent> mine = streams.get(m % 2);
      String refId = "p" + account + "-" + m;
      String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
      String from = FROMS[random.nextInt(FROMS.length)];
      Instant created = BASE.plusSeconds(random.nextInt(3 * 24 * 3600));
      int recipients = 1 + random.nextInt(3);
      for (int r = 0; r < recipients; r++) {
        String to = "user" + r + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
        List<IngestEvent> events = new ArrayList<>();
        for (int e = random.nextInt(6); e > 0; e--) {
          EventType type = AFTER_QUEUED[random.nextInt(AFTER_QUEUED.length)];
          events.add(
              TestEvents.event(type, refId)
                  .account(account)
                  .to(to)
                  .at(created.plusSeconds(random.nextInt(7200) - 600))
                  .reason(type == EventType.DELIVERED ? null : "r" + random.nextInt(3))
                  .build());
        }
        if (random.nextInt(5) == 0) { // an earlier queued that moves createdAt, maybe an hour
          events.add(
              queued(
                  refId, account, to, created.minusSeconds(random.nextInt(5400)), campaign, from));
        }
        Collections.shuffle(events, random);
        List<IngestEvent> withDuplicates = new ArrayList<>(events);
        for (IngestEvent e : events) {
          if (random.nextInt(4) == 0) {
            withDuplicates.add(random.nextInt(withDuplicates.size() + 1), e);
          }
        }
        mine.add(queued(refId, account, to, created, campaign, from));
        mine.addAll(withDuplicates);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<IngestEvent> stream : streams) {
        long batchSeed = random.nextLong();
        done.add(
            pool.submit(
                () -> {
                  Random local = new Random(batchSeed);
                  int i = 0;
                  while (i < stream.size()) {
                    int n = 1 + local.nextInt(8);
                    store.append(stream.subList(i, Math.min(stream.size(), i + n)));
                    i += n;
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static IngestEvent queued(
      String refId, long account, String to, Instant at, String campaign, String from) {
    return TestEvents.queued(refId)
        .account(account)
        .to(to)
        .at(at)
        .campaign(campaign)
        .from(from)
        .build();
  }

  private static void compare(
      LogStore store, DeliveryStatsUseCase stats, Random random, long account, long seed) {
    Instant start = BASE.plusSeconds(random.nextInt(4 * 24 * 3600) - 3600L * 12);
    if (random.nextBoolean()) {
      start = start.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }
    Instant end = start.plusSeconds(random.nextInt(4 * 24 * 3600));
    if (random.nextBoolean()) {
      end = end.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      end = end.isBefore(start) ? start : end;
    }
    String campaign = random.nextInt(3) == 0 ? pick(random, CAMPAIGNS) : null;
    String from = random.nextInt(3) == 0 ? pick(random, FROMS).toUpperCase() : null;
    String domain = random.nextInt(3) == 0 ? pick(random, DOMAINS) : null;
    StatsInterval interval = StatsInterval.values()[random.nextInt(3)];
    StatsDimension groupBy =
        random.nextBoolean() ? null : StatsDimension.values()[random.nextInt(3)];

    Map<String, List<String>> p = new HashMap<>();
    p.put("startCreatedAt", List.of(Timestamps.format(start)));
    p.put("endCreatedAt", List.of(Timestamps.format(end)));
    p.put("interval", List.of(interval.wireName()));
    if (campaign != null) {
      p.put("campaignId", List.of(campaign));
    }
    if (from != null) {
      p.put("fromAddress", List.of(from));
    }
    if (domain != null) {
      p.put("recipientDomain", List.of(domain));
    }
    if (groupBy != null) {
      p.put("groupBy", List.of(groupBy.wireName()));
    }
    DeliveryStats answer = stats.stats(new StatsRequest(account, p));

    LogFilter filter = new LogFilter(null, domain, null, null, from, null, campaign, null, null);
    Map<List<Object>, DeliveryCounts> expected =
        new TreeMap<>(
            Comparator.<List<Object>, Instant>comparing(k -> (Instant) k.get(0))
                .thenComparing(
                    k -> (String) k.get(1), Comparator.nullsFirst(Comparator.naturalOrder())));
    Position after = null;
    DateWindow window = DateWindow.of(start, end);
    while (true) {
      List<EmailLog> page = store.findLogs(new LogSearch(account, filter, window, null, after, 50));
      for (EmailLog log : page) {
        List<Object> key = new ArrayList<>();
        key.add(interval.bucketStart(log.createdAt(), start));
        key.add(groupBy == null ? null : groupBy.valueOf(log));
        expected.merge(key, DeliveryCounts.of(log), DeliveryCounts::plus);
      }
      if (page.size() < 50) {
        break;
      }
      after = Position.of(page.get(page.size() - 1));
    }
    List<String> want = new ArrayList<>();
    expected.forEach((k, c) -> want.add(k.get(0) + "/" + k.get(1) + "=" + c));
    assertThat(answer.buckets())
        .as("seed %d, account %d, query %s", seed, account, p)
        .extracting(b -> b.start() + "/" + b.group() + "=" + b.counts())
        .containsExactlyElementsOf(want);
    for (StatsBucket b : answer.buckets()) {
      assertThat(b.counts().total()).isPositive();
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
