package io.emaillogs.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {
  /** A valid token text: keyId 0123456789abcdef, a 43-character secret. */
  private static final String VALID = "el_0123456789abcdef_" + "A".repeat(42) + "E";

  /** A SecureRandom that hands out a counting pattern and records what was asked of it. */
  private static final class CountingRandom extends SecureRandom {
    final List<Integer> requests = new ArrayList<>();
    private int next;

    @Override
    public void nextBytes(byte[] bytes) {
      requests.add(bytes.length);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) next++;
      }
    }
  }

  @Test
  void a_generated_token_has_the_documented_shape_and_parses_back() {
    ApiToken token = ApiToken.generate(new SecureRandom());
    assertThat(token.text()).matches("el_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(ApiToken.parse(token.text())).contains(token);
  }

  @Test
  void the_secret_is_256_random_bits() {
    CountingRandom random = new CountingRandom();
    ApiToken token = ApiToken.generate(random);
    assertThat(random.requests).containsExactly(8, 32);
    assertThat(token.keyId()).isEqualTo("0001020304050607");
    byte[] secret = Base64.getUrlDecoder().decode(token.secret());
    assertThat(secret).hasSize(32);
    for (int i = 0; i < 32; i++) {
      assertThat(secret[i]).isEqualTo((byte) (8 + i));
    }
  }

  @Test
  void generated_tokens_differ() {
    SecureRandom random = new SecureRandom();
    Set<String> texts = new HashSet<>();
    Set<String> keyIds = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ApiToken t = ApiToken.generate(random);
      texts.add(t.text());
      keyIds.add(t.keyId());
    }
    assertThat(texts).hasSize(200);
    assertThat(keyIds).hasSize(200);
  }

  @Test
  void parse_reads_key_id_and_secret() {
    ApiToken t = ApiToken.parse(VALID).orElseThrow();
    assertThat(t.keyId()).isEqualTo("0123456789abcdef");
    assertThat(t.secret()).isEqualTo("A".repeat(42) + "E");
    assertThat(t.text()).isEqualTo(VALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "el_",
        "abc",
        "el_0123456789abcdef_",
        "xx_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "EL_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "el-0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "el_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "el_0123456789abcdeg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "el_0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
        "el_0123456789abcde_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEA",
        "el_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "el_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEA",
        " el_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "Bearer el_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"
      })
  void parse_rejects_other_shapes(String text) {
    assertThat(ApiToken.parse(text)).isEmpty();
  }

  @Test
  void parse_rejects_null() {
    assertThat(ApiToken.parse(null)).isEmpty();
  }

  @Test
  void parse_rejects_a_secret_outside_the_base64url_alphabet() {
    assertThat(ApiToken.parse("el_0123456789abcdef_" + " ".repeat(43))).isEmpty();
    assertThat(ApiToken.parse("el_0123456789abcdef_" + "A".repeat(42) + "=")).isEmpty();
    assertThat(ApiToken.parse("el_0123456789abcdef_" + "é".repeat(43))).isEmpty();
  }

  @Test
  void the_stored_hash_is_the_sha256_of_the_secret() throws Exception {
    ApiToken t = ApiToken.parse(VALID).orElseThrow();
    byte[] expected =
        MessageDigest.getInstance("SHA-256").digest(t.secret().getBytes(StandardCharsets.US_ASCII));
    assertThat(t.secretHash()).isEqualTo(expected).hasSize(32);
  }

  @Test
  void to_string_hides_the_secret() {
    ApiToken t = ApiToken.generate(new SecureRandom());
    assertThat(t.toString()).contains(t.keyId()).doesNotContain(t.secret());
  }

  @Test
  void constant_time_equals_compares_content() {
    assertThat(ApiToken.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
    assertThat(ApiToken.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
    assertThat(ApiToken.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2, 3})).isFalse();
  }
}
