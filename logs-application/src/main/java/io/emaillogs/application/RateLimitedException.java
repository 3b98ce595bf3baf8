package io.emaillogs.application;

import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.domain.EmailLogsException;

/**
 * Thrown when an account is past its request limit or holds all its stream slots: 429. {@code
 * decision} gives the limit headers and Retry-After.
 */
public class RateLimitedException extends EmailLogsException {
  private final transient RateDecision decision;

  public RateLimitedException(RateDecision decision) {
    super("Too many attempts. Please try again later.");
    this.decision = decision;
  }

  /** The limit, remaining allowance and seconds until a request will pass. */
  public RateDecision decision() {
    return decision;
  }
}
