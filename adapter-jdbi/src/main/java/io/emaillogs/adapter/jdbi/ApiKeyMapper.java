package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.account.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code api_keys} as an {@link ApiKey}. */
final class ApiKeyMapper implements RowMapper<ApiKey> {
  static final ApiKeyMapper INSTANCE = new ApiKeyMapper();

  static final String COLUMNS = "key_id, account_id, name, secret_hash, created_at, revoked_at";

  @Override
  public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(
        rs.getString("key_id"),
        rs.getLong("account_id"),
        rs.getString("name"),
        rs.getBytes("secret_hash"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "revoked_at"));
  }
}
