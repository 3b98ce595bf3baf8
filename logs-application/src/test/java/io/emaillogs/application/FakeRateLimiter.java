package io.emaillogs.application;

import io.emaillogs.application.port.RateLimiter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link RateLimiter} for the use-case tests: requests pass while {@link #allow} is true and are
 * recorded; stream slots are counted per account.
 */
final class FakeRateLimiter implements RateLimiter {
  volatile boolean allow = true;
  final List<long[]> consumed = new CopyOnWriteArrayList<>();
  private final Map<Long, Integer> openSlots = new HashMap<>();

  @Override
  public RateDecision tryConsume(long accountId, int limitPerMinute) {
    consumed.add(new long[] {accountId, limitPerMinute});
    return allow
        ? new RateDecision(true, limitPerMinute, limitPerMinute - 1, 0)
        : new RateDecision(false, limitPerMinute, 0, 30);
  }

  @Override
  public synchronized Optional<StreamSlot> tryOpenStream(long accountId, int maxStreams) {
    int open = openSlots.getOrDefault(accountId, 0);
    if (open >= maxStreams) {
      return Optional.empty();
    }
    openSlots.put(accountId, open + 1);
    AtomicBoolean closed = new AtomicBoolean();
    return Optional.of(
        () -> {
          if (closed.compareAndSet(false, true)) {
            release(accountId);
          }
        });
  }

  private synchronized void release(long accountId) {
    openSlots.merge(accountId, -1, Integer::sum);
  }

  synchronized int openSlots(long accountId) {
    return openSlots.getOrDefault(accountId, 0);
  }
}
