package io.emaillogs.application.port;

import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Accounts, their API keys and sending domains, and the server's own settings. Thread-safe; store
 * failures surface as {@link StoreException}.
 */
public interface Directory {

  /** Creates an account with a new unique id. */
  Account createAccount(String name, long tenantId, OptionalInt rateLimitPerMinute);

  /** The account, or empty when there is none with this id. */
  Optional<Account> findAccount(long accountId);

  /** Stores a new key; its keyId is unique (the caller generated it at random). */
  void addKey(ApiKey key);

  /** The key with this id, active or revoked; empty when unknown. */
  Optional<ApiKey> findKey(String keyId);

  /**
   * Marks the account's key revoked at {@code at}; revoking twice keeps the first time.
   *
   * @return false when the account has no key with this id
   */
  boolean revokeKey(long accountId, String keyId, Instant at);

  /** Registers or updates the account's sending domain ({@code domain} in lower case). */
  SendingDomain saveDomain(SendingDomain domain);

  /** The account's domain ({@code domain} in lower case), or empty. */
  Optional<SendingDomain> findDomain(long accountId, String domain);

  /** Every domain registered to the account, verified or not, ordered by name; may be empty. */
  List<SendingDomain> listDomains(long accountId);

  /**
   * The page-token secret kept by the store: returns the stored one, or stores and returns {@code
   * generate}'s result if none is stored yet. Concurrent callers, also on other servers sharing the
   * store, all get the same secret.
   */
  byte[] pageTokenSecret(Supplier<byte[]> generate);
}
