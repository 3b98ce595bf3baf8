package io.emaillogs.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the ingestion of one batch of validated events: which events are duplicates, the logs they
 * create or change, and the events to store, in batch order. Every store uses it, so the rules of
 * the batch (all or nothing, the unknown-log rule, idempotency on eventId) live in one place.
 */
public final class EventBatch {
  private EventBatch() {}

  /**
   * What a batch changes. {@code logs} holds each created or changed log once, in the order it was
   * first touched; a created log has id 0. {@code events} are the events to store (duplicates left
   * out), in batch order, with sequence 0.
   */
  public record Plan(List<LogChange> logs, List<LogEvent> events, int duplicates) {
    public Plan {
      logs = List.copyOf(logs);
      events = List.copyOf(events);
    }

    /** Number of events the batch stores. */
    public int accepted() {
      return events.size();
    }
  }

  /** A log after the batch; {@code created} when the batch created it. */
  public record LogChange(EmailLog log, boolean created) {}

  /**
   * Plans a batch.
   *
   * @param events the validated batch, in submission order
   * @param existing the stored logs for the batch's keys (missing keys mean no such log)
   * @param storedEventIds which of the batch's eventIds are already stored
   * @throws InvalidEventException {@code event <i>: ...} for an event whose log neither exists nor
   *     is created by a queued event earlier in the batch
   */
  public static Plan plan(
      List<IngestEvent> events, Map<LogKey, EmailLog> existing, Set<String> storedEventIds) {
    Map<LogKey, EmailLog> current = new LinkedHashMap<>();
    Set<LogKey> created = new HashSet<>();
    Set<String> seen = new HashSet<>(storedEventIds);
    List<IngestEvent> kept = new ArrayList<>();
    int duplicates = 0;
    for (int i = 0; i < events.size(); i++) {
      IngestEvent event = events.get(i);
      if (!seen.add(event.eventId())) {
        duplicates++;
        continue;
      }
      LogKey key = event.logKey();
      EmailLog log = current.containsKey(key) ? current.get(key) : existing.get(key);
      if (log == null) {
        if (event.type() != EventType.QUEUED) {
          throw new InvalidEventException(
              i,
              "no log for refId "
                  + event.refId()
                  + " and recipientAddress "
                  + event.recipientAddress()
                  + " (a queued event must come first)");
        }
        log = EmailLog.create(event);
        created.add(key);
      } else {
        log = log.apply(event);
      }
      current.put(key, log);
      kept.add(event);
    }
    List<LogChange> changes = new ArrayList<>(current.size());
    current.forEach((key, log) -> changes.add(new LogChange(log, created.contains(key))));
    List<LogEvent> stored = new ArrayList<>(kept.size());
    for (IngestEvent event : kept) {
      stored.add(LogEvent.of(event, current.get(event.logKey())));
    }
    return new Plan(changes, stored, duplicates);
  }
}
