package io.emaillogs.domain.query;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over {@link MessageDigest}, so the domain needs nothing beyond {@code
 * java.*}; its tests check it against RFC 4231's vectors and {@code javax.crypto.Mac}. Thread-safe.
 */
final class HmacSha256 {
  private static final int BLOCK = 64;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  HmacSha256(byte[] key) {
    byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  byte[] sign(byte[] message, int offset, int length) {
    MessageDigest inner = sha256();
    inner.update(innerPad);
    inner.update(message, offset, length);
    byte[] innerHash = inner.digest();
    MessageDigest outer = sha256();
    outer.update(outerPad);
    return outer.digest(innerHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
