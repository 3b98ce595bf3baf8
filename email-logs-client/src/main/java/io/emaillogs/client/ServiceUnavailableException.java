package io.emaillogs.client;

import java.time.Duration;

/**
 * Thrown on a 503 once the client's retries are spent: the server's store is unreachable, it is
 * shutting down, or it holds too many streams.
 */
public class ServiceUnavailableException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String serverMessage, Duration retryAfter) {
    super(503, serverMessage, retryAfter);
  }
}
