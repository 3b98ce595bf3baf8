package io.emaillogs.application;

import io.emaillogs.domain.RawEvent;
import java.time.Instant;
import java.util.List;

/**
 * Test-data builder of submitted events: {@code Raw.queued("r1").at(T).build()}. Defaults: account
 * 1, recipient {@code bob@example.com}, sender {@code news@acme.com}, subject {@code Hello}.
 */
final class Raw {
  private String eventId;
  private final String type;
  private long accountId = 1;
  private final String refId;
  private String recipient = "bob@example.com";
  private Instant at = Instant.parse("2024-01-15T10:00:00Z");
  private String from = "news@acme.com";
  private String subject = "Hello";
  private List<String> tags;
  private String reason;

  private Raw(String type, String refId) {
    this.type = type;
    this.refId = refId;
  }

  static Raw queued(String refId) {
    return new Raw("queued", refId);
  }

  static Raw event(String type, String refId) {
    return new Raw(type, refId);
  }

  Raw id(String eventId) {
    this.eventId = eventId;
    return this;
  }

  Raw account(long accountId) {
    this.accountId = accountId;
    return this;
  }

  Raw to(String recipient) {
    this.recipient = recipient;
    return this;
  }

  Raw at(Instant at) {
    this.at = at;
    return this;
  }

  Raw from(String from) {
    this.from = from;
    return this;
  }

  Raw subject(String subject) {
    this.subject = subject;
    return this;
  }

  Raw tags(String... tags) {
    this.tags = List.of(tags);
    return this;
  }

  Raw reason(String reason) {
    this.reason = reason;
    return this;
  }

  RawEvent build() {
    boolean queued = type.equals("queued");
    return new RawEvent(
        eventId,
        type,
        accountId,
        refId,
        recipient,
        at.toString(),
        queued ? from : null,
        queued ? subject : null,
        null,
        null,
        null,
        queued ? tags : null,
        reason,
        null,
        null,
        null);
  }
}
