package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.Text;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.ApiToken;
import io.emaillogs.domain.account.SendingDomain;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalInt;

final class ProvisioningService implements ProvisioningUseCase {
  private static final int MAX_NAME = 200;

  private final Directory directory;
  private final Clock clock;
  private final SecureRandom random;

  ProvisioningService(Directory directory, Clock clock, SecureRandom random) {
    this.directory = directory;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Account createAccount(CreateAccount command) {
    String name = requireName(command.name());
    if (command.tenantId() == null) {
      throw new InvalidRequestException("tenantId is required");
    }
    Integer limit = command.rateLimitPerMinute();
    if (limit != null && limit < 1) {
      throw new InvalidRequestException("rateLimit must be positive");
    }
    return directory.createAccount(
        name, command.tenantId(), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
  }

  @Override
  public NewKey createKey(long accountId, String name) {
    requireAccount(accountId);
    String keyName = name == null ? "" : Text.check("name", name).strip();
    if (keyName.length() > MAX_NAME) {
      throw new InvalidRequestException("name must be at most " + MAX_NAME + " characters");
    }
    ApiToken token = ApiToken.generate(random);
    directory.addKey(
        new ApiKey(token.keyId(), accountId, keyName, token.secretHash(), clock.instant(), null));
    return new NewKey(token.keyId(), token.text());
  }

  @Override
  public void revokeKey(long accountId, String keyId) {
    Text.check("keyId", keyId);
    if (!directory.revokeKey(accountId, keyId, clock.instant())) {
      throw new NotFoundException("Key not found");
    }
  }

  @Override
  public SendingDomain registerDomain(long accountId, String domain, boolean verified) {
    requireAccount(accountId);
    return directory.saveDomain(
        new SendingDomain(accountId, SendingDomain.normalise(domain), verified));
  }

  private void requireAccount(long accountId) {
    if (directory.findAccount(accountId).isEmpty()) {
      throw new NotFoundException("Account not found");
    }
  }

  private static String requireName(String name) {
    Text.check("name", name);
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("name is required");
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME) {
      throw new InvalidRequestException("name must be at most " + MAX_NAME + " characters");
    }
    return stripped;
  }
}
