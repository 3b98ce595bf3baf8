package io.emaillogs.application;

import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.domain.account.Account;

/** Who is calling, and may they (SPEC sections 3 and 6). */
public interface AccessUseCase {

  /**
   * The account of a customer call, from its raw {@code Authorization} header (null when absent).
   *
   * @throws UnauthorizedException no header, or an unknown or revoked token
   * @throws MalformedCredentialsException a header that is not {@code Bearer <non-empty token>}
   */
  Account authenticate(String authorizationHeader);

  /**
   * Counts one request against the account's limit.
   *
   * @return the decision, for the rate-limit headers of a passing call
   * @throws RateLimitedException past the limit, with the decision for the 429's headers
   */
  RateDecision admit(Account account);

  /** True when an admin token is configured (the operator API is on). */
  boolean adminEnabled();

  /**
   * Checks an operator call's {@code Authorization} header against the admin token in constant
   * time.
   *
   * @throws UnauthorizedException no header, a wrong token, or no admin token configured
   * @throws MalformedCredentialsException a header that is not {@code Bearer <non-empty token>}
   */
  void authorizeAdmin(String authorizationHeader);
}
