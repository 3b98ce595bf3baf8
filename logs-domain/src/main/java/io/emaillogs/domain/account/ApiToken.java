package io.emaillogs.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bearer token as shown once to its owner: {@code el_<keyId>_<secret>}, where keyId is 16 hex
 * characters naming the stored key and secret is 256 random bits in Base64url. The key is found by
 * its id and the secret's SHA-256 compared in constant time, so the stored hash reveals nothing and
 * lookup time does not depend on the secret.
 */
public record ApiToken(String keyId, String secret) {
  private static final String PREFIX = "el_";
  private static final int KEY_ID_LENGTH = 16;
  private static final int SECRET_BYTES = 32;
  private static final int SECRET_LENGTH = 43; // Base64url of 32 bytes, no padding

  /** A new random token. */
  public static ApiToken generate(SecureRandom random) {
    byte[] id = new byte[KEY_ID_LENGTH / 2];
    random.nextBytes(id);
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new ApiToken(
        HexFormat.of().formatHex(id),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Reads a presented token; empty when it does not have the token's shape. */
  public static Optional<ApiToken> parse(String text) {
    if (text == null
        || text.length() != PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH
        || !text.startsWith(PREFIX)
        || text.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_') {
      return Optional.empty();
    }
    String keyId = text.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
    if (!keyId.matches("[0-9a-f]+")
        || !text.substring(PREFIX.length() + KEY_ID_LENGTH + 1).matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    return Optional.of(new ApiToken(keyId, text.substring(PREFIX.length() + KEY_ID_LENGTH + 1)));
  }

  /** The text to hand to the key's owner. */
  public String text() {
    return PREFIX + keyId + "_" + secret;
  }

  /** SHA-256 of the secret part, the only form that is stored. */
  public byte[] secretHash() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Compares two byte arrays in time independent of where they differ. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public String toString() {
    return "ApiToken[keyId=" + keyId + ", secret=<hidden>]";
  }
}
