package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.port.Directory;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A {@link Directory} in memory; thread-safe. Account ids start at 1. */
public final class InMemoryDirectory implements Directory {
  private final AtomicLong nextAccountId = new AtomicLong(1);
  private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
  private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
  private final Map<String, SendingDomain> domains = new ConcurrentHashMap<>();
  private final AtomicReference<byte[]> secret = new AtomicReference<>();

  @Override
  public Account createAccount(String name, long tenantId, OptionalInt rateLimitPerMinute) {
    Account account =
        new Account(nextAccountId.getAndIncrement(), name, tenantId, rateLimitPerMinute);
    accounts.put(account.id(), account);
    return account;
  }

  @Override
  public Optional<Account> findAccount(long accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  @Override
  public void addKey(ApiKey key) {
    if (keys.putIfAbsent(key.keyId(), key) != null) {
      throw new IllegalStateException("duplicate keyId " + key.keyId());
    }
  }

  @Override
  public Optional<ApiKey> findKey(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public boolean revokeKey(long accountId, String keyId, Instant at) {
    ApiKey updated =
        keys.computeIfPresent(
            keyId,
            (id, key) ->
                key.accountId() != accountId || !key.isActive()
                    ? key
                    : new ApiKey(
                        key.keyId(),
                        key.accountId(),
                        key.name(),
                        key.secretHash(),
                        key.createdAt(),
                        at));
    return updated != null && updated.accountId() == accountId;
  }

  @Override
  public SendingDomain saveDomain(SendingDomain domain) {
    domains.put(domain.accountId() + "/" + domain.domain(), domain);
    return domain;
  }

  @Override
  public Optional<SendingDomain> findDomain(long accountId, String domain) {
    return Optional.ofNullable(domains.get(accountId + "/" + domain));
  }

  @Override
  public List<SendingDomain> listDomains(long accountId) {
    return domains.values().stream()
        .filter(d -> d.accountId() == accountId)
        .sorted(Comparator.comparing(SendingDomain::domain))
        .toList();
  }

  @Override
  public byte[] pageTokenSecret(Supplier<byte[]> generate) {
    byte[] current = secret.get();
    if (current == null) {
      secret.compareAndSet(null, generate.get().clone());
      current = secret.get();
    }
    return current.clone();
  }
}
