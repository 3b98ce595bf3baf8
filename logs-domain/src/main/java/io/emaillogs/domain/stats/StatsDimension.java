package io.emaillogs.domain.stats;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.InvalidRequestException;
import java.util.Locale;

/**
 * A log attribute statistics can be split on. Values are compared as the query API compares them:
 * campaignId exactly (null for logs without a campaign), fromAddress in lower case, recipientDomain
 * (always lower case).
 */
public enum StatsDimension {
  CAMPAIGN_ID("campaignId"),
  FROM_ADDRESS("fromAddress"),
  RECIPIENT_DOMAIN("recipientDomain");

  private final String wireName;

  StatsDimension(String wireName) {
    this.wireName = wireName;
  }

  /** The parameter value naming this dimension. */
  public String wireName() {
    return wireName;
  }

  /** The group of {@code log} on this dimension; null for a log without a campaign. */
  public String valueOf(EmailLog log) {
    return switch (this) {
      case CAMPAIGN_ID -> log.campaignId();
      case FROM_ADDRESS -> log.fromAddress().toLowerCase(Locale.ROOT);
      case RECIPIENT_DOMAIN -> log.recipientDomain();
    };
  }

  /**
   * Parses a groupBy value; null means no split.
   *
   * @throws InvalidRequestException {@code Invalid groupBy: <value>} for anything else
   */
  public static StatsDimension parse(String value) {
    if (value == null) {
      return null;
    }
    for (StatsDimension d : values()) {
      if (d.wireName.equals(value)) {
        return d;
      }
    }
    throw new InvalidRequestException("Invalid groupBy: " + value);
  }
}
