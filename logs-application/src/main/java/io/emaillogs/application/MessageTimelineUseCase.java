package io.emaillogs.application;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogEvent;
import java.util.List;

/** The timeline of one message: its logs and every stored event, for all its recipients. */
public interface MessageTimelineUseCase {

  /**
   * Reads the account's logs of the message and their events, ordered by timestamp then sequence.
   *
   * @throws io.emaillogs.domain.InvalidRequestException {@code invalid refId} for a malformed refId
   * @throws NotFoundException {@code email log not found} when no log of the account has it (also
   *     when another account has one)
   */
  Timeline timeline(TimelineQuery query);

  /** The message {@code refId} (raw, from the path) of account {@code accountId}. */
  record TimelineQuery(long accountId, String refId) {}

  /** A message's logs (one per recipient) and events. */
  record Timeline(String refId, List<EmailLog> logs, List<LogEvent> events) {
    public Timeline {
      logs = List.copyOf(logs);
      events = List.copyOf(events);
    }
  }
}
