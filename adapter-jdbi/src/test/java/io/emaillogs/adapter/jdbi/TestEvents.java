package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.Priority;
import io.emaillogs.domain.RecipientType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Test-data builder of validated events, with defaults. */
final class TestEvents {
  static final long ACCOUNT = 1;
  static final long TENANT = 70;
  private static final AtomicLong IDS = new AtomicLong();

  private String eventId = "ev-" + IDS.incrementAndGet();
  private EventType type;
  private long accountId = ACCOUNT;
  private String refId;
  private String recipient;
  private Instant timestamp = Instant.parse("2024-01-15T10:00:00Z");
  private String from = "News@Sender.example";
  private String subject = "Hello";
  private RecipientType recipientType = RecipientType.TO;
  private Priority priority = Priority.NORMAL;
  private String campaignId;
  private List<String> tags = List.of();
  private String reason;
  private String userAgent;
  private String ip;
  private String url;

  private TestEvents(EventType type, String refId, String recipient) {
    this.type = type;
    this.refId = refId;
    this.recipient = recipient;
  }

  static TestEvents queued(String refId, String recipient) {
    return new TestEvents(EventType.QUEUED, refId, recipient);
  }

  static TestEvents event(EventType type, String refId, String recipient) {
    return new TestEvents(type, refId, recipient);
  }

  TestEvents id(String value) {
    eventId = value;
    return this;
  }

  TestEvents account(long value) {
    accountId = value;
    return this;
  }

  TestEvents at(String value) {
    timestamp = Instant.parse(value);
    return this;
  }

  TestEvents at(Instant value) {
    timestamp = value;
    return this;
  }

  TestEvents from(String value) {
    from = value;
    return this;
  }

  TestEvents subject(String value) {
    subject = value;
    return this;
  }

  TestEvents type(RecipientType value) {
    recipientType = value;
    return this;
  }

  TestEvents priority(Priority value) {
    priority = value;
    return this;
  }

  TestEvents campaign(String value) {
    campaignId = value;
    return this;
  }

  TestEvents tags(String... values) {
    tags = List.of(values);
    return this;
  }

  TestEvents reason(String value) {
    reason = value;
    return this;
  }

  TestEvents agent(String value) {
    userAgent = value;
    return this;
  }

  TestEvents ip(String value) {
    ip = value;
    return this;
  }

  TestEvents url(String value) {
    url = value;
    return this;
  }

  IngestEvent build() {
    EventDetails details = new EventDetails(reason, userAgent, ip, url);
    if (type != EventType.QUEUED) {
      return new IngestEvent(
          eventId, type, accountId, TENANT, refId, recipient, timestamp, null, null, null, null,
          null, List.of(), details);
    }
    return new IngestEvent(
        eventId,
        type,
        accountId,
        TENANT,
        refId,
        recipient,
        timestamp,
        from,
        subject,
        recipientType,
        priority,
        campaignId,
        tags,
        details);
  }
}
