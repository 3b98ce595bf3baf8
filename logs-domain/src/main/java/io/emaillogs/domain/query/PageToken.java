package io.emaillogs.domain.query;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a page token carries: the account it was issued to, the fingerprint of the query, the
 * resolved windows (a defaulted window is frozen at page 1), and the position of the last log of
 * the previous page. {@link PageTokenCodec} signs and opens it.
 */
public record PageToken(
    long accountId,
    byte[] fingerprint,
    DateWindow createdWindow,
    DateWindow deliveredWindow,
    Position after) {
  /** Bytes of the query fingerprint. */
  public static final int FINGERPRINT_LENGTH = 16;

  public PageToken {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(after, "after");
    if (fingerprint.length != FINGERPRINT_LENGTH) {
      throw new IllegalArgumentException("fingerprint must be " + FINGERPRINT_LENGTH + " bytes");
    }
    if (createdWindow == null && deliveredWindow == null) {
      throw new IllegalArgumentException("a page token carries at least one window");
    }
    fingerprint = fingerprint.clone();
  }

  @Override
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageToken t
        && accountId == t.accountId
        && Arrays.equals(fingerprint, t.fingerprint)
        && Objects.equals(createdWindow, t.createdWindow)
        && Objects.equals(deliveredWindow, t.deliveredWindow)
        && after.equals(t.after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        accountId, Arrays.hashCode(fingerprint), createdWindow, deliveredWindow, after);
  }

  @Override
  public String toString() {
    return "PageToken[account=" + accountId + ", after=" + after + "]";
  }
}
