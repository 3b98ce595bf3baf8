package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogEvent;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The reads of a message timeline: its logs through the identity index {@code (account_id, ref_id,
 * recipient_key)}, and their events through {@code log_events (log_id)}.
 */
final class MessageSql {
  private static final String LOGS =
      "SELECT "
          + EmailLogMapper.COLUMNS
          + " FROM email_logs WHERE account_id = :accountId AND ref_id = :refId ORDER BY id";

  private static final String EVENTS =
      "SELECT "
          + LogEventMapper.COLUMNS
          + " FROM log_events WHERE log_id IN (SELECT id FROM email_logs"
          + " WHERE account_id = :accountId AND ref_id = :refId)"
          + " ORDER BY occurred_at, sequence";

  private MessageSql() {}

  static List<EmailLog> logs(Handle h, long accountId, String refId) {
    return h.createQuery(LOGS)
        .bind("accountId", accountId)
        .bind("refId", refId)
        .map(EmailLogMapper.INSTANCE)
        .list();
  }

  static List<LogEvent> events(Handle h, long accountId, String refId) {
    return h.createQuery(EVENTS)
        .bind("accountId", accountId)
        .bind("refId", refId)
        .map(LogEventMapper.INSTANCE)
        .list();
  }
}
