package io.emaillogs.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key: never the token itself, only the SHA-256 of its secret part. {@code revokedAt}
 * is null while the key is active.
 */
public record ApiKey(
    String keyId,
    long accountId,
    String name,
    byte[] secretHash,
    Instant createdAt,
    Instant revokedAt) {
  public ApiKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    secretHash = secretHash.clone();
  }

  @Override
  public byte[] secretHash() {
    return secretHash.clone();
  }

  /** True until the key is revoked. */
  public boolean isActive() {
    return revokedAt == null;
  }

  /** True when {@code token}'s secret hashes to this key's hash; compares in constant time. */
  public boolean accepts(ApiToken token) {
    return token.keyId().equals(keyId)
        && ApiToken.constantTimeEquals(token.secretHash(), secretHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey k
        && keyId.equals(k.keyId)
        && accountId == k.accountId
        && name.equals(k.name)
        && java.util.Arrays.equals(secretHash, k.secretHash)
        && createdAt.equals(k.createdAt)
        && Objects.equals(revokedAt, k.revokedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, accountId);
  }

  @Override
  public String toString() {
    return "ApiKey[keyId=" + keyId + ", accountId=" + accountId + ", name=" + name + "]";
  }
}
