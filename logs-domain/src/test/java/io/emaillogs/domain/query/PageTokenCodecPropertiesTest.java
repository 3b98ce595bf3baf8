package io.emaillogs.domain.query;

import static io.emaillogs.domain.query.Tokens.ACCOUNT;
import static io.emaillogs.domain.query.Tokens.FINGERPRINT;
import static io.emaillogs.domain.query.Tokens.SECRET;
import static io.emaillogs.domain.query.Tokens.T;
import static io.emaillogs.domain.query.Tokens.assertRefused;
import static io.emaillogs.domain.query.Tokens.raw;
import static io.emaillogs.domain.query.Tokens.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PageTokenCodecPropertiesTest {
  private final PageTokenCodec codec = new PageTokenCodec(SECRET);

  @Provide
  Arbitrary<PageToken> tokens() {
    Arbitrary<Instant> instants =
        Combinators.combine(
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    Arbitrary<DateWindow> windows =
        Combinators.combine(instants, Arbitraries.longs().between(0, 7 * 86_400L))
            .as((start, length) -> DateWindow.of(start, start.plusSeconds(length)));
    Arbitrary<byte[]> fingerprints = Arbitraries.bytes().array(byte[].class).ofSize(16);
    return Combinators.combine(
            Arbitraries.longs(),
            fingerprints,
            windows.injectNull(0.3),
            windows.injectNull(0.3),
            instants,
            Arbitraries.longs())
        .filter((account, fp, created, delivered, at, id) -> created != null || delivered != null)
        .as(
            (account, fp, created, delivered, at, id) ->
                new PageToken(account, fp, created, delivered, new Position(at, id)));
  }

  @Property(tries = 500)
  void every_token_round_trips(@ForAll("tokens") PageToken token) {
    String text = codec.encode(token);
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(codec.decode(text, token.accountId(), token.fingerprint())).isEqualTo(token);
  }

  @Property(tries = 300)
  void every_single_bit_flip_is_refused(
      @ForAll("tokens") PageToken token, @ForAll @IntRange(min = 0, max = 10_000) int where) {
    byte[] raw = raw(codec.encode(token));
    int bit = where % (raw.length * 8);
    raw[bit / 8] ^= (byte) (1 << (bit % 8));
    assertRefused(codec, text(raw), token.accountId(), token.fingerprint());
  }

  @Property(tries = 1000)
  void arbitrary_strings_are_refused_with_the_spec_error_only(@ForAll String garbage) {
    assertRefused(codec, garbage);
  }

  @Property(tries = 1000)
  void arbitrary_url_safe_strings_are_refused(@ForAll("urlSafe") String garbage) {
    assertRefused(codec, garbage);
  }

  @Provide
  Arbitrary<String> urlSafe() {
    return Arbitraries.strings()
        .withChars(Tokens.ALPHABET.toCharArray())
        .ofMinLength(0)
        .ofMaxLength(300);
  }

  @Property(tries = 1000)
  void arbitrary_bytes_of_any_length_are_refused(@ForAll @Size(max = 400) byte[] bytes) {
    assertRefused(codec, text(bytes));
  }

  @Property(tries = 300)
  void a_token_opens_only_for_its_own_account_and_fingerprint(
      @ForAll("tokens") PageToken token,
      @ForAll long otherAccount,
      @ForAll @Size(16) byte[] otherFingerprint) {
    String text = codec.encode(token);
    if (otherAccount != token.accountId()) {
      assertRefused(codec, text, otherAccount, token.fingerprint());
    }
    if (!java.util.Arrays.equals(otherFingerprint, token.fingerprint())) {
      assertRefused(codec, text, token.accountId(), otherFingerprint);
    }
  }

  @Property(tries = 100)
  void a_different_secret_never_opens_a_token(
      @ForAll @Size(min = 16, max = 64) byte[] otherSecret) {
    if (java.util.Arrays.equals(otherSecret, SECRET)) {
      return;
    }
    PageToken token =
        new PageToken(
            ACCOUNT, FINGERPRINT, DateWindow.of(T.minusSeconds(5), T), null, new Position(T, 9));
    assertRefused(new PageTokenCodec(otherSecret), codec.encode(token));
  }
}
