package io.emaillogs.domain.stream;

import io.emaillogs.domain.EventType;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.Timestamps;
import io.emaillogs.domain.query.Parameters;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated parameters of a stream (SPEC section 5). {@code start} and {@code end} bound the
 * event timestamp, both inclusive; {@code sender} and {@code recipient} are exact (addresses,
 * compared case-insensitively, held in lower case); {@code subject} and {@code tags} are partial,
 * case-insensitive matches (held in lower case); any may be null. {@link #matches} is the reference
 * semantics every store implements.
 */
public record StreamFilter(
    Instant start,
    Instant end,
    String sender,
    String recipient,
    String subject,
    EventType eventType,
    String tags,
    int limit) {

  /** Events sent when no limit is given. */
  public static final int DEFAULT_LIMIT = 50_000;

  /** The largest limit. */
  public static final int MAX_LIMIT = 500_000;

  /** The parameters the stream accepts. */
  public static final Set<String> PARAMETERS =
      Set.of("start", "end", "sender", "recipient", "subject", "event_type", "tags", "limit");

  public StreamFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit must be between 1 and 500000");
    }
    sender = lower(sender);
    recipient = lower(recipient);
    subject = lower(subject);
    tags = lower(tags);
  }

  /**
   * Validates the raw query-string multimap: unknown then repeated parameters, dates, {@code start
   * cannot be after end}, limit, event_type.
   *
   * @throws InvalidRequestException with the spec's message
   */
  public static StreamFilter parse(Map<String, List<String>> raw) {
    Parameters p = Parameters.check(raw, PARAMETERS);
    Instant start = p.get("start") == null ? null : Timestamps.parse("start", p.get("start"));
    Instant end = p.get("end") == null ? null : Timestamps.parse("end", p.get("end"));
    if (start != null && end != null && start.isAfter(end)) {
      throw new InvalidRequestException("start cannot be after end");
    }
    int limit = parseLimit(p.get("limit"));
    String eventType = p.get("event_type");
    return new StreamFilter(
        start,
        end,
        p.get("sender"),
        p.get("recipient"),
        p.get("subject"),
        eventType == null ? null : EventType.parse(eventType, "event_type"),
        p.get("tags"),
        limit);
  }

  /**
   * Parses a {@code Last-Event-ID} header: the sequence to resume after.
   *
   * @throws InvalidRequestException {@code Invalid Last-Event-ID: <value>} unless a non-negative
   *     integer
   */
  public static long parseLastEventId(String raw) {
    if (raw != null && raw.matches("[0-9]{1,18}")) {
      return Long.parseLong(raw);
    }
    throw new InvalidRequestException("Invalid Last-Event-ID: " + raw);
  }

  private static int parseLimit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (!raw.matches("[0-9]{1,7}")) {
      throw new InvalidRequestException("limit must be between 1 and 500000");
    }
    return Integer.parseInt(raw);
  }

  /** True when the stream has history to send before (or instead of) going live. */
  public boolean hasHistory() {
    return start != null || end != null;
  }

  /**
   * True when {@code event} passes every given filter (not the domain, which the caller checks).
   */
  public boolean matches(LogEvent event) {
    return (start == null || !event.timestamp().isBefore(start))
        && (end == null || !event.timestamp().isAfter(end))
        && (sender == null || sender.equals(lower(event.fromAddress())))
        && (recipient == null || recipient.equals(lower(event.recipientAddress())))
        && (subject == null || lower(event.subject()).contains(subject))
        && (eventType == null || eventType == event.type())
        && (tags == null || event.tags().stream().anyMatch(t -> lower(t).contains(tags)));
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
