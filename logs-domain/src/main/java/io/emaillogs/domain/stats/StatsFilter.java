package io.emaillogs.domain.stats;

import io.emaillogs.domain.EmailLog;
import java.util.Locale;

/**
 * The filters statistics accept, each null when not given, with the query API's semantics:
 * campaignId exact, fromAddress and recipientDomain case-insensitive (held in lower case).
 */
public record StatsFilter(String campaignId, String fromAddress, String recipientDomain) {
  /** No filter. */
  public static final StatsFilter NONE = new StatsFilter(null, null, null);

  public StatsFilter {
    fromAddress = fromAddress == null ? null : fromAddress.toLowerCase(Locale.ROOT);
    recipientDomain = recipientDomain == null ? null : recipientDomain.toLowerCase(Locale.ROOT);
  }

  /** True when {@code log} passes every given filter. */
  public boolean matches(EmailLog log) {
    return (campaignId == null || campaignId.equals(log.campaignId()))
        && (fromAddress == null || fromAddress.equals(log.fromAddress().toLowerCase(Locale.ROOT)))
        && (recipientDomain == null || recipientDomain.equals(log.recipientDomain()));
  }

  /** True when no filter is given. */
  public boolean isEmpty() {
    return campaignId == null && fromAddress == null && recipientDomain == null;
  }
}
