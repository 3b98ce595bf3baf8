package io.emaillogs.domain.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One bucket of the statistics answer: the logs created in {@code [start, next start)} (for {@link
 * StatsInterval#TOTAL}: the whole window, {@code start} its start) and of {@code group} (null when
 * not split, or for logs without a campaign).
 */
public record StatsBucket(Instant start, String group, DeliveryCounts counts) {
  private static final Comparator<StatsBucket> ORDER =
      Comparator.comparing(StatsBucket::start)
          .thenComparing(StatsBucket::group, Comparator.nullsFirst(Comparator.naturalOrder()));

  public StatsBucket {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(counts, "counts");
  }

  /**
   * Sums hourly counts into the buckets of {@code interval}, in time order then by group (no group
   * first), leaving out the empty ones.
   *
   * @param windowStart the start of the window, the start of the {@link StatsInterval#TOTAL} bucket
   */
  public static List<StatsBucket> aggregate(
      List<HourlyCounts> hours, StatsInterval interval, Instant windowStart) {
    Map<StatsBucket, DeliveryCounts> sums = new TreeMap<>(ORDER);
    for (HourlyCounts hour : hours) {
      StatsBucket key =
          new StatsBucket(
              interval.bucketStart(hour.hour(), windowStart), hour.group(), DeliveryCounts.ZERO);
      sums.merge(key, hour.counts(), DeliveryCounts::plus);
    }
    List<StatsBucket> buckets = new ArrayList<>(sums.size());
    sums.forEach(
        (key, counts) -> {
          if (counts.total() != 0) {
            buckets.add(new StatsBucket(key.start(), key.group(), counts));
          }
        });
    return buckets;
  }
}
