package io.emaillogs.application;

import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.SendingDomain;

/** The operator's provisioning calls (SPEC section 7). */
public interface ProvisioningUseCase {

  /**
   * Creates an account.
   *
   * @throws io.emaillogs.domain.InvalidRequestException {@code name is required}, {@code tenantId
   *     is required}, {@code rateLimit must be positive}
   */
  Account createAccount(CreateAccount command);

  /**
   * Creates an API key; the token is returned here once and never again.
   *
   * @throws NotFoundException {@code Account not found}
   */
  NewKey createKey(long accountId, String name);

  /**
   * Revokes a key: its token is refused from then on.
   *
   * @throws NotFoundException {@code Key not found}
   */
  void revokeKey(long accountId, String keyId);

  /**
   * Registers (or updates) a sending domain of the account.
   *
   * @throws NotFoundException {@code Account not found}
   * @throws io.emaillogs.domain.InvalidRequestException {@code Invalid domain: <value>}
   */
  SendingDomain registerDomain(long accountId, String domain, boolean verified);

  /** Input of {@link #createAccount}; {@code rateLimitPerMinute} may be null (server default). */
  record CreateAccount(String name, Long tenantId, Integer rateLimitPerMinute) {}

  /** A new key: its id and the bearer token, shown once. */
  record NewKey(String keyId, String token) {
    @Override
    public String toString() {
      return "NewKey[keyId=" + keyId + ", token=<hidden>]";
    }
  }
}
