package io.emaillogs.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What delivery statistics are split on ({@code groupBy}). */
public enum StatsGroupBy {
  CAMPAIGN_ID("campaignId"),
  FROM_ADDRESS("fromAddress"),
  RECIPIENT_DOMAIN("recipientDomain");

  private final String wireName;

  StatsGroupBy(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, as the server writes and reads it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The constant of a wire name; {@code IllegalArgumentException} for another. */
  @JsonCreator
  public static StatsGroupBy fromWire(String wireName) {
    for (StatsGroupBy value : values()) {
      if (value.wireName.equals(wireName)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown StatsGroupBy: " + wireName);
  }
}
