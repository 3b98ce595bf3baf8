package io.emaillogs.client;

import java.time.Duration;

/**
 * Thrown on a 429 once the client's retries are spent: the account's request rate or its open
 * streams are over the limit.
 */
public class TooManyRequestsException extends ApiException {
  private static final long serialVersionUID = 1L;

  public TooManyRequestsException(String serverMessage, Duration retryAfter) {
    super(429, serverMessage, retryAfter);
  }
}
