package io.emaillogs.client;

/**
 * Receives the events of {@link EmailLogsClient#stream}, one thread at a time (the subscription's
 * reader thread), each event once, in the server's sequence order, across reconnections.
 */
@FunctionalInterface
public interface StreamListener {

  /** One event. An exception thrown here ends the subscription (then {@link #onError}). */
  void onEvent(LogEvent event);

  /**
   * The stream ended: {@code reason} {@code end} (the history up to {@code end} was sent) or {@code
   * limit}; {@code count} is the events of the whole subscription.
   */
  default void onComplete(long count, String reason) {}

  /**
   * The connection dropped (or the server ended it with an {@code error} event); the client
   * reconnects after {@code delay}, resuming after the last event received.
   */
  default void onReconnect(int attempt, java.time.Duration delay, String cause) {}

  /**
   * The subscription gave up: the server refused to resume it (401, 404, 400...) or the listener
   * failed. Not called after {@link Subscription#close}.
   */
  default void onError(EmailLogsClientException error) {}
}
