package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.emaillogs.domain.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** Shared fixtures of the page-token tests. */
final class Tokens {
  static final byte[] SECRET =
      "0123456789abcdef-the-server-secret".getBytes(StandardCharsets.UTF_8);
  static final byte[] OTHER_SECRET =
      "0123456789abcdef-another-secret!!".getBytes(StandardCharsets.UTF_8);
  static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  static final long ACCOUNT = 42;
  static final byte[] FINGERPRINT = LogQuery.parse(Params.of("status", "sent")).fingerprint();
  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private Tokens() {}

  static PageToken token(DateWindow created, DateWindow delivered, Position after) {
    return new PageToken(ACCOUNT, FINGERPRINT, created, delivered, after);
  }

  static PageToken sample() {
    return token(
        DateWindow.of(T.minusSeconds(7 * 86400), T),
        DateWindow.of(T.minusSeconds(3600), T.plusNanos(5)),
        new Position(T.minusMillis(1500), 123456789L));
  }

  static byte[] raw(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  static String text(byte[] raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static byte[] copy(byte[] a) {
    return Arrays.copyOf(a, a.length);
  }

  /** Asserts that {@code text} is refused with exactly the spec's error and nothing else. */
  static void assertRefused(PageTokenCodec codec, String text) {
    assertRefused(codec, text, ACCOUNT, FINGERPRINT);
  }

  static void assertRefused(PageTokenCodec codec, String text, long account, byte[] fingerprint) {
    Throwable t = catchThrowable(() -> codec.decode(text, account, fingerprint));
    assertThat(t)
        .as("token %s", text)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("invalid page token");
  }
}
