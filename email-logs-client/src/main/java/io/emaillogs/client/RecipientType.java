package io.emaillogs.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a recipient was addressed. */
public enum RecipientType {
  TO("to"),
  CC("cc"),
  BCC("bcc");

  private final String wireName;

  RecipientType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, as the server writes and reads it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The constant of a wire name; {@code IllegalArgumentException} for another. */
  @JsonCreator
  public static RecipientType fromWire(String wireName) {
    for (RecipientType value : values()) {
      if (value.wireName.equals(wireName)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown RecipientType: " + wireName);
  }
}
