package io.emaillogs.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call answered 429 or 503 is retried: after the server's {@code Retry-After} (1 s when it
 * sends none), at most {@code maxRetries} times, and never after a wait longer than {@code maxWait}
 * (such an answer is thrown at once). {@code maxRetries} 0 turns retrying off.
 */
public record RetryPolicy(int maxRetries, Duration maxWait) {
  /** Three retries, waits of up to a minute. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMinutes(1));

  /** No retry: a 429 or 503 is thrown at once. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
  }
}
