package io.emaillogs.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A stored event as the stream shows it: the event itself plus the message fields of its log
 * (sender, subject, campaign, tags), copied at ingestion so the stream reads one row per event.
 * {@code sequence} is the store-assigned position in ingestion order (0 until stored); {@code
 * senderDomain} is the lower-case domain of {@code fromAddress}.
 */
public record LogEvent(
    long sequence,
    String eventId,
    EventType type,
    Instant timestamp,
    long accountId,
    String refId,
    String recipientAddress,
    String fromAddress,
    String senderDomain,
    String subject,
    String campaignId,
    List<String> tags,
    EventDetails details) {

  public LogEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(recipientAddress, "recipientAddress");
    Objects.requireNonNull(fromAddress, "fromAddress");
    Objects.requireNonNull(senderDomain, "senderDomain");
    tags = tags == null ? List.of() : List.copyOf(tags);
    details = details == null ? EventDetails.NONE : details;
  }

  /** The stored form of {@code event} once applied to {@code log}; sequence 0 until stored. */
  public static LogEvent of(IngestEvent event, EmailLog log) {
    return new LogEvent(
        0,
        event.eventId(),
        event.type(),
        event.timestamp(),
        event.accountId(),
        event.refId(),
        event.recipientAddress(),
        log.fromAddress(),
        domainOf(log.fromAddress()),
        log.subject(),
        log.campaignId(),
        log.tags(),
        event.details());
  }

  /** This event with its store-assigned sequence. */
  public LogEvent withSequence(long sequence) {
    return new LogEvent(
        sequence,
        eventId,
        type,
        timestamp,
        accountId,
        refId,
        recipientAddress,
        fromAddress,
        senderDomain,
        subject,
        campaignId,
        tags,
        details);
  }

  /** The lower-case domain part of an address (after the last {@code @}). */
  public static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
