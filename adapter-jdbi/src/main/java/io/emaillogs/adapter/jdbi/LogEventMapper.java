package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code log_events} (selected as {@link #COLUMNS}) as a {@link LogEvent}. */
final class LogEventMapper implements RowMapper<LogEvent> {
  static final LogEventMapper INSTANCE = new LogEventMapper();

  /** The columns the mapper reads. */
  static final String COLUMNS =
      "sequence, event_id, event_type, occurred_at, account_id, ref_id, recipient_address,"
          + " from_address, sender_domain, subject, campaign_id, tags, reason, user_agent, ip,"
          + " url";

  @Override
  public LogEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    String reason = rs.getString("reason");
    String userAgent = rs.getString("user_agent");
    String ip = rs.getString("ip");
    String url = rs.getString("url");
    EventDetails details =
        reason == null && userAgent == null && ip == null && url == null
            ? EventDetails.NONE
            : new EventDetails(reason, userAgent, ip, url);
    return new LogEvent(
        rs.getLong("sequence"),
        rs.getString("event_id"),
        Columns.wireEnum(rs, "event_type", EventType.class),
        Columns.instant(rs, "occurred_at"),
        rs.getLong("account_id"),
        rs.getString("ref_id"),
        rs.getString("recipient_address"),
        rs.getString("from_address"),
        rs.getString("sender_domain"),
        rs.getString("subject"),
        rs.getString("campaign_id"),
        JsonColumns.readTags(rs.getString("tags")),
        details);
  }
}
