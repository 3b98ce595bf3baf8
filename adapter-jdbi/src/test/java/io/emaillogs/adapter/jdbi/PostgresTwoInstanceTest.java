package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.stream.StreamFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two JdbiStores on one PostgreSQL schema, as two servers would be. */
class PostgresTwoInstanceTest {
  private Databases.Fresh database;
  private JdbiStores one;
  private JdbiStores two;

  @BeforeEach
  void open() {
    database = Databases.postgres();
    one = database.open();
    two = database.open();
  }

  @AfterEach
  void close() {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void anAppendThroughOneWakesTheOtherWithin100Milliseconds() throws Exception {
    LinkedBlockingQueue<Long> wakes = new LinkedBlockingQueue<>();
    LogStore.Subscription subscription =
        two.logStore().subscribe(() -> wakes.add(System.nanoTime()));
    List<Long> latencies = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        wakes.clear();
        long before = System.nanoTime();
        one.logStore().append(List.of(queued("r" + i, "a@example.com").build()));
        Long woken = wakes.poll(5, TimeUnit.SECONDS);
        assertThat(woken).as("wake-up %d", i).isNotNull();
        latencies.add(TimeUnit.NANOSECONDS.toMicros(woken - before));
        // what woke the subscriber is visible to a scan on the other instance
        List<LogEvent> seen = new ArrayList<>();
        two.logStore()
            .scanEvents(
                new EventScan(1, "sender.example", StreamFilter.parse(Map.of()), i), 10, seen::add);
        assertThat(seen).extracting(LogEvent::refId).containsExactly("r" + i);
      }
    } finally {
      subscription.close();
    }
    Collections.sort(latencies);
    System.out.printf(
        "cross-instance wake-up after append (append + commit + NOTIFY + LISTEN), us: min %d,"
            + " median %d, max %d%n",
        latencies.get(0), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    assertThat(latencies.get(latencies.size() / 2)).isLessThan(100_000);
  }

  @Test
  void theListenerReconnectsWhenItsConnectionDrops() throws Exception {
    LinkedBlockingQueue<Long> wakes = new LinkedBlockingQueue<>();
    two.logStore().subscribe(() -> wakes.add(System.nanoTime()));
    String name = PgNotificationListener.applicationName(two.instanceId());

    database.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
            + name
            + "'");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean reconnected = false;
    while (!reconnected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      reconnected =
          database.count(
                  "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + name + "'")
              == 1;
    }
    assertThat(reconnected).isTrue();
    wakes.clear();

    one.logStore().append(List.of(queued("after", "a@example.com").build()));

    assertThat(wakes.poll(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void oneRequestLimitHoldsAcrossBothInstances() throws Exception {
    RateLimiter a = one.sharedRateLimiter().orElseThrow();
    RateLimiter b = two.sharedRateLimiter().orElseThrow();
    int limit = 10;
    AtomicInteger allowed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        RateLimiter limiter = i % 2 == 0 ? a : b;
        calls.add(
            pool.submit(
                () -> {
                  if (limiter.tryConsume(42, limit).allowed()) {
                    allowed.incrementAndGet();
                  }
                }));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // the bucket refills one token every 6 s; the calls take far less
    assertThat(allowed.get()).isEqualTo(limit);
    assertThat(a.tryConsume(43, 5).remaining()).isEqualTo(4);
    assertThat(b.tryConsume(43, 5).remaining()).isEqualTo(3);
  }

  private static EmailLogs logs(JdbiStores stores) {
    return EmailLogs.builder()
        .store(stores.logStore())
        .directory(stores.directory())
        .rateLimiter(stores.sharedRateLimiter().orElseThrow())
        .build();
  }

  @Test
  @Timeout(120)
  void a_live_tail_on_one_instance_misses_nothing_ingested_on_both() throws Exception {
    long account = one.directory().createAccount("Acme", 1, OptionalInt.empty()).id();
    one.directory().saveDomain(new SendingDomain(account, "sender.example", true));
    EmailLogs reader = logs(two);
    int writers = 2;
    int batches = 40;
    int perBatch = 5;
    int total = writers * batches * perBatch;
    LogStream stream =
        reader
            .streamLogs()
            .open(
                new OpenStream(
                    account,
                    "sender.example",
                    Map.of("limit", List.of(Integer.toString(total))),
                    null));
    List<LogEvent> received = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Object> ending = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      Future<?> tail =
          pool.submit(
              () ->
                  stream.run(
                      new StreamSink() {
                        @Override
                        public void events(List<LogEvent> batch) {
                          received.addAll(batch);
                        }

                        @Override
                        public void keepAlive() {}

                        @Override
                        public void complete(long count, Completion reason) {
                          ending.set(reason + " " + count);
                        }

                        @Override
                        public void error(String message) {
                          ending.set("error " + message);
                        }
                      }));
      List<Future<?>> ingest = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        JdbiStores through = w == 0 ? one : two;
        int writer = w;
        ingest.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    List<IngestEvent> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                      batch.add(
                          queued("w" + writer + "b" + b + "i" + i, "r" + i + "@example.com")
                              .account(account)
                              .build());
                    }
                    through.logStore().append(batch);
                  }
                  return null;
                }));
      }
      for (Future<?> f : ingest) {
        f.get(60, TimeUnit.SECONDS);
      }
      tail.get(60, TimeUnit.SECONDS);
    } finally {
      stream.close();
      pool.shutdownNow();
    }

    assertThat(ending.get()).isEqualTo("LIMIT " + total);
    List<Long> stored = new ArrayList<>();
    for (LogEvent e : one.logStore().readEventsAfter(0, 10_000)) {
      stored.add(e.sequence());
    }
    assertThat(received).extracting(LogEvent::sequence).containsExactlyElementsOf(stored);
    assertThat(stored).hasSize(total);
  }
}
