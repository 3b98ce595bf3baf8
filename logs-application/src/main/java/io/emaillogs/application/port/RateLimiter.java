package io.emaillogs.application.port;

import java.util.Optional;

/**
 * Counts requests and open streams per account. The in-process implementation is the default; a
 * shared one lets several servers enforce one limit. Thread-safe.
 */
public interface RateLimiter {

  /**
   * Takes one request from the account's allowance of {@code limitPerMinute} (a bucket refilled
   * smoothly over a minute).
   */
  RateDecision tryConsume(long accountId, int limitPerMinute);

  /**
   * Reserves one of the account's {@code maxStreams} stream slots; empty when all are taken. The
   * slot is held until closed.
   */
  Optional<StreamSlot> tryOpenStream(long accountId, int maxStreams);

  /** The outcome of {@link #tryConsume}. */
  record RateDecision(boolean allowed, int limit, long remaining, long retryAfterSeconds) {}

  /** A reserved stream slot; closing it frees the slot (idempotent). */
  interface StreamSlot extends AutoCloseable {
    @Override
    void close();
  }
}
