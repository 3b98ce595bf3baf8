package io.emaillogs.application;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.stats.StatsBucket;
import io.emaillogs.domain.stats.StatsQuery;
import java.time.Clock;

final class DeliveryStatsService implements DeliveryStatsUseCase {
  private final LogStore store;
  private final Clock clock;

  DeliveryStatsService(LogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public DeliveryStats stats(StatsRequest request) {
    StatsQuery query = StatsQuery.parse(request.parameters());
    DateWindow window = query.resolveWindow(clock.instant());
    var hours =
        store.countByHour(
            new StatsSearch(
                request.accountId(), window, query.filter(), query.groupBy(), query.interval()));
    return new DeliveryStats(
        window,
        query.interval(),
        query.groupBy(),
        StatsBucket.aggregate(hours, query.interval(), window.start()));
  }
}
