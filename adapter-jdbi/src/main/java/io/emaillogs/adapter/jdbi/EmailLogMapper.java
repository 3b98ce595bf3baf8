package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.Priority;
import io.emaillogs.domain.RecipientType;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code email_logs} (selected as {@link #COLUMNS}) as an {@link EmailLog}. */
final class EmailLogMapper implements RowMapper<EmailLog> {
  static final EmailLogMapper INSTANCE = new EmailLogMapper();

  /** The columns the mapper reads. */
  static final String COLUMNS =
      "id, account_id, tenant_id, ref_id, recipient_address, recipient_domain, recipient_type,"
          + " from_address, subject, status, priority, campaign_id, tags, opened, clicked,"
          + " failed_reason, created_at, delivered_at, updated_at, status_at, failed_reason_at,"
          + " track";

  @Override
  public EmailLog map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new EmailLog(
        rs.getLong("id"),
        rs.getString("ref_id"),
        rs.getLong("account_id"),
        rs.getLong("tenant_id"),
        rs.getString("from_address"),
        rs.getString("recipient_address"),
        rs.getString("recipient_domain"),
        Columns.wireEnum(rs, "recipient_type", RecipientType.class),
        rs.getString("subject"),
        Columns.wireEnum(rs, "status", LogStatus.class),
        Columns.wireEnum(rs, "priority", Priority.class),
        rs.getString("campaign_id"),
        JsonColumns.readTags(rs.getString("tags")),
        rs.getBoolean("opened"),
        rs.getBoolean("clicked"),
        rs.getString("failed_reason"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "delivered_at"),
        Columns.instant(rs, "updated_at"),
        JsonColumns.readTrack(rs.getString("track")),
        Columns.instant(rs, "status_at"),
        Columns.instant(rs, "failed_reason_at"));
  }
}
