package io.emaillogs.domain;

import java.util.Optional;

/** What happened to a message for one recipient; the stream and ingestion vocabulary. */
public enum EventType {
  QUEUED(LogStatus.QUEUED),
  SENT(LogStatus.SENT),
  DELIVERED(LogStatus.DELIVERED),
  DEFERRED(null),
  TEMPORARY_FAIL(null),
  PERMANENT_FAIL(LogStatus.FAILED),
  BOUNCED(LogStatus.BOUNCED),
  FAILED(LogStatus.FAILED),
  OPENED(LogStatus.OPENED),
  CLICKED(LogStatus.CLICKED),
  SPAM(LogStatus.SPAM),
  UNSUBSCRIBED(LogStatus.UNSUBSCRIBED);

  private final LogStatus status;

  EventType(LogStatus status) {
    this.status = status;
  }

  /** The status this event moves a log to; empty for deferrals, which keep the status. */
  public Optional<LogStatus> status() {
    return Optional.ofNullable(status);
  }

  /** True for events whose {@code reason} becomes the log's failedReason. */
  public boolean recordsFailure() {
    return this == DEFERRED
        || this == TEMPORARY_FAIL
        || this == PERMANENT_FAIL
        || this == BOUNCED
        || this == FAILED;
  }

  /** The lower-case name used on the wire. */
  public String wireName() {
    return Vocabulary.wireName(this);
  }

  /**
   * Parses a wire name.
   *
   * @param field the parameter name used in the message, {@code event_type} or {@code type}
   * @throws InvalidRequestException {@code Invalid <field>: <value>} for anything else
   */
  public static EventType parse(String value, String field) {
    return Vocabulary.parse(EventType.class, value, field);
  }
}
