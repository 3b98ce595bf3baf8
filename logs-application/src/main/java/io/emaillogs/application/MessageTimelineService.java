package io.emaillogs.application;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.query.RefId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

final class MessageTimelineService implements MessageTimelineUseCase {
  static final String NOT_FOUND = "email log not found";

  private static final Comparator<LogEvent> TIMELINE =
      Comparator.comparing(LogEvent::timestamp).thenComparingLong(LogEvent::sequence);

  private final LogStore store;

  MessageTimelineService(LogStore store) {
    this.store = store;
  }

  @Override
  public Timeline timeline(TimelineQuery query) {
    String refId = RefId.parse(query.refId());
    List<EmailLog> logs = store.findMessage(query.accountId(), refId);
    if (logs.isEmpty()) {
      throw new NotFoundException(NOT_FOUND);
    }
    List<LogEvent> events = new ArrayList<>(store.messageEvents(query.accountId(), refId));
    events.sort(TIMELINE); // the store's order already; cheap insurance for the contract
    return new Timeline(refId, logs, events);
  }
}
