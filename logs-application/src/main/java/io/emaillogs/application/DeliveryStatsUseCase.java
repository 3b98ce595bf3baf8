package io.emaillogs.application;

import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.stats.StatsBucket;
import io.emaillogs.domain.stats.StatsDimension;
import io.emaillogs.domain.stats.StatsInterval;
import java.util.List;
import java.util.Map;

/** Delivery statistics over the logs created in a window ({@code GET /v1/email/stats}). */
public interface DeliveryStatsUseCase {

  /**
   * Validates the parameters and counts the account's logs.
   *
   * @throws io.emaillogs.domain.InvalidRequestException with the spec's message
   */
  DeliveryStats stats(StatsRequest request);

  /** A statistics request of account {@code accountId} with the raw query-string multimap. */
  record StatsRequest(long accountId, Map<String, List<String>> parameters) {
    public StatsRequest {
      parameters = Map.copyOf(parameters);
    }
  }

  /**
   * The answer: the resolved window, the interval, the dimension split on (null: none) and the
   * non-empty buckets in time order, then by group.
   */
  record DeliveryStats(
      DateWindow window,
      StatsInterval interval,
      StatsDimension groupBy,
      List<StatsBucket> buckets) {
    public DeliveryStats {
      buckets = List.copyOf(buckets);
    }
  }
}
