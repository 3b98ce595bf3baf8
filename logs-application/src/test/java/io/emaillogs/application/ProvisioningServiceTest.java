package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.ProvisioningUseCase.NewKey;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.ApiToken;
import io.emaillogs.domain.account.SendingDomain;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProvisioningServiceTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");

  private final FakeDirectory directory = new FakeDirectory();
  private final MutableClock clock = new MutableClock(T);
  private final ProvisioningService provisioning =
      new ProvisioningService(directory, clock, new SecureRandom());

  private Account account() {
    return provisioning.createAccount(new CreateAccount("Acme", 67890L, null));
  }

  @Nested
  class Accounts {
    @Test
    void creates_an_account() {
      Account a = provisioning.createAccount(new CreateAccount("  Acme  ", 67890L, null));
      assertThat(a.name()).isEqualTo("Acme");
      assertThat(a.tenantId()).isEqualTo(67890);
      assertThat(a.rateLimitPerMinute()).isEmpty();
      assertThat(directory.findAccount(a.id())).contains(a);
    }

    @Test
    void keeps_a_rate_limit_override() {
      Account a = provisioning.createAccount(new CreateAccount("Acme", 1L, 1));
      assertThat(a.rateLimitPerMinute()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void refuses_bad_input_with_its_message() {
      assertRefused(new CreateAccount(null, 1L, null), "name is required");
      assertRefused(new CreateAccount("", 1L, null), "name is required");
      assertRefused(new CreateAccount("   ", 1L, null), "name is required");
      assertRefused(
          new CreateAccount("x".repeat(201), 1L, null), "name must be at most 200 characters");
      assertRefused(new CreateAccount("Acme", null, null), "tenantId is required");
      assertRefused(new CreateAccount("Acme", 1L, 0), "rateLimit must be positive");
      assertRefused(new CreateAccount("Acme", 1L, -5), "rateLimit must be positive");
    }

    @Test
    void a_name_of_200_characters_is_allowed() {
      assertThat(provisioning.createAccount(new CreateAccount("x".repeat(200), 1L, null)).name())
          .hasSize(200);
    }

    private void assertRefused(CreateAccount command, String message) {
      assertThatThrownBy(() -> provisioning.createAccount(command))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage(message);
    }
  }

  @Nested
  class Keys {
    @Test
    void a_new_key_is_stored_as_a_hash_and_its_token_shown_once() {
      Account a = account();
      NewKey key = provisioning.createKey(a.id(), " ci ");

      ApiToken token = ApiToken.parse(key.token()).orElseThrow();
      assertThat(token.keyId()).isEqualTo(key.keyId());
      ApiKey stored = directory.findKey(key.keyId()).orElseThrow();
      assertThat(stored.accountId()).isEqualTo(a.id());
      assertThat(stored.name()).isEqualTo("ci");
      assertThat(stored.createdAt()).isEqualTo(T);
      assertThat(stored.isActive()).isTrue();
      assertThat(stored.accepts(token)).isTrue();
      assertThat(stored.secretHash()).isNotEqualTo(token.secret().getBytes());
      assertThat(key.toString()).doesNotContain(key.token());
    }

    @Test
    void a_key_name_may_be_absent() {
      NewKey key = provisioning.createKey(account().id(), null);
      assertThat(directory.findKey(key.keyId()).orElseThrow().name()).isEmpty();
    }

    @Test
    void a_long_key_name_is_refused() {
      long id = account().id();
      assertThatThrownBy(() -> provisioning.createKey(id, "k".repeat(201)))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage("name must be at most 200 characters");
    }

    @Test
    void each_key_is_new() {
      long id = account().id();
      NewKey a = provisioning.createKey(id, "a");
      NewKey b = provisioning.createKey(id, "b");
      assertThat(a.keyId()).isNotEqualTo(b.keyId());
      assertThat(a.token()).isNotEqualTo(b.token());
    }

    @Test
    void a_key_for_an_unknown_account_is_not_found() {
      assertThatThrownBy(() -> provisioning.createKey(404, "ci"))
          .isExactlyInstanceOf(NotFoundException.class)
          .hasMessage("Account not found");
    }

    @Test
    void revoking_marks_the_key_at_the_clock_time_and_the_token_is_refused() {
      Account a = account();
      NewKey key = provisioning.createKey(a.id(), "ci");
      AccessService access = new AccessService(directory, new FakeRateLimiter(), 120, null);
      assertThat(access.authenticate("Bearer " + key.token())).isEqualTo(a);

      clock.advance(Duration.ofMinutes(5));
      provisioning.revokeKey(a.id(), key.keyId());

      assertThat(directory.findKey(key.keyId()).orElseThrow().revokedAt())
          .isEqualTo(T.plus(Duration.ofMinutes(5)));
      assertThatThrownBy(() -> access.authenticate("Bearer " + key.token()))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void revoking_an_unknown_key_or_another_accounts_key_is_not_found() {
      Account a = account();
      Account b = provisioning.createAccount(new CreateAccount("Globex", 1L, null));
      NewKey key = provisioning.createKey(a.id(), "ci");

      assertThatThrownBy(() -> provisioning.revokeKey(a.id(), "0000000000000000"))
          .isExactlyInstanceOf(NotFoundException.class)
          .hasMessage("Key not found");
      assertThatThrownBy(() -> provisioning.revokeKey(b.id(), key.keyId()))
          .isExactlyInstanceOf(NotFoundException.class)
          .hasMessage("Key not found");
      assertThat(directory.findKey(key.keyId()).orElseThrow().isActive()).isTrue();
    }
  }

  @Nested
  class Domains {
    @Test
    void registers_a_normalised_domain() {
      Account a = account();
      SendingDomain d = provisioning.registerDomain(a.id(), "Mail.Example.COM", true);
      assertThat(d).isEqualTo(new SendingDomain(a.id(), "mail.example.com", true));
      assertThat(directory.findDomain(a.id(), "mail.example.com")).contains(d);
    }

    @Test
    void registering_again_updates_verification() {
      Account a = account();
      provisioning.registerDomain(a.id(), "example.com", false);
      provisioning.registerDomain(a.id(), "example.com", true);
      assertThat(directory.findDomain(a.id(), "example.com").orElseThrow().verified()).isTrue();
    }

    @Test
    void an_invalid_domain_is_refused() {
      long id = account().id();
      assertThatThrownBy(() -> provisioning.registerDomain(id, "not a domain", true))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage("Invalid domain: not a domain");
    }

    @Test
    void a_domain_for_an_unknown_account_is_not_found() {
      assertThatThrownBy(() -> provisioning.registerDomain(404, "example.com", true))
          .isExactlyInstanceOf(NotFoundException.class)
          .hasMessage("Account not found");
    }
  }
}
