package io.emaillogs.domain.query;

import static io.emaillogs.domain.query.Tokens.ACCOUNT;
import static io.emaillogs.domain.query.Tokens.ALPHABET;
import static io.emaillogs.domain.query.Tokens.FINGERPRINT;
import static io.emaillogs.domain.query.Tokens.OTHER_SECRET;
import static io.emaillogs.domain.query.Tokens.SECRET;
import static io.emaillogs.domain.query.Tokens.T;
import static io.emaillogs.domain.query.Tokens.assertRefused;
import static io.emaillogs.domain.query.Tokens.raw;
import static io.emaillogs.domain.query.Tokens.sample;
import static io.emaillogs.domain.query.Tokens.text;
import static io.emaillogs.domain.query.Tokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokenCodecTest {
  private final PageTokenCodec codec = new PageTokenCodec(SECRET);

  @Test
  void a_token_round_trips() {
    PageToken token = sample();
    String text = codec.encode(token);
    assertThat(codec.decode(text, ACCOUNT, FINGERPRINT)).isEqualTo(token);
  }

  @Test
  void tokens_with_one_window_round_trip() {
    DateWindow w = DateWindow.of(T.minusSeconds(60), T);
    Position p = new Position(T.minusSeconds(1), 1);
    for (PageToken t : List.of(token(w, null, p), token(null, w, p))) {
      PageToken back = codec.decode(codec.encode(t), ACCOUNT, FINGERPRINT);
      assertThat(back).isEqualTo(t);
      assertThat(back.createdWindow()).isEqualTo(t.createdWindow());
      assertThat(back.deliveredWindow()).isEqualTo(t.deliveredWindow());
    }
  }

  @Test
  void extreme_values_round_trip() {
    DateWindow w = DateWindow.of(Instant.MIN, Instant.MAX);
    PageToken t =
        new PageToken(Long.MIN_VALUE, FINGERPRINT, w, w, new Position(Instant.MAX, Long.MAX_VALUE));
    assertThat(codec.decode(codec.encode(t), Long.MIN_VALUE, FINGERPRINT)).isEqualTo(t);
  }

  @Test
  void the_text_is_url_safe_and_opaque() {
    String text = codec.encode(sample());
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(text).doesNotContain("status").doesNotContain("sent");
  }

  @Test
  void another_codec_with_the_same_secret_opens_it() {
    String text = codec.encode(sample());
    assertThat(new PageTokenCodec(SECRET.clone()).decode(text, ACCOUNT, FINGERPRINT))
        .isEqualTo(sample());
  }

  @Test
  void a_token_signed_with_another_secret_is_refused() {
    String text = new PageTokenCodec(OTHER_SECRET).encode(sample());
    assertRefused(codec, text);
  }

  @Test
  void a_token_of_another_account_is_refused() {
    String text = codec.encode(sample());
    assertRefused(codec, text, ACCOUNT + 1, FINGERPRINT);
    assertRefused(codec, text, -ACCOUNT, FINGERPRINT);
  }

  @Test
  void a_token_for_other_filters_is_refused() {
    String text = codec.encode(sample());
    for (byte[] other :
        List.of(
            LogQuery.parse(Params.of("status", "opened")).fingerprint(),
            LogQuery.parse(Params.of()).fingerprint(),
            LogQuery.parse(Params.of("status", "sent", "email", "a@b.c")).fingerprint(),
            new byte[16])) {
      assertRefused(codec, text, ACCOUNT, other);
    }
  }

  @Test
  void the_codec_keeps_its_own_copy_of_the_secret() {
    byte[] secret = SECRET.clone();
    PageTokenCodec mine = new PageTokenCodec(secret);
    String text = mine.encode(sample());
    Arrays.fill(secret, (byte) 0);
    assertThat(mine.decode(text, ACCOUNT, FINGERPRINT)).isEqualTo(sample());
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> new PageTokenCodec(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    new PageTokenCodec(new byte[16]);
  }

  @Test
  void flipping_any_bit_of_the_decoded_token_is_refused() {
    byte[] raw = raw(codec.encode(sample()));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = raw.clone();
        tampered[i] ^= (byte) (1 << bit);
        assertRefused(codec, text(tampered));
      }
    }
  }

  @Test
  void replacing_any_byte_of_the_decoded_token_is_refused() {
    byte[] raw = raw(codec.encode(sample()));
    for (int i = 0; i < raw.length; i++) {
      for (int value : new int[] {0, 1, 0x7f, 0x80, 0xff}) {
        if (raw[i] == (byte) value) {
          continue;
        }
        byte[] tampered = raw.clone();
        tampered[i] = (byte) value;
        assertRefused(codec, text(tampered));
      }
    }
  }

  @Test
  void changing_any_character_of_the_text_is_refused() {
    String text = codec.encode(sample());
    for (int i = 0; i < text.length(); i++) {
      for (char c : (ALPHABET + "=+/. %~\u00e9").toCharArray()) {
        if (c == text.charAt(i)) {
          continue;
        }
        assertRefused(codec, text.substring(0, i) + c + text.substring(i + 1));
      }
    }
  }

  @Test
  void every_truncation_is_refused() {
    String text = codec.encode(sample());
    for (int length = 0; length < text.length(); length++) {
      assertRefused(codec, text.substring(0, length));
      assertRefused(codec, text.substring(text.length() - length));
    }
  }

  @Test
  void every_truncation_of_the_decoded_bytes_is_refused() {
    byte[] raw = raw(codec.encode(sample()));
    for (int length = 0; length < raw.length; length++) {
      assertRefused(codec, text(Arrays.copyOf(raw, length)));
      assertRefused(codec, text(Arrays.copyOfRange(raw, raw.length - length, raw.length)));
    }
  }

  @Test
  void appended_characters_are_refused() {
    String text = codec.encode(sample());
    for (char c : (ALPHABET + "=+/. \n\t%").toCharArray()) {
      assertRefused(codec, text + c);
      assertRefused(codec, c + text);
    }
    assertRefused(codec, text + "==");
    assertRefused(codec, text + text);
  }

  @Test
  void appended_or_inserted_bytes_are_refused() {
    byte[] raw = raw(codec.encode(sample()));
    for (int i = 0; i <= raw.length; i++) {
      byte[] longer = new byte[raw.length + 1];
      System.arraycopy(raw, 0, longer, 0, i);
      System.arraycopy(raw, i, longer, i + 1, raw.length - i);
      assertRefused(codec, text(longer));
    }
  }

  @Test
  void the_padded_or_standard_base64_spelling_is_refused() {
    String text = codec.encode(sample());
    byte[] raw = raw(text);
    assertRefused(codec, java.util.Base64.getUrlEncoder().encodeToString(raw) + "=");
    String standard = java.util.Base64.getEncoder().withoutPadding().encodeToString(raw);
    if (!standard.equals(text)) {
      assertRefused(codec, standard);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "=",
        "====",
        "null",
        "abc",
        "abcd",
        "%00",
        "\u0000",
        "😀😀😀😀",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "__________________________________________________________________________________________"
      })
  void garbage_is_refused(String garbage) {
    assertRefused(codec, garbage);
  }

  @Test
  void null_and_huge_inputs_are_refused() {
    assertRefused(codec, null);
    assertRefused(codec, "A".repeat(100_000));
  }

  @Test
  void a_well_signed_payload_of_the_wrong_shape_is_refused() {
    // the MAC is right, so this reaches the parser: version, flags and length are all checked
    HmacSha256 mac = new HmacSha256(SECRET);
    byte[] raw = raw(codec.encode(sample()));
    int payload = raw.length - 32;
    for (int[] change : new int[][] {{0, 0}, {0, 2}, {25, 0}, {25, 1}, {25, 4}, {25, 0x7c}}) {
      byte[] p = Arrays.copyOf(raw, payload);
      p[change[0]] = (byte) change[1];
      assertRefused(codec, text(signed(mac, p)));
    }
    assertRefused(codec, text(signed(mac, Arrays.copyOf(raw, payload - 1))));
    assertRefused(codec, text(signed(mac, Arrays.copyOf(raw, payload + 1))));
    assertRefused(codec, text(signed(mac, new byte[] {1})));
    // layout: version (1), account (8), fingerprint (16), flags (1), then the created window
    byte[] late = Arrays.copyOf(raw, payload);
    ByteBuffer.wrap(late).putLong(26, T.getEpochSecond() + 10); // starts after it ends
    assertRefused(codec, text(signed(mac, late)));
    byte[] impossible = Arrays.copyOf(raw, payload);
    ByteBuffer.wrap(impossible).putLong(26, Long.MAX_VALUE); // beyond Instant.MAX
    assertRefused(codec, text(signed(mac, impossible)));
  }

  @Test
  void the_error_is_an_invalid_request_with_the_spec_message() {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> codec.decode("x", 1, FINGERPRINT));
    assertThat(t)
        .isInstanceOf(PageTokenCodec.InvalidPageTokenException.class)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("invalid page token");
  }

  private static byte[] signed(HmacSha256 mac, byte[] payload) {
    byte[] out = Arrays.copyOf(payload, payload.length + 32);
    System.arraycopy(mac.sign(payload, 0, payload.length), 0, out, payload.length, 32);
    return out;
  }
}
