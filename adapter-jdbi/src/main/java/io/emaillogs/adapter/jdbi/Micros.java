package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.IngestEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The stores keep instants to the microsecond, the precision of PostgreSQL's {@code TIMESTAMP WITH
 * TIME ZONE}: events are truncated before they are planned, so a stored log equals the planned one,
 * and query bounds are rounded so that comparisons with stored values stay exact.
 */
final class Micros {
  private Micros() {}

  /** The latest whole microsecond at or before {@code instant}. */
  static Instant floor(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The earliest whole microsecond at or after {@code instant}. */
  static Instant ceil(Instant instant) {
    Instant floor = floor(instant);
    return floor.equals(instant) ? instant : floor.plus(1, ChronoUnit.MICROS);
  }

  static boolean isWhole(Instant instant) {
    return instant.getNano() % 1_000 == 0;
  }

  /** {@code event} with its timestamp truncated to the microsecond. */
  static IngestEvent truncate(IngestEvent event) {
    if (isWhole(event.timestamp())) {
      return event;
    }
    return new IngestEvent(
        event.eventId(),
        event.type(),
        event.accountId(),
        event.tenantId(),
        event.refId(),
        event.recipientAddress(),
        floor(event.timestamp()),
        event.fromAddress(),
        event.subject(),
        event.recipientType(),
        event.priority(),
        event.campaignId(),
        event.tags(),
        event.details());
  }
}
