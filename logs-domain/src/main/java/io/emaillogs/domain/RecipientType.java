package io.emaillogs.domain;

/** How the recipient was addressed. */
public enum RecipientType {
  TO,
  CC,
  BCC;

  /** The lower-case name used on the wire. */
  public String wireName() {
    return Vocabulary.wireName(this);
  }

  /**
   * Parses a wire name.
   *
   * @throws InvalidRequestException {@code Invalid recipientType: <value>} for anything else
   */
  public static RecipientType parse(String value) {
    return Vocabulary.parse(RecipientType.class, value, "recipientType");
  }
}
