package io.emaillogs.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message's timeline ({@code GET /v1/email/logs/{refId}/events}): every log of the message (one
 * per recipient) and every stored event of all its recipients, by timestamp then sequence.
 */
public record Timeline(String refId, List<EmailLog> emailLogs, List<Event> events) {

  /** One stored event; {@code details} holds only the details present. */
  public record Event(
      long id,
      EventType eventType,
      Instant timestamp,
      String recipient,
      Map<String, String> details) {}
}
