package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.ApiToken;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessServiceTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  private static final String ADMIN = "s3cret-admin-token";

  private final FakeDirectory directory = new FakeDirectory();
  private final FakeRateLimiter limiter = new FakeRateLimiter();
  private final SecureRandom random = new SecureRandom();
  private final AccessService access = new AccessService(directory, limiter, 120, ADMIN);
  private Account acme;
  private ApiToken token;

  @BeforeEach
  void anAccountWithAKey() {
    acme = directory.createAccount("Acme", 100, OptionalInt.empty());
    token = ApiToken.generate(random);
    directory.addKey(new ApiKey(token.keyId(), acme.id(), "ci", token.secretHash(), T, null));
  }

  @Nested
  class Customers {
    @Test
    void a_valid_bearer_token_gives_its_account() {
      assertThat(access.authenticate("Bearer " + token.text())).isEqualTo(acme);
    }

    @Test
    void the_scheme_is_case_insensitive_and_surrounding_blanks_are_ignored() {
      assertThat(access.authenticate("bearer " + token.text())).isEqualTo(acme);
      assertThat(access.authenticate("BEARER   " + token.text() + "  ")).isEqualTo(acme);
    }

    @Test
    void no_header_is_unauthorized() {
      UnauthorizedException e =
          catchThrowableOfType(UnauthorizedException.class, () -> access.authenticate(null));
      assertThat(e).hasMessage("Unauthorized");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Basic x",
          "Bearer ",
          "Bearer",
          "Bearer    ",
          "",
          " ",
          "Token abc",
          "Bearerabc",
          "Digest Bearer x"
        })
    void a_header_that_is_not_bearer_and_a_token_is_malformed(String header) {
      assertThatThrownBy(() -> access.authenticate(header))
          .isExactlyInstanceOf(MalformedCredentialsException.class)
          .hasMessage("User authentication missing");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Bearer x",
          "Bearer el_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
          "Bearer " + ADMIN
        })
    void an_unknown_token_is_unauthorized(String header) {
      assertThatThrownBy(() -> access.authenticate(header))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void the_right_key_id_with_a_wrong_secret_is_unauthorized() {
      ApiToken forged = new ApiToken(token.keyId(), ApiToken.generate(random).secret());
      assertThatThrownBy(() -> access.authenticate("Bearer " + forged.text()))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void a_revoked_key_is_refused() {
      assertThat(directory.revokeKey(acme.id(), token.keyId(), T.plusSeconds(1))).isTrue();
      assertThatThrownBy(() -> access.authenticate("Bearer " + token.text()))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void a_key_whose_account_is_gone_is_refused() {
      directory.deleteAccount(acme.id());
      assertThatThrownBy(() -> access.authenticate("Bearer " + token.text()))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void each_key_gives_its_own_account() {
      Account globex = directory.createAccount("Globex", 200, OptionalInt.empty());
      ApiToken other = ApiToken.generate(random);
      directory.addKey(new ApiKey(other.keyId(), globex.id(), "k", other.secretHash(), T, null));
      assertThat(access.authenticate("Bearer " + other.text())).isEqualTo(globex);
      assertThat(access.authenticate("Bearer " + token.text())).isEqualTo(acme);
    }
  }

  @Nested
  class RateLimits {
    @Test
    void the_server_default_applies_without_an_account_override() {
      RateDecision d = access.admit(acme);
      assertThat(d.allowed()).isTrue();
      assertThat(limiter.consumed).hasSize(1);
      assertThat(limiter.consumed.get(0)).containsExactly(acme.id(), 120);
    }

    @Test
    void the_account_override_wins() {
      Account fast = directory.createAccount("Fast", 1, OptionalInt.of(5));
      assertThat(access.admit(fast).limit()).isEqualTo(5);
      assertThat(limiter.consumed.get(0)).containsExactly(fast.id(), 5);
    }

    @Test
    void past_the_limit_the_decision_travels_with_the_exception() {
      limiter.allow = false;
      RateLimitedException e =
          catchThrowableOfType(RateLimitedException.class, () -> access.admit(acme));
      assertThat(e).hasMessage("Too many attempts. Please try again later.");
      assertThat(e.decision()).isEqualTo(new RateDecision(false, 120, 0, 30));
    }
  }

  @Nested
  class Operators {
    @Test
    void the_admin_token_is_accepted() {
      assertThat(access.adminEnabled()).isTrue();
      assertThatCode(() -> access.authorizeAdmin("Bearer " + ADMIN)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Bearer s3cret-admin-toke",
          "Bearer s3cret-admin-token2",
          "Bearer S3CRET-ADMIN-TOKEN",
          "Bearer x",
          "Bearer s3cret-admin-token-s3cret-admin-token"
        })
    void any_other_token_is_unauthorized(String header) {
      assertThatThrownBy(() -> access.authorizeAdmin(header))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void a_customer_token_is_not_an_admin_token() {
      assertThatThrownBy(() -> access.authorizeAdmin("Bearer " + token.text()))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void missing_and_malformed_headers_are_told_apart() {
      assertThatThrownBy(() -> access.authorizeAdmin(null))
          .isExactlyInstanceOf(UnauthorizedException.class);
      assertThatThrownBy(() -> access.authorizeAdmin("Basic " + ADMIN))
          .isExactlyInstanceOf(MalformedCredentialsException.class)
          .hasMessage("User authentication missing");
      assertThatThrownBy(() -> access.authorizeAdmin("Bearer "))
          .isExactlyInstanceOf(MalformedCredentialsException.class);
    }

    @Test
    void the_admin_api_is_off_without_a_token() {
      for (String none : new String[] {null, ""}) {
        AccessService off = new AccessService(directory, limiter, 120, none);
        assertThat(off.adminEnabled()).isFalse();
        assertThatThrownBy(() -> off.authorizeAdmin("Bearer " + ADMIN))
            .isExactlyInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> off.authorizeAdmin("Bearer x"))
            .isExactlyInstanceOf(UnauthorizedException.class);
      }
    }

    @Test
    void an_admin_token_with_non_ascii_characters_works() {
      AccessService unicode = new AccessService(directory, limiter, 120, "clé-secrète-✓");
      assertThatCode(() -> unicode.authorizeAdmin("Bearer clé-secrète-✓"))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> unicode.authorizeAdmin("Bearer cle-secrete-?"))
          .isExactlyInstanceOf(UnauthorizedException.class);
    }
  }
}
