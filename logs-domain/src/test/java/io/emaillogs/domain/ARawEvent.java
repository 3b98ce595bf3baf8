package io.emaillogs.domain;

import java.util.List;

/**
 * Test-data builder of submitted (unvalidated) events. {@link #queued()} is a valid queued event
 * for account 1; each setter may put any value, null included, to break one field.
 */
public final class ARawEvent {
  private String eventId;
  private String type;
  private Long accountId = 1L;
  private String refId = "ref-1";
  private String recipientAddress = "bob@example.com";
  private String timestamp = "2024-01-15T10:00:00Z";
  private String fromAddress;
  private String subject;
  private String recipientType;
  private String priority;
  private String campaignId;
  private List<String> tags;
  private String reason;
  private String userAgent;
  private String ip;
  private String url;

  private ARawEvent(String type) {
    this.type = type;
  }

  /** A valid queued event with fromAddress and subject. */
  public static ARawEvent queued() {
    ARawEvent e = new ARawEvent("queued");
    e.fromAddress = "news@acme.com";
    e.subject = "Hello";
    return e;
  }

  /** A valid event of {@code type} (wire name), without creation fields. */
  public static ARawEvent of(String type) {
    return new ARawEvent(type);
  }

  public ARawEvent eventId(String v) {
    eventId = v;
    return this;
  }

  public ARawEvent type(String v) {
    type = v;
    return this;
  }

  public ARawEvent accountId(Long v) {
    accountId = v;
    return this;
  }

  public ARawEvent refId(String v) {
    refId = v;
    return this;
  }

  public ARawEvent recipientAddress(String v) {
    recipientAddress = v;
    return this;
  }

  public ARawEvent timestamp(String v) {
    timestamp = v;
    return this;
  }

  public ARawEvent fromAddress(String v) {
    fromAddress = v;
    return this;
  }

  public ARawEvent subject(String v) {
    subject = v;
    return this;
  }

  public ARawEvent recipientType(String v) {
    recipientType = v;
    return this;
  }

  public ARawEvent priority(String v) {
    priority = v;
    return this;
  }

  public ARawEvent campaignId(String v) {
    campaignId = v;
    return this;
  }

  public ARawEvent tags(List<String> v) {
    tags = v;
    return this;
  }

  public ARawEvent reason(String v) {
    reason = v;
    return this;
  }

  public ARawEvent userAgent(String v) {
    userAgent = v;
    return this;
  }

  public ARawEvent ip(String v) {
    ip = v;
    return this;
  }

  public ARawEvent url(String v) {
    url = v;
    return this;
  }

  public RawEvent build() {
    return new RawEvent(
        eventId,
        type,
        accountId,
        refId,
        recipientAddress,
        timestamp,
        fromAddress,
        subject,
        recipientType,
        priority,
        campaignId,
        tags,
        reason,
        userAgent,
        ip,
        url);
  }
}
