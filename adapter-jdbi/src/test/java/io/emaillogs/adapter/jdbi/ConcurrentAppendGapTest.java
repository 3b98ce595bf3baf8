package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.event;
import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.stream.StreamFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several writers append concurrently, racing on the same new log keys and eventIds, while a reader
 * tails the stream: every sequence must arrive exactly once, in order, with no gap.
 */
abstract class ConcurrentAppendGapTest {
  private static final int WRITERS = 4;
  private static final int BATCHES = 15;
  private static final int NEW_LOGS_PER_BATCH = 150;

  abstract Databases.Fresh freshDatabase();

  /** Stores opened on the database: writers use them in turn, the reader the last one. */
  abstract int instances();

  @Test
  void aTailingReaderGetsEverySequenceOnceInOrder() throws Exception {
    try (Databases.Fresh db = freshDatabase()) {
      List<JdbiStores> stores = new ArrayList<>();
      try {
        for (int i = 0; i < instances(); i++) {
          stores.add(db.open());
        }
        run(stores);
      } finally {
        stores.forEach(JdbiStores::close);
      }
    }
  }

  private void run(List<JdbiStores> stores) throws Exception {
    LogStore readerStore = stores.get(stores.size() - 1).logStore();
    Set<String> distinctIds = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        LogStore store = stores.get(w % stores.size()).logStore();
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < BATCHES; b++) {
                    List<IngestEvent> batch = batch(writer, b);
                    batch.forEach(e -> distinctIds.add(e.eventId()));
                    try {
                      store.append(batch);
                    } catch (RuntimeException e) {
                      failures.add(e);
                    }
                  }
                  return null;
                }));
      }
      Semaphore wake = new Semaphore(0);
      LogStore.Subscription subscription = readerStore.subscribe(wake::release);
      List<Long> received = new ArrayList<>();
      Future<?> reader =
          pool.submit(
              () -> {
                long cursor = 0;
                EventScan scan;
                while (true) {
                  boolean writing = writers.stream().anyMatch(f -> !f.isDone());
                  scan = new EventScan(1, "sender.example", StreamFilter.parse(Map.of()), cursor);
                  readerStore.scanEvents(scan, 500_000, e -> received.add(e.sequence()));
                  if (!received.isEmpty()) {
                    cursor = received.get(received.size() - 1);
                  }
                  if (!writing && cursor >= readerStore.lastSequence()) {
                    return null;
                  }
                  wake.tryAcquire(2, TimeUnit.MILLISECONDS);
                }
              });
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
      reader.get(60, TimeUnit.SECONDS);
      subscription.close();

      assertThat(failures).isEmpty();
      long last = readerStore.lastSequence();
      assertThat(last).isEqualTo(distinctIds.size());
      List<Long> expected = new ArrayList<>();
      for (long s = 1; s <= last; s++) {
        expected.add(s);
      }
      assertThat(received).isEqualTo(expected); // increasing, contiguous, complete, no repeat
      assertThat(new HashSet<>(received)).hasSize(received.size());
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * New logs of this writer, updates of its previous batch's logs, and two races with the other
   * writers: a queued event for a log key they all create, and an eventId they all send.
   */
  private static List<IngestEvent> batch(int writer, int b) {
    List<IngestEvent> batch = new ArrayList<>();
    batch.add(queued("shared-" + b, "x@example.com").id("w" + writer + "-shared-" + b).build());
    batch.add(event(EventType.SENT, "shared-" + b, "x@example.com").id("dup-" + b).build());
    for (int i = 0; i < NEW_LOGS_PER_BATCH; i++) {
      batch.add(queued("w" + writer + "-b" + b + "-" + i, "r" + i + "@example.com").build());
      if (b > 0) {
        batch.add(
            event(
                    EventType.DELIVERED,
                    "w" + writer + "-b" + (b - 1) + "-" + i,
                    "r" + i + "@example.com")
                .build());
      }
    }
    return batch;
  }
}
