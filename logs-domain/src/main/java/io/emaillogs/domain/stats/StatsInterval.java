package io.emaillogs.domain.stats;

import io.emaillogs.domain.InvalidRequestException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How statistics are bucketed in time; bucket edges are UTC. */
public enum StatsInterval {
  HOUR,
  DAY,
  /** One bucket for the whole window, starting at the window's start. */
  TOTAL;

  /** The lower-case name used on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The first instant of the bucket holding {@code createdAt}; for {@link #TOTAL}, {@code
   * windowStart}.
   */
  public Instant bucketStart(Instant createdAt, Instant windowStart) {
    return switch (this) {
      case HOUR -> createdAt.truncatedTo(ChronoUnit.HOURS);
      case DAY -> createdAt.truncatedTo(ChronoUnit.DAYS);
      case TOTAL -> windowStart;
    };
  }

  /**
   * Parses {@code hour}, {@code day} or {@code total}; null means the default, day.
   *
   * @throws InvalidRequestException {@code Invalid interval: <value>} for anything else
   */
  public static StatsInterval parse(String value) {
    if (value == null) {
      return DAY;
    }
    for (StatsInterval i : values()) {
      if (i.wireName().equals(value)) {
        return i;
      }
    }
    throw new InvalidRequestException("Invalid interval: " + value);
  }
}
