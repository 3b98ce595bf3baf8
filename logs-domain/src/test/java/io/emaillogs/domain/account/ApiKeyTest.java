package io.emaillogs.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  private final SecureRandom random = new SecureRandom();

  private static ApiKey keyOf(ApiToken token) {
    return new ApiKey(token.keyId(), 1, "ci", token.secretHash(), T, null);
  }

  @Test
  void accepts_its_own_token() {
    ApiToken token = ApiToken.generate(random);
    assertThat(keyOf(token).accepts(token)).isTrue();
    assertThat(keyOf(token).accepts(ApiToken.parse(token.text()).orElseThrow())).isTrue();
  }

  @Test
  void refuses_another_secret_under_the_same_key_id() {
    ApiToken token = ApiToken.generate(random);
    ApiToken other = ApiToken.generate(random);
    ApiToken forged = new ApiToken(token.keyId(), other.secret());
    assertThat(keyOf(token).accepts(forged)).isFalse();
  }

  @Test
  void refuses_the_right_secret_under_another_key_id() {
    ApiToken token = ApiToken.generate(random);
    ApiToken moved = new ApiToken("ffffffffffffffff", token.secret());
    assertThat(keyOf(token).accepts(moved)).isFalse();
  }

  @Test
  void is_active_until_revoked() {
    ApiToken token = ApiToken.generate(random);
    assertThat(keyOf(token).isActive()).isTrue();
    ApiKey revoked = new ApiKey(token.keyId(), 1, "ci", token.secretHash(), T, T.plusSeconds(1));
    assertThat(revoked.isActive()).isFalse();
  }

  @Test
  void keeps_its_own_copy_of_the_hash_and_never_prints_it() {
    ApiToken token = ApiToken.generate(random);
    byte[] hash = token.secretHash();
    ApiKey key = new ApiKey(token.keyId(), 1, "ci", hash, T, null);
    hash[0] ^= 1;
    key.secretHash()[1] ^= 1;
    assertThat(key.accepts(token)).isTrue();
    assertThat(key.toString()).doesNotContain(token.secret()).contains(token.keyId());
    assertThat(key).isEqualTo(keyOf(token)).hasSameHashCodeAs(keyOf(token));
  }
}
