package io.emaillogs.domain.query;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated bulk-export request: the filters and windows of the query API (SPEC section 4) with a
 * created window of up to {@value #MAX_CREATED_DAYS} days, no page size or token, and a {@code
 * format}. The delivered window keeps the query API's 7-day limit; with no window at all the
 * created window is the last 7 days, as for the query API.
 */
public record ExportQuery(
    LogFilter filter, DateWindow createdWindow, DateWindow deliveredWindow, ExportFormat format) {

  /** The longest created window an export may ask for. */
  public static final int MAX_CREATED_DAYS = 93;

  /** The parameters the export accepts. */
  public static final Set<String> PARAMETERS = parameters();

  private static Set<String> parameters() {
    Set<String> names = new HashSet<>(LogQuery.PARAMETERS);
    names.remove("pageSize");
    names.remove("pageToken");
    names.add("format");
    return Set.copyOf(names);
  }

  /**
   * Validates the raw query-string multimap: unknown then repeated parameters, the created window
   * (at most 93 days), the delivered window, status, recipientType, format.
   *
   * @throws io.emaillogs.domain.InvalidRequestException with the spec's message
   */
  public static ExportQuery parse(Map<String, List<String>> raw) {
    Parameters p = Parameters.check(raw, PARAMETERS);
    DateWindow created =
        DateWindow.between(
            "startCreatedAt",
            p.get("startCreatedAt"),
            "endCreatedAt",
            p.get("endCreatedAt"),
            MAX_CREATED_DAYS);
    DateWindow delivered =
        DateWindow.between(
            "startDeliveredDate",
            p.get("startDeliveredDate"),
            "endDeliveredDate",
            p.get("endDeliveredDate"));
    LogFilter filter = LogQuery.filter(p);
    return new ExportQuery(filter, created, delivered, ExportFormat.parse(p.get("format")));
  }

  /**
   * The created window to walk: the caller's, or with no window at all the last 7 days before
   * {@code now}; null when only a delivered window was given.
   */
  public DateWindow resolveCreatedWindow(Instant now) {
    if (createdWindow != null || deliveredWindow != null) {
      return createdWindow;
    }
    return DateWindow.lastDays(now, LogQuery.DEFAULT_DAYS);
  }
}
