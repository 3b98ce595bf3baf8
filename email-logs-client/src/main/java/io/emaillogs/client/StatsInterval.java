package io.emaillogs.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The bucket size of delivery statistics ({@code interval}). */
public enum StatsInterval {
  HOUR("hour"),
  DAY("day"),
  TOTAL("total");

  private final String wireName;

  StatsInterval(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, as the server writes and reads it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The constant of a wire name; {@code IllegalArgumentException} for another. */
  @JsonCreator
  public static StatsInterval fromWire(String wireName) {
    for (StatsInterval value : values()) {
      if (value.wireName.equals(wireName)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown StatsInterval: " + wireName);
  }
}
