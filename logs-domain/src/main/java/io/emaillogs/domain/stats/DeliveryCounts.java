package io.emaillogs.domain.stats;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import java.util.Arrays;

/**
 * Counts over a set of logs: how many, how many per current status, how many with a deliveredDate,
 * opened, clicked. Immutable; {@link #plus} and {@link #minus} combine counts, so a store can keep
 * them as rollups and move a log from its old counts to its new ones. The values are laid out as
 * {@link #SLOTS} longs: total, one per {@link LogStatus} in declaration order, delivered, opened,
 * clicked.
 */
public final class DeliveryCounts {
  /** Number of values: total, nine statuses, delivered, opened, clicked. */
  public static final int SLOTS = 1 + LogStatus.values().length + 3;

  private static final int DELIVERED = 1 + LogStatus.values().length;
  private static final int OPENED = DELIVERED + 1;
  private static final int CLICKED = DELIVERED + 2;

  /** No logs. */
  public static final DeliveryCounts ZERO = new DeliveryCounts(new long[SLOTS]);

  private final long[] values;

  private DeliveryCounts(long[] values) {
    this.values = values;
  }

  /** What one log contributes. */
  public static DeliveryCounts of(EmailLog log) {
    long[] v = new long[SLOTS];
    v[0] = 1;
    v[1 + log.status().ordinal()] = 1;
    v[DELIVERED] = log.deliveredDate() != null ? 1 : 0;
    v[OPENED] = log.opened() ? 1 : 0;
    v[CLICKED] = log.clicked() ? 1 : 0;
    return new DeliveryCounts(v);
  }

  /**
   * Counts from their {@link #SLOTS} values, in the layout of the class description.
   *
   * @throws IllegalArgumentException when there are not {@link #SLOTS} values
   */
  public static DeliveryCounts ofValues(long... values) {
    if (values.length != SLOTS) {
      throw new IllegalArgumentException("expected " + SLOTS + " values, got " + values.length);
    }
    return new DeliveryCounts(values.clone());
  }

  /** The {@link #SLOTS} values, a copy. */
  public long[] values() {
    return values.clone();
  }

  /** The value at {@code slot} of the layout. */
  public long value(int slot) {
    return values[slot];
  }

  public DeliveryCounts plus(DeliveryCounts other) {
    long[] v = values.clone();
    for (int i = 0; i < SLOTS; i++) {
      v[i] += other.values[i];
    }
    return new DeliveryCounts(v);
  }

  public DeliveryCounts minus(DeliveryCounts other) {
    long[] v = values.clone();
    for (int i = 0; i < SLOTS; i++) {
      v[i] -= other.values[i];
    }
    return new DeliveryCounts(v);
  }

  /** True when every value is 0. */
  public boolean isZero() {
    for (long value : values) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  public long total() {
    return values[0];
  }

  /** Logs whose current status is {@code status}. */
  public long status(LogStatus status) {
    return values[1 + status.ordinal()];
  }

  /** Logs with a deliveredDate. */
  public long delivered() {
    return values[DELIVERED];
  }

  /** Logs with the opened flag. */
  public long opened() {
    return values[OPENED];
  }

  /** Logs with the clicked flag. */
  public long clicked() {
    return values[CLICKED];
  }

  /** delivered / total; null when total is 0. */
  public Double deliveryRate() {
    return rate(delivered(), total());
  }

  /** bounced / total; null when total is 0. */
  public Double bounceRate() {
    return rate(status(LogStatus.BOUNCED), total());
  }

  /** opened / delivered; null when delivered is 0. */
  public Double openRate() {
    return rate(opened(), delivered());
  }

  /** clicked / delivered; null when delivered is 0. */
  public Double clickRate() {
    return rate(clicked(), delivered());
  }

  /** spam / delivered; null when delivered is 0. */
  public Double complaintRate() {
    return rate(status(LogStatus.SPAM), delivered());
  }

  /** {@code part / whole} rounded to four decimals; null when {@code whole} is 0. */
  static Double rate(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryCounts other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "DeliveryCounts" + Arrays.toString(values);
  }
}
