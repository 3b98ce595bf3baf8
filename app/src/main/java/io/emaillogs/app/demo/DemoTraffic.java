package io.emaillogs.app.demo;

import io.emaillogs.app.demo.DemoGenerator.Timed;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.domain.RawEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live traffic for the demo: every second a few new messages are queued and earlier ones move on
 * (sent, delivered, opened...), so a stream opened on the demo shows events arriving. Runs on one
 * daemon thread; {@link #close} stops it.
 */
public final class DemoTraffic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

  /** Live messages live faster than history: a 3-hour wait for an open becomes 9 minutes. */
  static final double TIME_SCALE = 0.05;

  /** Planned events further ahead than this are dropped, which bounds the queue. */
  static final Duration HORIZON = Duration.ofMinutes(30);

  private final EmailLogs logs;
  private final Clock clock;
  private final DemoGenerator generator;
  private final PriorityQueue<Timed> planned =
      new PriorityQueue<>(Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
  private final ScheduledExecutorService timer;
  private boolean failing;

  private DemoTraffic(EmailLogs logs, long accountId, Clock clock, long seed) {
    this.logs = logs;
    this.clock = clock;
    this.generator = new DemoGenerator(new Random(seed), accountId, TIME_SCALE, null, 150_000);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "email-logs-demo-traffic");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts sending traffic for {@code accountId} every {@code period}. */
  public static DemoTraffic start(EmailLogs logs, long accountId, Clock clock, Duration period) {
    DemoTraffic traffic = new DemoTraffic(logs, accountId, clock, DemoData.DEFAULT_SEED + 1);
    traffic.timer.scheduleAtFixedRate(
        traffic::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return traffic;
  }

  /** Queues new messages and records every planned event that is due; returns how many. */
  int tick() {
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Random random = generator.random();
      int messages = random.nextInt(4);
      for (int i = 0; i < messages; i++) {
        Kind kind =
            random.nextDouble() < 0.2 ? Kind.NEWSLETTER : generator.randomTransactionalKind();
        Instant createdAt = now.minusMillis(random.nextInt(1_000));
        for (Timed event : generator.message(kind, createdAt, null)) {
          if (event.at().isBefore(now.plus(HORIZON))) {
            planned.add(event);
          }
        }
      }
      List<RawEvent> due = new ArrayList<>();
      while (!planned.isEmpty() && !planned.peek().at().isAfter(now)) {
        due.add(planned.poll().event());
      }
      if (!due.isEmpty()) {
        logs.recordEvents().record(due);
      }
      failing = false;
      return due.size();
    } catch (RuntimeException e) { // keep the timer alive; say it once
      if (!failing) {
        LOG.warn("demo traffic failed: {}", e.toString());
        failing = true;
      }
      return 0;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "demo traffic";
  }
}
