package io.emaillogs.domain;

/**
 * The current status of a log, as the query API names it. Statuses are ordered by {@link #rank()}:
 * a log's status never moves to a lower rank.
 */
public enum LogStatus {
  QUEUED(0),
  SENT(1),
  DELIVERED(2),
  BOUNCED(2),
  FAILED(2),
  OPENED(3),
  CLICKED(4),
  SPAM(5),
  UNSUBSCRIBED(6);

  private final int rank;

  LogStatus(int rank) {
    this.rank = rank;
  }

  /** Precedence, low to high; delivered, bounced and failed share a rank. */
  public int rank() {
    return rank;
  }

  /** The lower-case name used on the wire. */
  public String wireName() {
    return Vocabulary.wireName(this);
  }

  /**
   * Parses a wire name.
   *
   * @throws InvalidRequestException {@code Invalid status: <value>} for anything else
   */
  public static LogStatus parse(String value) {
    return Vocabulary.parse(LogStatus.class, value, "status");
  }
}
