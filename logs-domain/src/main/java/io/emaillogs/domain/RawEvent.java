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

  /** A builder-style start for tests and fixtures: a minimal event of the given type. */
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
