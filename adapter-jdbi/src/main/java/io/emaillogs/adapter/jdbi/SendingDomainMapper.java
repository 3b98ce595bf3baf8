package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.account.SendingDomain;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code sending_domains} as a {@link SendingDomain}. */
final class SendingDomainMapper implements RowMapper<SendingDomain> {
  static final SendingDomainMapper INSTANCE = new SendingDomainMapper();

  static final String COLUMNS = "account_id, domain, verified";

  @Override
  public SendingDomain map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SendingDomain(
        rs.getLong("account_id"), rs.getString("domain"), rs.getBoolean("verified"));
  }
}
