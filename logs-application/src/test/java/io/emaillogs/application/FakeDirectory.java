package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A {@link Directory} over maps, for the use-case tests. */
final class FakeDirectory implements Directory {
  private final Map<Long, Account> accounts = new HashMap<>();
  private final Map<String, ApiKey> keys = new HashMap<>();
  private final Map<String, SendingDomain> domains = new HashMap<>();
  private long nextAccountId = 1;
  private byte[] secret;
  final AtomicInteger accountLookups = new AtomicInteger();
  final AtomicInteger secretsGenerated = new AtomicInteger();

  @Override
  public synchronized Account createAccount(String name, long tenantId, OptionalInt limit) {
    Account account = new Account(nextAccountId++, name, tenantId, limit);
    accounts.put(account.id(), account);
    return account;
  }

  @Override
  public synchronized Optional<Account> findAccount(long accountId) {
    accountLookups.incrementAndGet();
    return Optional.ofNullable(accounts.get(accountId));
  }

  @Override
  public synchronized void addKey(ApiKey key) {
    keys.put(key.keyId(), key);
  }

  @Override
  public synchronized Optional<ApiKey> findKey(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public synchronized boolean revokeKey(long accountId, String keyId, Instant at) {
    ApiKey key = keys.get(keyId);
    if (key == null || key.accountId() != accountId) {
      return false;
    }
    if (key.isActive()) {
      keys.put(
          keyId,
          new ApiKey(
              key.keyId(), key.accountId(), key.name(), key.secretHash(), key.createdAt(), at));
    }
    return true;
  }

  @Override
  public synchronized SendingDomain saveDomain(SendingDomain domain) {
    domains.put(domain.accountId() + "/" + domain.domain(), domain);
    return domain;
  }

  @Override
  public synchronized Optional<SendingDomain> findDomain(long accountId, String domain) {
    return Optional.ofNullable(domains.get(accountId + "/" + domain));
  }

  @Override
  public synchronized List<SendingDomain> listDomains(long accountId) {
    return domains.values().stream()
        .filter(d -> d.accountId() == accountId)
        .sorted(Comparator.comparing(SendingDomain::domain))
        .toList();
  }

  @Override
  public synchronized byte[] pageTokenSecret(Supplier<byte[]> generate) {
    if (secret == null) {
      secret = generate.get().clone();
      secretsGenerated.incrementAndGet();
    }
    return secret.clone();
  }

  synchronized void deleteAccount(long accountId) {
    accounts.remove(accountId);
  }
}
