package io.emaillogs.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A log's current status (the query API's {@code status} vocabulary). */
public enum Status {
  QUEUED("queued"),
  SENT("sent"),
  DELIVERED("delivered"),
  OPENED("opened"),
  CLICKED("clicked"),
  BOUNCED("bounced"),
  FAILED("failed"),
  SPAM("spam"),
  UNSUBSCRIBED("unsubscribed");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, as the server writes and reads it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The constant of a wire name; {@code IllegalArgumentException} for another. */
  @JsonCreator
  public static Status fromWire(String wireName) {
    for (Status value : values()) {
      if (value.wireName.equals(wireName)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown Status: " + wireName);
  }
}
