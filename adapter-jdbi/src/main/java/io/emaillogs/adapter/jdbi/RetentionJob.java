package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.LogStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the logs (and their events) created more than {@code maxAge} ago, at once and then every
 * {@code every}, on one daemon thread. A failed run is logged and the next one tries again.
 */
final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final LogStore store;
  private final Clock clock;
  private final Duration maxAge;
  private final ScheduledExecutorService executor;

  RetentionJob(LogStore store, Clock clock, Duration maxAge, Duration every) {
    if (maxAge.isNegative() || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("maxAge must not be negative and every must be positive");
    }
    this.store = store;
    this.clock = clock;
    this.maxAge = maxAge;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "email-logs-retention");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::purge, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void purge() {
    Instant cutoff = clock.instant().minus(maxAge);
    try {
      int deleted = store.purgeCreatedBefore(cutoff);
      if (deleted > 0) {
        LOG.info("retention: deleted {} logs created before {}", deleted, cutoff);
      }
    } catch (RuntimeException e) {
      LOG.warn("retention: purge of logs created before {} failed", cutoff, e);
    }
  }

  /** Stops the job; waits (bounded) for a running purge to finish. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("retention: a purge is still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
