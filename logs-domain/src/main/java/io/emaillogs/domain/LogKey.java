package io.emaillogs.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * Identity of a log: one message ({@code refId}) to one recipient of one account. The recipient
 * address is compared case-insensitively, so the key holds it in lower case.
 */
public record LogKey(long accountId, String refId, String recipientKey) {
  public LogKey {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(recipientKey, "recipientKey");
  }

  /** The key of the log of {@code refId} to {@code recipientAddress} (any case). */
  public static LogKey of(long accountId, String refId, String recipientAddress) {
    return new LogKey(accountId, refId, recipientAddress.toLowerCase(Locale.ROOT));
  }
}
