package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.account.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code accounts} as an {@link Account}; a null rate_limit is no override. */
final class AccountMapper implements RowMapper<Account> {
  static final AccountMapper INSTANCE = new AccountMapper();

  static final String COLUMNS = "id, name, tenant_id, rate_limit";

  @Override
  public Account map(ResultSet rs, StatementContext ctx) throws SQLException {
    int limit = rs.getInt("rate_limit");
    OptionalInt rateLimit = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(limit);
    return new Account(rs.getLong("id"), rs.getString("name"), rs.getLong("tenant_id"), rateLimit);
  }
}
