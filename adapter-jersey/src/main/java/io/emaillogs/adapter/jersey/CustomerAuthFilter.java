package io.emaillogs.adapter.jersey;

import io.emaillogs.application.AccessUseCase;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.domain.account.Account;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Authenticates a customer call (SPEC section 3) and counts it against the account's limit (section
 * 6). The account and the decision are kept on the request for the resource and for the rate-limit
 * headers, which every response of an admitted call carries (errors included).
 */
@CustomerApi
@Priority(Priorities.AUTHENTICATION)
final class CustomerAuthFilter implements ContainerRequestFilter {
  static final String ACCOUNT = "io.emaillogs.account";
  static final String DECISION = "io.emaillogs.rateDecision";
  static final String LIMIT_HEADER = "X-RateLimit-Limit";
  static final String REMAINING_HEADER = "X-RateLimit-Remaining";

  private final AccessUseCase access;

  CustomerAuthFilter(AccessUseCase access) {
    this.access = access;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Account account = access.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    RateDecision decision = access.admit(account);
    request.setProperty(ACCOUNT, account);
    request.setProperty(DECISION, decision);
  }

  /** The authenticated account of a request that passed this filter. */
  static Account account(ContainerRequestContext request) {
    Object account = request.getProperty(ACCOUNT);
    if (!(account instanceof Account)) {
      throw new IllegalStateException("no authenticated account on this request");
    }
    return (Account) account;
  }

  /** Writes the two rate-limit headers of {@code decision}. */
  static void limitHeaders(MultivaluedMap<String, Object> headers, RateDecision decision) {
    headers.putSingle(LIMIT_HEADER, decision.limit());
    headers.putSingle(REMAINING_HEADER, Math.max(0, decision.remaining()));
  }

  /** Adds the admitted call's rate-limit headers to whatever response it gets. */
  @Priority(Priorities.HEADER_DECORATOR)
  static final class LimitHeaders implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (request.getProperty(DECISION) instanceof RateDecision decision) {
        limitHeaders(response.getHeaders(), decision);
      }
    }
  }
}
