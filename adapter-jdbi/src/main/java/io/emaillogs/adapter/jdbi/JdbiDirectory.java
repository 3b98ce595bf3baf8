package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** The {@link Directory} on H2 or PostgreSQL. Instants are kept to the microsecond. */
final class JdbiDirectory implements Directory {
  static final String PAGE_TOKEN_SECRET = "page_token_secret";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiDirectory(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Account createAccount(String name, long tenantId, OptionalInt rateLimitPerMinute) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
    long id =
        run(
            "create an account",
            h -> {
              long next =
                  h.createQuery(dialect.nextValues("account_ids"))
                      .bind("n", 1)
                      .mapTo(Long.class)
                      .one();
              h.createUpdate(
                      "INSERT INTO accounts (id, name, tenant_id, rate_limit)"
                          + " VALUES (:id, :name, :tenantId, :rateLimit)")
                  .bind("id", next)
                  .bind("name", name)
                  .bind("tenantId", tenantId)
                  .bindByType(
                      "rateLimit",
                      rateLimitPerMinute.isPresent() ? rateLimitPerMinute.getAsInt() : null,
                      Integer.class)
                  .execute();
              return next;
            });
    return new Account(id, name, tenantId, rateLimitPerMinute);
  }

  @Override
  public Optional<Account> findAccount(long accountId) {
    return run(
        "find an account",
        h ->
            h.createQuery("SELECT " + AccountMapper.COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", accountId)
                .map(AccountMapper.INSTANCE)
                .findOne());
  }

  @Override
  public void addKey(ApiKey key) {
    run(
        "add a key",
        h ->
            h.createUpdate(
                    "INSERT INTO api_keys (key_id, account_id, name, secret_hash, created_at,"
                        + " revoked_at) VALUES (:keyId, :accountId, :name, :secretHash,"
                        + " :createdAt, :revokedAt)")
                .bind("keyId", key.keyId())
                .bind("accountId", key.accountId())
                .bind("name", key.name())
                .bind("secretHash", key.secretHash())
                .bindByType("createdAt", Micros.floor(key.createdAt()), Instant.class)
                .bindByType(
                    "revokedAt",
                    key.revokedAt() == null ? null : Micros.floor(key.revokedAt()),
                    Instant.class)
                .execute());
  }

  @Override
  public Optional<ApiKey> findKey(String keyId) {
    return run(
        "find a key",
        h ->
            h.createQuery("SELECT " + ApiKeyMapper.COLUMNS + " FROM api_keys WHERE key_id = :keyId")
                .bind("keyId", keyId)
                .map(ApiKeyMapper.INSTANCE)
                .findOne());
  }

  @Override
  public boolean revokeKey(long accountId, String keyId, Instant at) {
    return run(
            "revoke a key",
            h ->
                h.createUpdate(
                        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, :at)"
                            + " WHERE account_id = :accountId AND key_id = :keyId")
                    .bindByType("at", Micros.floor(at), Instant.class)
                    .bind("accountId", accountId)
                    .bind("keyId", keyId)
                    .execute())
        > 0;
  }

  @Override
  public SendingDomain saveDomain(SendingDomain domain) {
    SendingDomain saved =
        new SendingDomain(domain.accountId(), Columns.lower(domain.domain()), domain.verified());
    run(
        "save a domain",
        h ->
            h.createUpdate(dialect.upsertDomain())
                .bind("accountId", saved.accountId())
                .bind("domain", saved.domain())
                .bind("verified", saved.verified())
                .execute());
    return saved;
  }

  @Override
  public Optional<SendingDomain> findDomain(long accountId, String domain) {
    return run(
        "find a domain",
        h ->
            h.createQuery(
                    "SELECT "
                        + SendingDomainMapper.COLUMNS
                        + " FROM sending_domains WHERE account_id = :accountId AND domain = :domain")
                .bind("accountId", accountId)
                .bind("domain", Columns.lower(domain))
                .map(SendingDomainMapper.INSTANCE)
                .findOne());
  }

  @Override
  public List<SendingDomain> listDomains(long accountId) {
    return run(
        "list domains",
        h ->
            h.createQuery(
                    "SELECT "
                        + SendingDomainMapper.COLUMNS
                        + " FROM sending_domains WHERE account_id = :accountId ORDER BY domain")
                .bind("accountId", accountId)
                .map(SendingDomainMapper.INSTANCE)
                .list());
  }

  @Override
  public byte[] pageTokenSecret(Supplier<byte[]> generate) {
    Optional<byte[]> stored = readSetting(PAGE_TOKEN_SECRET);
    if (stored.isPresent()) {
      return stored.get();
    }
    byte[] candidate = Objects.requireNonNull(generate.get(), "generated secret");
    try {
      run(
          "store the page-token secret",
          h ->
              h.createUpdate(dialect.insertSettingIfAbsent())
                  .bind("name", PAGE_TOKEN_SECRET)
                  .bind("value", candidate)
                  .execute());
    } catch (StoreException e) {
      if (!SqlErrors.isUniqueViolation(e)) { // H2: a concurrent caller stored one first
        throw e;
      }
    }
    return readSetting(PAGE_TOKEN_SECRET)
        .orElseThrow(() -> new StoreException("the page-token secret vanished", null));
  }

  private Optional<byte[]> readSetting(String name) {
    return run(
        "read a setting",
        h ->
            h.createQuery("SELECT setting_value FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(byte[].class)
                .findOne());
  }

  private <T> T run(String what, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw SqlErrors.failure(what, e);
    }
  }
}
