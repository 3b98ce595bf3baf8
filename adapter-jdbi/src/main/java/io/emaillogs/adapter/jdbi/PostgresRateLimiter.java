package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.RateLimiter;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A {@link RateLimiter} shared by every server on one PostgreSQL database.
 *
 * <p>Requests: a token bucket per account in {@code rate_buckets}, taken and refilled in one atomic
 * statement (an upsert whose row lock orders concurrent callers). The bucket holds {@code
 * limitPerMinute} tokens and refills smoothly, {@code limitPerMinute} tokens per 60 s, measured by
 * the database's clock so that servers with skewed clocks agree. A request takes one token; {@code
 * remaining} is the whole tokens left after it (4, 3, 2, 1, 0 for a limit of 5) and a refused
 * request's {@code retryAfterSeconds} is the whole seconds, rounded up, until a token is back.
 *
 * <p>Streams: slots are counted <em>per process</em> (a map of counters), not across servers; a
 * server holds its streams' connections itself, and a crashed server's slots would otherwise have
 * to be expired. With N servers an account may therefore hold up to N times {@code maxStreams}.
 */
final class PostgresRateLimiter implements RateLimiter {
  /** Tokens available now, before this request: the stored ones plus the refill since. */
  private static final String AVAILABLE =
      "LEAST(:limit, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (statement_timestamp()"
          + " - b.refilled_at))) * :limit / 60.0)";

  private static final String CONSUME =
      "INSERT INTO rate_buckets AS b (account_id, tokens, refilled_at, allowed)"
          + " VALUES (:accountId, :limit - 1, statement_timestamp(), TRUE)"
          + " ON CONFLICT (account_id) DO UPDATE SET"
          + " tokens = "
          + AVAILABLE
          + " - CASE WHEN "
          + AVAILABLE
          + " >= 1 THEN 1 ELSE 0 END,"
          + " allowed = "
          + AVAILABLE
          + " >= 1,"
          + " refilled_at = GREATEST(b.refilled_at, statement_timestamp())"
          + " RETURNING tokens, allowed";

  private final Jdbi jdbi;
  private final ConcurrentMap<Long, AtomicInteger> openStreams = new ConcurrentHashMap<>();

  PostgresRateLimiter(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public RateDecision tryConsume(long accountId, int limitPerMinute) {
    if (limitPerMinute < 1) {
      throw new IllegalArgumentException("limitPerMinute must be positive");
    }
    Bucket bucket;
    try {
      bucket =
          jdbi.withHandle(
              h ->
                  h.createQuery(CONSUME)
                      .bind("accountId", accountId)
                      .bind("limit", limitPerMinute)
                      .map(
                          (rs, ctx) -> new Bucket(rs.getDouble("tokens"), rs.getBoolean("allowed")))
                      .one());
    } catch (JdbiException e) {
      throw SqlErrors.failure("take a request token", e);
    }
    return decide(bucket, limitPerMinute);
  }

  /** The decision for a bucket left with {@code tokens} after this request. */
  static RateDecision decide(Bucket bucket, int limit) {
    double tokens = Math.max(0, bucket.tokens());
    if (bucket.allowed()) {
      return new RateDecision(true, limit, (long) Math.floor(tokens), 0);
    }
    long retryAfter = (long) Math.ceil((1 - tokens) * 60.0 / limit);
    return new RateDecision(false, limit, 0, Math.max(1, retryAfter));
  }

  /** Counts the account's open streams in this process only; see the class description. */
  @Override
  public Optional<StreamSlot> tryOpenStream(long accountId, int maxStreams) {
    AtomicInteger open = openStreams.computeIfAbsent(accountId, id -> new AtomicInteger());
    while (true) {
      int now = open.get();
      if (now >= maxStreams) {
        return Optional.empty();
      }
      if (open.compareAndSet(now, now + 1)) {
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

  /** A bucket after a request: the tokens left and whether the request got one. */
  record Bucket(double tokens, boolean allowed) {}
}
