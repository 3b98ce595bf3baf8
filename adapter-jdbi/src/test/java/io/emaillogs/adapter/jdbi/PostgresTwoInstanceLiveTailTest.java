package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.account.SendingDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two servers' use cases on one PostgreSQL schema: a live stream on one, while both ingest at once,
 * sees every event once, in sequence order - the second instance's through its live feed, woken by
 * LISTEN/NOTIFY, with commits out of order between the instances.
 */
@Timeout(120)
class PostgresTwoInstanceLiveTailTest {
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

  private static EmailLogs logs(JdbiStores stores) {
    return EmailLogs.builder()
        .store(stores.logStore())
        .directory(stores.directory())
        .rateLimiter(stores.sharedRateLimiter().orElseThrow())
        .build();
  }

  @Test
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
