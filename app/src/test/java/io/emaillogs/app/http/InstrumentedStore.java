package io.emaillogs.app.http;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A store that forwards to another, counts the events its scans hand out, and fails on demand: how
 * the tests see backpressure and reach the error paths.
 */
final class InstrumentedStore implements LogStore {
  private final LogStore delegate;
  final AtomicLong scanned = new AtomicLong();
  volatile boolean healthy = true;
  volatile RuntimeException searchFailure;
  volatile RuntimeException scanFailure;

  /** When set, every append waits for it first (counted in {@link #heldAppends}). */
  volatile java.util.concurrent.CountDownLatch appendGate;

  final java.util.concurrent.atomic.AtomicInteger heldAppends =
      new java.util.concurrent.atomic.AtomicInteger();

  InstrumentedStore(LogStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<EmailLog> findMessage(long accountId, String refId) {
    return delegate.findMessage(accountId, refId);
  }

  @Override
  public List<LogEvent> messageEvents(long accountId, String refId) {
    return delegate.messageEvents(accountId, refId);
  }

  @Override
  public List<io.emaillogs.domain.stats.HourlyCounts> countByHour(
      io.emaillogs.application.port.StatsSearch search) {
    return delegate.countByHour(search);
  }

  @Override
  public List<EmailLog> findLogs(LogSearch search) {
    RuntimeException failure = searchFailure;
    if (failure != null) {
      throw failure;
    }
    return delegate.findLogs(search);
  }

  @Override
  public AppendResult append(List<IngestEvent> events) {
    java.util.concurrent.CountDownLatch gate = appendGate;
    if (gate != null) {
      heldAppends.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the append gate", e);
      }
    }
    return delegate.append(events);
  }

  /** Calls of {@link #readEventsAfter}: the live feed's reads. */
  final AtomicLong tailReads = new AtomicLong();

  /** Calls of {@link #scanEvents}. */
  final AtomicLong scans = new AtomicLong();

  @Override
  public int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink) {
    scans.incrementAndGet();
    return delegate.scanEvents(
        scan,
        limit,
        event -> {
          RuntimeException failure = scanFailure;
          if (failure != null) {
            throw failure;
          }
          scanned.incrementAndGet();
          return sink.test(event);
        });
  }

  @Override
  public List<LogEvent> readEventsAfter(long afterSequence, int limit) {
    tailReads.incrementAndGet();
    return delegate.readEventsAfter(afterSequence, limit);
  }

  @Override
  public long lastSequence() {
    return delegate.lastSequence();
  }

  @Override
  public Subscription subscribe(Runnable listener) {
    return delegate.subscribe(listener);
  }

  @Override
  public int purgeCreatedBefore(Instant cutoff) {
    return delegate.purgeCreatedBefore(cutoff);
  }

  @Override
  public boolean isHealthy() {
    return healthy && delegate.isHealthy();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
