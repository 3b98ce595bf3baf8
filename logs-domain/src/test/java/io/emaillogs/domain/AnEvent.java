package io.emaillogs.domain;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-data builder of validated events: {@code AnEvent.queued().at(T0).build()}, {@code
 * AnEvent.of(EventType.DELIVERED).atSecond(5).build()}. Defaults: account 1 (tenant 100), refId
 * {@code ref-1}, recipient {@code bob@example.com}, timestamp {@link #T0}, a fresh eventId.
 */
public final class AnEvent {
  /** A fixed instant at whole seconds. */
  public static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

  private static final AtomicLong IDS = new AtomicLong();

  private final EventType type;
  private String eventId = "e-" + IDS.incrementAndGet();
  private long accountId = 1;
  private long tenantId = 100;
  private String refId = "ref-1";
  private String recipient = "bob@example.com";
  private Instant timestamp = T0;
  private String from = "News@Mail.Acme.com";
  private String subject = "Hello";
  private RecipientType recipientType = RecipientType.TO;
  private Priority priority = Priority.NORMAL;
  private String campaignId;
  private List<String> tags = List.of();
  private String reason;
  private String userAgent;
  private String ip;
  private String url;

  private AnEvent(EventType type) {
    this.type = type;
  }

  public static AnEvent queued() {
    return new AnEvent(EventType.QUEUED);
  }

  public static AnEvent of(EventType type) {
    return new AnEvent(type);
  }

  public AnEvent id(String eventId) {
    this.eventId = eventId;
    return this;
  }

  public AnEvent account(long accountId) {
    this.accountId = accountId;
    return this;
  }

  public AnEvent tenant(long tenantId) {
    this.tenantId = tenantId;
    return this;
  }

  public AnEvent ref(String refId) {
    this.refId = refId;
    return this;
  }

  public AnEvent to(String recipient) {
    this.recipient = recipient;
    return this;
  }

  public AnEvent at(Instant timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  public AnEvent atSecond(long seconds) {
    return at(T0.plusSeconds(seconds));
  }

  public AnEvent from(String from) {
    this.from = from;
    return this;
  }

  public AnEvent subject(String subject) {
    this.subject = subject;
    return this;
  }

  public AnEvent recipientType(RecipientType recipientType) {
    this.recipientType = recipientType;
    return this;
  }

  public AnEvent priority(Priority priority) {
    this.priority = priority;
    return this;
  }

  public AnEvent campaign(String campaignId) {
    this.campaignId = campaignId;
    return this;
  }

  public AnEvent tags(String... tags) {
    this.tags = List.of(tags);
    return this;
  }

  public AnEvent reason(String reason) {
    this.reason = reason;
    return this;
  }

  public AnEvent userAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }

  public AnEvent ip(String ip) {
    this.ip = ip;
    return this;
  }

  public AnEvent url(String url) {
    this.url = url;
    return this;
  }

  public IngestEvent build() {
    boolean queued = type == EventType.QUEUED;
    return new IngestEvent(
        eventId,
        type,
        accountId,
        tenantId,
        refId,
        recipient,
        timestamp,
        queued ? from : null,
        queued ? subject : null,
        queued ? recipientType : null,
        queued ? priority : null,
        queued ? campaignId : null,
        queued ? tags : List.of(),
        new EventDetails(reason, userAgent, ip, url));
  }

  /** The log this queued event creates, stored under {@code id}. */
  public EmailLog log(long id) {
    return EmailLog.create(build()).withId(id);
  }
}
