package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.port.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process {@link RateLimiter}: one Bucket4j token bucket per account and limit (capacity
 * {@code limit}, refilled greedily by {@code limit} tokens a minute), and a counter of open streams
 * per account. Thread-safe. Time comes from the given {@link Clock}, so tests can move it.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final TimeMeter time;
  private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> streams = new ConcurrentHashMap<>();

  private record BucketKey(long accountId, int limit) {}

  /** A limiter on the system clock. */
  public InMemoryRateLimiter() {
    this(Clock.systemUTC());
  }

  public InMemoryRateLimiter(Clock clock) {
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  @Override
  public RateDecision tryConsume(long accountId, int limitPerMinute) {
    Bucket bucket =
        buckets.computeIfAbsent(
            new BucketKey(accountId, limitPerMinute),
            key ->
                Bucket.builder()
                    .addLimit(
                        l ->
                            l.capacity(key.limit())
                                .refillGreedy(key.limit(), Duration.ofMinutes(1)))
                    .withCustomTimePrecision(time)
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long retryAfter =
        probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
    return new RateDecision(
        probe.isConsumed(), limitPerMinute, probe.getRemainingTokens(), retryAfter);
  }

  @Override
  public Optional<StreamSlot> tryOpenStream(long accountId, int maxStreams) {
    AtomicInteger open = streams.computeIfAbsent(accountId, id -> new AtomicInteger());
    while (true) {
      int current = open.get();
      if (current >= maxStreams) {
        return Optional.empty();
      }
      if (open.compareAndSet(current, current + 1)) {
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(
            () -> {
              if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
              }
            });
      }
    }
  }

  /** Streams the account holds open now. */
  public int openStreams(long accountId) {
    AtomicInteger open = streams.get(accountId);
    return open == null ? 0 : open.get();
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }
}
