package io.emaillogs.application.port;

import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.stats.StatsDimension;
import io.emaillogs.domain.stats.StatsFilter;
import io.emaillogs.domain.stats.StatsInterval;
import java.util.Objects;

/**
 * One statistics query for {@link LogStore#countByHour}: the account's logs created in {@code
 * createdWindow} (inclusive) that pass {@code filter}, counted per UTC hour of createdAt and, when
 * {@code groupBy} is not null, per value of that dimension. {@code interval} is the bucketing the
 * caller will apply ({@link io.emaillogs.domain.stats.StatsBucket#aggregate}): a store may count
 * per hour, or already per bucket of that interval.
 */
public record StatsSearch(
    long accountId,
    DateWindow createdWindow,
    StatsFilter filter,
    StatsDimension groupBy,
    StatsInterval interval) {
  public StatsSearch {
    Objects.requireNonNull(createdWindow, "createdWindow");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(interval, "interval");
  }
}
