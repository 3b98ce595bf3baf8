package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EmailLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The key of one row of {@code stats_hourly}: account, UTC hour of createdAt, campaign, lower-cased
 * sender, recipient domain. The campaign is keyed by {@link #campaignKey} (a fixed-length digest,
 * so a long campaignId never exceeds a B-tree entry); its full value travels with the row.
 */
record RollupKey(
    long accountId, Instant hour, String campaignId, String fromKey, String recipientDomain)
    implements Comparable<RollupKey> {

  private static final Comparator<RollupKey> ORDER =
      Comparator.comparingLong(RollupKey::accountId)
          .thenComparing(RollupKey::hour)
          .thenComparing(RollupKey::campaignId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(RollupKey::fromKey)
          .thenComparing(RollupKey::recipientDomain);

  /** The key a log counts under. */
  static RollupKey of(EmailLog log) {
    return new RollupKey(
        log.accountId(),
        log.createdAt().truncatedTo(ChronoUnit.HOURS),
        log.campaignId(),
        log.fromAddress().toLowerCase(Locale.ROOT),
        log.recipientDomain());
  }

  /** The digest column of a campaignId: hex SHA-256 of its UTF-8 bytes; null for no campaign. */
  static String campaignKey(String campaignId) {
    if (campaignId == null) {
      return null;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(campaignId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  String campaignKey() {
    return campaignKey(campaignId);
  }

  /** A fixed order, so concurrent appends lock the rows they share in the same order. */
  @Override
  public int compareTo(RollupKey other) {
    return ORDER.compare(this, other);
  }
}
