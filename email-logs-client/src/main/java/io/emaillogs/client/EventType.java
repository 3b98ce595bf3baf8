package io.emaillogs.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The type of a stream or timeline event. */
public enum EventType {
  QUEUED("queued"),
  SENT("sent"),
  DELIVERED("delivered"),
  DEFERRED("deferred"),
  TEMPORARY_FAIL("temporary_fail"),
  PERMANENT_FAIL("permanent_fail"),
  BOUNCED("bounced"),
  FAILED("failed"),
  OPENED("opened"),
  CLICKED("clicked"),
  SPAM("spam"),
  UNSUBSCRIBED("unsubscribed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, as the server writes and reads it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The constant of a wire name; {@code IllegalArgumentException} for another. */
  @JsonCreator
  public static EventType fromWire(String wireName) {
    for (EventType value : values()) {
      if (value.wireName.equals(wireName)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown EventType: " + wireName);
  }
}
