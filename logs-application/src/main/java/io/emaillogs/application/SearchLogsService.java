package io.emaillogs.application;

import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogQuery;
import io.emaillogs.domain.query.PageToken;
import io.emaillogs.domain.query.PageTokenCodec;
import io.emaillogs.domain.query.Position;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class SearchLogsService implements SearchLogsUseCase {
  private final LogStore store;
  private final PageTokenCodec tokens;
  private final Clock clock;

  SearchLogsService(LogStore store, PageTokenCodec tokens, Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public LogPage search(SearchLogsQuery query) {
    LogQuery request = LogQuery.parse(query.parameters());
    byte[] fingerprint = request.fingerprint();
    DateWindow created;
    DateWindow delivered;
    Position after = null;
    if (request.pageToken() != null) {
      PageToken token = tokens.decode(request.pageToken(), query.accountId(), fingerprint);
      created = token.createdWindow();
      delivered = token.deliveredWindow();
      after = token.after();
    } else {
      created = request.resolveCreatedWindow(clock.instant());
      delivered = request.deliveredWindow();
    }
    int size = request.pageSize().value();
    List<EmailLog> found =
        store.findLogs(
            new LogSearch(
                query.accountId(), request.filter(), created, delivered, after, size + 1));
    if (found.size() <= size) {
      return new LogPage(found, Optional.empty());
    }
    List<EmailLog> page = found.subList(0, size);
    PageToken next =
        new PageToken(
            query.accountId(), fingerprint, created, delivered, Position.of(page.get(size - 1)));
    return new LogPage(page, Optional.of(tokens.encode(next)));
  }
}
