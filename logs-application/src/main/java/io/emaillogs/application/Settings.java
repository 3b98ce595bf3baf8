package io.emaillogs.application;

import java.time.Duration;

/**
 * Tunables of the use cases. {@code requestsPerMinute} is the default per-account limit (an account
 * may override it); {@code maxStreamsPerAccount} bounds open streams; {@code keepAlive} is the
 * longest silence on a stream; {@code maxBatch} the most events in one stream batch.
 */
public record Settings(
    int requestsPerMinute, int maxStreamsPerAccount, Duration keepAlive, int maxBatch) {
  /** The specification's defaults: 120 requests/minute, 5 streams, 15 s, 1,000 events. */
  public static final Settings DEFAULTS = new Settings(120, 5, Duration.ofSeconds(15), 1000);

  public Settings {
    if (requestsPerMinute < 1 || maxStreamsPerAccount < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive");
    }
  }

  public Settings withRequestsPerMinute(int value) {
    return new Settings(value, maxStreamsPerAccount, keepAlive, maxBatch);
  }

  public Settings withMaxStreamsPerAccount(int value) {
    return new Settings(requestsPerMinute, value, keepAlive, maxBatch);
  }

  public Settings withKeepAlive(Duration value) {
    return new Settings(requestsPerMinute, maxStreamsPerAccount, value, maxBatch);
  }
}
