package io.emaillogs.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated event ready to be applied to a log. Creation fields ({@code fromAddress}, {@code
 * subject}, {@code recipientType}, {@code priority}, {@code campaignId}, {@code tags}) are
 * meaningful for {@link EventType#QUEUED} only and are null (tags empty) otherwise. {@code
 * tenantId} is the owning account's tenant, resolved by the caller.
 */
public record IngestEvent(
    String eventId,
    EventType type,
    long accountId,
    long tenantId,
    String refId,
    String recipientAddress,
    Instant timestamp,
    String fromAddress,
    String subject,
    RecipientType recipientType,
    Priority priority,
    String campaignId,
    List<String> tags,
    EventDetails details) {

  private static final Pattern REF_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_EVENT_ID = 128;
  private static final int MAX_TEXT = 998; // an RFC 5322 line

  public IngestEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(recipientAddress, "recipientAddress");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(details, "details");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The identity of the log this event belongs to. */
  public LogKey logKey() {
    return LogKey.of(accountId, refId, recipientAddress);
  }

  /**
   * Validates a submitted event.
   *
   * @param index the event's position in its batch, for the message
   * @param generatedEventId used when the event carries no eventId (it is then never a duplicate)
   * @param tenants resolves an account to its tenant; empty for an unknown account
   * @throws InvalidEventException {@code event <index>: <what is wrong>}
   */
  public static IngestEvent validate(
      int index, RawEvent raw, String generatedEventId, TenantLookup tenants) {
    try {
      return validate(raw, generatedEventId, tenants);
    } catch (InvalidRequestException e) {
      throw new InvalidEventException(index, e.getMessage());
    }
  }

  private static IngestEvent validate(RawEvent raw, String generatedEventId, TenantLookup tenants) {
    String eventId = raw.eventId();
    Text.check("eventId", eventId);
    if (eventId == null) {
      eventId = generatedEventId;
    } else if (eventId.isBlank() || eventId.length() > MAX_EVENT_ID) {
      throw invalid("eventId must be 1-" + MAX_EVENT_ID + " characters");
    }
    if (raw.type() == null) {
      throw invalid("type is required");
    }
    EventType type = EventType.parse(raw.type(), "type");
    if (raw.accountId() == null) {
      throw invalid("accountId is required");
    }
    long accountId = raw.accountId();
    long tenantId =
        tenants.tenantOf(accountId).orElseThrow(() -> invalid("unknown accountId: " + accountId));
    if (raw.refId() == null || !REF_ID.matcher(raw.refId()).matches()) {
      throw invalid("refId must be 1-64 characters of [A-Za-z0-9_-]");
    }
    String recipient = requireAddress("recipientAddress", raw.recipientAddress());
    if (raw.timestamp() == null) {
      throw invalid("timestamp is required");
    }
    Instant timestamp = Timestamps.parse("timestamp", raw.timestamp());
    EventDetails details =
        new EventDetails(
            text("reason", raw.reason()),
            text("userAgent", raw.userAgent()),
            text("ip", raw.ip()),
            text("url", raw.url()));
    if (type != EventType.QUEUED) {
      return new IngestEvent(
          eventId,
          type,
          accountId,
          tenantId,
          raw.refId(),
          recipient,
          timestamp,
          null,
          null,
          null,
          null,
          null,
          List.of(),
          details);
    }
    String from = requireAddress("fromAddress", raw.fromAddress());
    if (raw.subject() == null) {
      throw invalid("subject is required for a queued event");
    }
    String subject = text("subject", raw.subject());
    RecipientType recipientType =
        raw.recipientType() == null ? RecipientType.TO : RecipientType.parse(raw.recipientType());
    Priority priority = raw.priority() == null ? Priority.NORMAL : Priority.parse(raw.priority());
    List<String> tags = new ArrayList<>();
    if (raw.tags() != null) {
      for (String tag : raw.tags()) {
        if (tag == null || tag.isEmpty()) {
          throw invalid("tags must be non-empty strings");
        }
        tags.add(text("tags", tag));
      }
    }
    return new IngestEvent(
        eventId,
        type,
        accountId,
        tenantId,
        raw.refId(),
        recipient,
        timestamp,
        from,
        subject,
        recipientType,
        priority,
        text("campaignId", raw.campaignId()),
        tags,
        details);
  }

  private static String requireAddress(String field, String value) {
    Text.check(field, value);
    if (value == null) {
      throw invalid(
          field + " is required" + (field.equals("fromAddress") ? " for a queued event" : ""));
    }
    int at = value.lastIndexOf('@');
    if (at <= 0
        || at == value.length() - 1
        || value.length() > 320
        || value.isBlank()
        || value.chars().anyMatch(Character::isWhitespace)) {
      throw invalid(field + " must be an email address");
    }
    return value;
  }

  private static String text(String field, String value) {
    Text.check(field, value);
    if (value != null && value.length() > MAX_TEXT) {
      throw invalid(field + " must be at most " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message);
  }

  /** Resolves an account id to its tenant id. */
  @FunctionalInterface
  public interface TenantLookup {
    /** The tenant of {@code accountId}, empty when no such account exists. */
    java.util.OptionalLong tenantOf(long accountId);
  }
}
