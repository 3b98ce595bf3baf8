package io.emaillogs.client;

import java.time.Instant;
import java.util.List;

/**
 * One log: one message to one recipient, as the query API and the export answer it (SPEC section
 * 2). Nullable: {@code campaignId}, {@code failedReason}, {@code deliveredDate}.
 */
public record EmailLog(
    String refId,
    long accountId,
    long tenantId,
    String fromAddress,
    String recipientAddress,
    String recipientDomain,
    RecipientType recipientType,
    String subject,
    Status status,
    String priority,
    String campaignId,
    List<String> tags,
    boolean opened,
    boolean clicked,
    String failedReason,
    Instant createdAt,
    Instant deliveredDate,
    Instant updatedAt,
    Track track) {

  /** The opens and clicks of a log, in ingestion order. */
  public record Track(List<Open> opens, List<Click> clicks) {}

  /** One open; {@code userAgent} and {@code ip} may be null. */
  public record Open(Instant timestamp, String userAgent, String ip) {}

  /** One click; {@code url}, {@code userAgent} and {@code ip} may be null. */
  public record Click(Instant timestamp, String url, String userAgent, String ip) {}
}
