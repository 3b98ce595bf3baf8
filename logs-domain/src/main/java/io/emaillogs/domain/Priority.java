package io.emaillogs.domain;

/** Sending priority of a message. */
public enum Priority {
  NORMAL,
  HIGH;

  /** The lower-case name used on the wire. */
  public String wireName() {
    return Vocabulary.wireName(this);
  }

  /**
   * Parses a wire name.
   *
   * @throws InvalidRequestException {@code Invalid priority: <value>} for anything else
   */
  public static Priority parse(String value) {
    return Vocabulary.parse(Priority.class, value, "priority");
  }
}
