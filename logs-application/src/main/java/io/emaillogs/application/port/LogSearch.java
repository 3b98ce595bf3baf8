package io.emaillogs.application.port;

import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import java.util.Objects;

/**
 * One page query for {@link LogStore#findLogs}: the account's logs that pass {@code filter}, whose
 * createdAt lies in {@code createdWindow} and deliveredDate in {@code deliveredWindow} (each
 * inclusive; a null window does not restrict, but at least one is given), strictly after {@code
 * after} (null: from the newest), newest first, at most {@code limit}.
 */
public record LogSearch(
    long accountId,
    LogFilter filter,
    DateWindow createdWindow,
    DateWindow deliveredWindow,
    Position after,
    int limit) {
  public LogSearch {
    Objects.requireNonNull(filter, "filter");
    if (createdWindow == null && deliveredWindow == null) {
      throw new IllegalArgumentException("a log search needs a window");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }
}
