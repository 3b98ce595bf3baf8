package io.emaillogs.domain.stats;

import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.Parameters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated request of the statistics API ({@code GET /v1/email/stats}): the created window the
 * caller gave (null when none; {@link #resolveWindow} adds the 7-day default), the filters, the
 * interval and the dimension to split on (null: none).
 */
public record StatsQuery(
    DateWindow createdWindow, StatsFilter filter, StatsInterval interval, StatsDimension groupBy) {

  /** The longest created window statistics may cover; exactly 93 days is allowed. */
  public static final int MAX_DAYS = 93;

  /** Days of the default window. */
  public static final int DEFAULT_DAYS = 7;

  /** The parameters the statistics API accepts. */
  public static final Set<String> PARAMETERS =
      Set.of(
          "startCreatedAt",
          "endCreatedAt",
          "campaignId",
          "fromAddress",
          "recipientDomain",
          "interval",
          "groupBy");

  /**
   * Validates the raw query-string multimap with the wording of SPEC section 4, in this order:
   * unknown then repeated parameters, the created window (both bounds or neither, at most 93 days),
   * interval, groupBy.
   *
   * @throws io.emaillogs.domain.InvalidRequestException {@code Invalid query parameter: x}, {@code
   *     Duplicate query parameter: x}, the window messages, {@code Invalid interval: x}, {@code
   *     Invalid groupBy: x}
   */
  public static StatsQuery parse(Map<String, List<String>> raw) {
    Parameters p = Parameters.check(raw, PARAMETERS);
    DateWindow window =
        DateWindow.between(
            "startCreatedAt",
            p.get("startCreatedAt"),
            "endCreatedAt",
            p.get("endCreatedAt"),
            MAX_DAYS);
    StatsFilter filter =
        new StatsFilter(p.get("campaignId"), p.get("fromAddress"), p.get("recipientDomain"));
    return new StatsQuery(
        window,
        filter,
        StatsInterval.parse(p.get("interval")),
        StatsDimension.parse(p.get("groupBy")));
  }

  /** The caller's window, or the last {@value #DEFAULT_DAYS} days before {@code now}. */
  public DateWindow resolveWindow(Instant now) {
    return createdWindow != null ? createdWindow : DateWindow.lastDays(now, DEFAULT_DAYS);
  }
}
