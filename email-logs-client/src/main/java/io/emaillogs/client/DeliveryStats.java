package io.emaillogs.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Delivery statistics ({@code GET /v1/email/stats}): buckets in time order, then group; empty
 * buckets are omitted. {@code groupBy} is null when not split.
 */
public record DeliveryStats(StatsInterval interval, StatsGroupBy groupBy, List<Bucket> buckets) {

  /**
   * One bucket. {@code group} is null when not split and for logs without a campaign; {@code
   * statuses} counts the logs per current status (all nine wire names); {@code delivered}, {@code
   * opened}, {@code clicked} count the logs with a deliveredDate or the flag.
   */
  public record Bucket(
      Instant start,
      String group,
      long total,
      Map<String, Long> statuses,
      long delivered,
      long opened,
      long clicked,
      Rates rates) {

    /** The logs whose current status is {@code status}. */
    public long count(Status status) {
      return statuses.getOrDefault(status.wireName(), 0L);
    }
  }

  /** The rates of a bucket, 4 decimals; null when the divisor is 0. */
  public record Rates(
      Double deliveryRate,
      Double bounceRate,
      Double openRate,
      Double clickRate,
      Double complaintRate) {}
}
