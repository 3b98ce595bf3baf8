package io.emaillogs.domain;

import java.util.List;

/**
 * An event as an operator submitted it, before validation: any field may be null or wrong. {@link
 * IngestEvent#validate} turns it into a trusted event or says what is wrong.
 */
public record RawEvent(
    String eventId,
    String type,
    Long accountId,
    String refId,
    String recipientAddress,
    String timestamp,
    String fromAddress,
    String subject,
    String recipientType,
    String priority,
    String campaignId,
    List<String> tags,
    String reason,
    String userAgent,
    String ip,
    String url) {

  /** A {@code queued} event: the one that creates a log (no tags, defaults for the rest). */
  public static RawEvent queued(
      long accountId,
      String refId,
      String recipientAddress,
      String timestamp,
      String fromAddress,
      String subject) {
    return new RawEvent(
        null,
        "queued",
        accountId,
        refId,
        recipientAddress,
        timestamp,
        fromAddress,
        subject,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A minimal event of the given type, for tests and fixtures. */
  public static RawEvent of(
      String type, long accountId, String refId, String recipientAddress, String timestamp) {
    return new RawEvent(
        null,
        type,
        accountId,
        refId,
        recipientAddress,
        timestamp,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
