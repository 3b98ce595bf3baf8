package io.emaillogs.domain.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * The counts of the logs created in one period (and one group, when statistics are split; null
 * group otherwise, or for logs without a campaign). {@code hour} is the period's first instant: a
 * UTC hour, or the start of a coarser bucket that contains whole hours (a UTC day, a window).
 */
public record HourlyCounts(Instant hour, String group, DeliveryCounts counts) {
  public HourlyCounts {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(counts, "counts");
  }
}
