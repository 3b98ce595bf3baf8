package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.EventBatch.Plan;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an in-memory store holds after the same batches: the domain's plan applied to maps. Logs
 * keep id 0, events sequence 0 (the store assigns those).
 */
final class ReferenceModel {
  final Map<LogKey, EmailLog> logs = new LinkedHashMap<>();
  final List<LogEvent> events = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();

  void append(List<IngestEvent> batch) {
    List<IngestEvent> truncated = batch.stream().map(Micros::truncate).toList();
    Plan plan = EventBatch.plan(truncated, logs, eventIds);
    plan.logs().forEach(change -> logs.put(change.log().key(), change.log().withId(0)));
    plan.events().forEach(e -> eventIds.add(e.eventId()));
    events.addAll(plan.events());
  }
}
