package io.emaillogs.application;

import java.time.Duration;

/**
 * Tunables of the use cases. {@code requestsPerMinute} is the default per-account limit (an account
 * may override it); {@code maxStreamsPerAccount} bounds an account's open streams and {@code
 * maxStreamsPerServer} those of the whole process; {@code keepAlive} is the longest silence on a
 * stream; {@code maxBatch} the most events in one stream batch.
 */
public record Settings(
    int requestsPerMinute,
    int maxStreamsPerAccount,
    Duration keepAlive,
    int maxBatch,
    int maxStreamsPerServer) {
  /** Streams the whole server holds at once unless configured otherwise. */
  public static final int DEFAULT_MAX_STREAMS_PER_SERVER = 10_000;

  /**
   * The specification's defaults: 120 requests/minute, 5 streams per account, 15 s, 1,000 events;
   * and {@value #DEFAULT_MAX_STREAMS_PER_SERVER} streams per server.
   */
  public static final Settings DEFAULTS =
      new Settings(120, 5, Duration.ofSeconds(15), 1000, DEFAULT_MAX_STREAMS_PER_SERVER);

  public Settings {
    if (requestsPerMinute < 1 || maxStreamsPerAccount < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxStreamsPerServer < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive");
    }
  }

  /** The same settings with the specification's limits and the default server-wide stream cap. */
  public Settings(
      int requestsPerMinute, int maxStreamsPerAccount, Duration keepAlive, int maxBatch) {
    this(
        requestsPerMinute,
        maxStreamsPerAccount,
        keepAlive,
        maxBatch,
        DEFAULT_MAX_STREAMS_PER_SERVER);
  }

  public Settings withRequestsPerMinute(int value) {
    return new Settings(value, maxStreamsPerAccount, keepAlive, maxBatch, maxStreamsPerServer);
  }

  public Settings withMaxStreamsPerAccount(int value) {
    return new Settings(requestsPerMinute, value, keepAlive, maxBatch, maxStreamsPerServer);
  }

  public Settings withKeepAlive(Duration value) {
    return new Settings(
        requestsPerMinute, maxStreamsPerAccount, value, maxBatch, maxStreamsPerServer);
  }

  public Settings withMaxStreamsPerServer(int value) {
    return new Settings(requestsPerMinute, maxStreamsPerAccount, keepAlive, maxBatch, value);
  }

  /**
   * The longest a stream may wait for its client to read before it is dropped: four keep-alive
   * intervals, at least a minute.
   */
  public Duration stallTimeout() {
    Duration fourBeats = keepAlive.multipliedBy(4);
    return fourBeats.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : fourBeats;
  }
}
