package io.emaillogs.application.port;

import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.Priority;
import io.emaillogs.domain.RecipientType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-data builder of validated events with sensible defaults: {@code
 * TestEvents.queued("r1").to("Bob@Example.com").at(T0).build()}. Shared by the store contract
 * suites of every store.
 */
public final class TestEvents {
  /** A fixed instant at whole seconds, comfortably inside every store's precision. */
  public static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

  private static final AtomicLong IDS = new AtomicLong();

  private String eventId = "ev-" + IDS.incrementAndGet() + "-" + System.nanoTime();
  private final EventType type;
  private long accountId = 1;
  private long tenantId = 100;
  private String refId;
  private String recipient = "bob@example.com";
  private Instant timestamp = T0;
  private String from = "news@mail.acme.com";
  private String subject = "Hello";
  private RecipientType recipientType = RecipientType.TO;
  private Priority priority = Priority.NORMAL;
  private String campaignId;
  private List<String> tags = List.of();
  private String reason;
  private String userAgent;
  private String ip;
  private String url;

  private TestEvents(EventType type, String refId) {
    this.type = type;
    this.refId = refId;
  }

  public static TestEvents queued(String refId) {
    return new TestEvents(EventType.QUEUED, refId);
  }

  public static TestEvents event(EventType type, String refId) {
    return new TestEvents(type, refId);
  }

  public TestEvents id(String eventId) {
    this.eventId = eventId;
    return this;
  }

  public TestEvents account(long accountId) {
    this.accountId = accountId;
    return this;
  }

  public TestEvents to(String recipient) {
    this.recipient = recipient;
    return this;
  }

  public TestEvents at(Instant timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  public TestEvents atSecond(long seconds) {
    return at(T0.plusSeconds(seconds));
  }

  public TestEvents from(String from) {
    this.from = from;
    return this;
  }

  public TestEvents subject(String subject) {
    this.subject = subject;
    return this;
  }

  public TestEvents recipientType(RecipientType recipientType) {
    this.recipientType = recipientType;
    return this;
  }

  public TestEvents priority(Priority priority) {
    this.priority = priority;
    return this;
  }

  public TestEvents campaign(String campaignId) {
    this.campaignId = campaignId;
    return this;
  }

  public TestEvents tags(String... tags) {
    this.tags = List.of(tags);
    return this;
  }

  public TestEvents reason(String reason) {
    this.reason = reason;
    return this;
  }

  public TestEvents userAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }

  public TestEvents ip(String ip) {
    this.ip = ip;
    return this;
  }

  public TestEvents url(String url) {
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
}
