package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.ApiToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

final class AccessService implements AccessUseCase {
  private static final String BEARER = "Bearer ";

  private final Directory directory;
  private final RateLimiter limiter;
  private final int defaultLimit;
  private final byte[] adminTokenHash;

  AccessService(Directory directory, RateLimiter limiter, int defaultLimit, String adminToken) {
    this.directory = directory;
    this.limiter = limiter;
    this.defaultLimit = defaultLimit;
    this.adminTokenHash = adminToken == null || adminToken.isEmpty() ? null : sha256(adminToken);
  }

  @Override
  public Account authenticate(String header) {
    String presented = bearer(header);
    Optional<ApiToken> token = ApiToken.parse(presented);
    if (token.isEmpty()) {
      throw new UnauthorizedException();
    }
    ApiKey key = directory.findKey(token.get().keyId()).orElse(null);
    if (key == null || !key.isActive() || !key.accepts(token.get())) {
      throw new UnauthorizedException();
    }
    return directory.findAccount(key.accountId()).orElseThrow(UnauthorizedException::new);
  }

  @Override
  public RateDecision admit(Account account) {
    int limit = account.rateLimitPerMinute().orElse(defaultLimit);
    RateDecision decision = limiter.tryConsume(account.id(), limit);
    if (!decision.allowed()) {
      throw new RateLimitedException(decision);
    }
    return decision;
  }

  @Override
  public boolean adminEnabled() {
    return adminTokenHash != null;
  }

  @Override
  public void authorizeAdmin(String header) {
    String presented = bearer(header);
    if (adminTokenHash == null || !MessageDigest.isEqual(sha256(presented), adminTokenHash)) {
      throw new UnauthorizedException();
    }
  }

  /** The token of a {@code Bearer} header; the spec's two failures otherwise. */
  private static String bearer(String header) {
    if (header == null) {
      throw new UnauthorizedException();
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new MalformedCredentialsException();
    }
    String token = header.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw new MalformedCredentialsException();
    }
    return token;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
