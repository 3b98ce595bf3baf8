package io.emaillogs.application;

import io.emaillogs.domain.EmailLog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One page of an account's logs (the query API, SPEC section 4). */
public interface SearchLogsUseCase {

  /**
   * Validates the parameters, opens the page token if any, and reads one page.
   *
   * @throws io.emaillogs.domain.InvalidRequestException with the spec's message (including {@code
   *     invalid page token})
   */
  LogPage search(SearchLogsQuery query);

  /**
   * A query of account {@code accountId} with the raw query-string multimap {@code parameters}
   * (names to every value given, so repeats can be refused).
   */
  record SearchLogsQuery(long accountId, Map<String, List<String>> parameters) {
    public SearchLogsQuery {
      parameters = Map.copyOf(parameters);
    }
  }

  /** A page; {@code nextPageToken} is empty on the last page. */
  record LogPage(List<EmailLog> logs, Optional<String> nextPageToken) {
    public LogPage {
      logs = List.copyOf(logs);
      Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
  }
}
