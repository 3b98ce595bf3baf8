package io.emaillogs.domain.stats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The counts of the logs created in one UTC hour (and one group, when statistics are split; null
 * group otherwise, or for logs without a campaign). {@code hour} is the hour's first instant.
 */
public record HourlyCounts(Instant hour, String group, DeliveryCounts counts) {
  public HourlyCounts {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(counts, "counts");
    if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      throw new IllegalArgumentException("not the start of an hour: " + hour);
    }
  }
}
