package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.stats.DeliveryCounts;
import io.emaillogs.domain.stats.HourlyCounts;
import io.emaillogs.domain.stats.StatsDimension;
import io.emaillogs.domain.stats.StatsFilter;
import io.emaillogs.domain.stats.StatsInterval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Answers {@link io.emaillogs.application.port.LogStore#countByHour} in one statement (so one
 * snapshot and one round trip): the whole hours of the window from the rollups ({@code
 * stats_hourly_account} when there is neither filter nor split, else {@code stats_hourly}), summed
 * per bucket of the interval, UNION ALL the window's partial first and last hours, if any, counted
 * per hour from the logs themselves through the index {@code email_logs_page} (at most two hours of
 * one account's logs; an hour-aligned window reads the logs of its very last instant only).
 */
final class StatsReader {
  private static final String SUMS =
      String.join(
          ", ",
          RollupWriter.COUNT_COLUMNS.stream()
              .map(c -> "CAST(SUM(" + c + ") AS BIGINT) AS " + c)
              .toList());

  /** The same counts over log rows, in the slot order of {@link DeliveryCounts}. */
  private static final String LOG_SUMS = logSums();

  private StatsReader() {}

  private static String logSums() {
    List<String> sums = new ArrayList<>();
    sums.add("CAST(COUNT(*) AS BIGINT)");
    for (LogStatus status : LogStatus.values()) {
      sums.add(
          "CAST(SUM(CASE WHEN status = '" + status.wireName() + "' THEN 1 ELSE 0 END) AS BIGINT)");
    }
    sums.add("CAST(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)");
    sums.add("CAST(SUM(CASE WHEN opened THEN 1 ELSE 0 END) AS BIGINT)");
    sums.add("CAST(SUM(CASE WHEN clicked THEN 1 ELSE 0 END) AS BIGINT)");
    return String.join(", ", sums);
  }

  static List<HourlyCounts> count(Handle h, StatsSearch search, Dialect dialect) {
    DateWindow window = search.createdWindow();
    Instant from = Micros.ceil(window.start());
    Instant to = Micros.floor(window.end());
    if (from.isAfter(to)) {
      return List.of();
    }
    Instant firstWhole = ceilHour(from);
    Instant endWhole = to.truncatedTo(ChronoUnit.HOURS); // exclusive: its hour reaches past `to`
    Map<String, Object> bind = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    String filters = filters(search.filter(), bind);
    if (!firstWhole.isBefore(endWhole)) {
      parts.add(fromLogs(search, dialect, filters, "e1"));
      bind.put("e1From", from);
      bind.put("e1To", to);
    } else {
      if (from.isBefore(firstWhole)) {
        parts.add(fromLogs(search, dialect, filters, "e1"));
        bind.put("e1From", from);
        bind.put("e1To", firstWhole.minusNanos(1000));
      }
      parts.add(fromRollups(search, dialect, filters));
      if (search.filter().campaignId() != null) {
        bind.put("campaignKey", RollupKey.campaignKey(search.filter().campaignId()));
      }
      bind.put("rFrom", firstWhole);
      bind.put("rTo", endWhole);
      parts.add(fromLogs(search, dialect, filters, "e2"));
      bind.put("e2From", endWhole);
      bind.put("e2To", to);
    }
    Query q =
        h.createQuery(String.join(" UNION ALL ", parts)).bind("accountId", search.accountId());
    bind.forEach(
        (name, value) -> {
          if (value instanceof Instant t) {
            q.bindByType(name, t, Instant.class);
          } else {
            q.bindByType(name, value, String.class);
          }
        });
    boolean grouped = search.groupBy() != null;
    return q.map(
            (rs, ctx) ->
                new HourlyCounts(
                    Columns.instant(rs, "period"),
                    grouped ? rs.getString("grp") : null,
                    sums(rs, grouped ? 3 : 2)))
        .list();
  }

  private static Instant ceilHour(Instant t) {
    Instant floor = t.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(t) ? t : floor.plus(Duration.ofHours(1));
  }

  /** The filters as {@code AND ...} on columns both tables share. */
  private static String filters(StatsFilter f, Map<String, Object> bind) {
    StringBuilder sql = new StringBuilder();
    if (f.campaignId() != null) {
      sql.append(" AND campaign_id = :campaignId");
      bind.put("campaignId", f.campaignId());
    }
    if (f.fromAddress() != null) {
      sql.append(" AND from_key = :fromKey");
      bind.put("fromKey", f.fromAddress());
    }
    if (f.recipientDomain() != null) {
      sql.append(" AND recipient_domain = :recipientDomain");
      bind.put("recipientDomain", f.recipientDomain());
    }
    return sql.toString();
  }

  /**
   * The rollup rows of the hours {@code [rFrom, rTo)}, summed per bucket of the interval (hour, UTC
   * day; for the whole window one row whose period is any of its hours), so a long window returns
   * few rows.
   */
  private static String fromRollups(StatsSearch search, Dialect dialect, String filters) {
    StatsFilter f = search.filter();
    String groupColumn = groupColumn(search.groupBy());
    boolean detail = !f.isEmpty() || groupColumn != null;
    String period = period(search.interval(), dialect);
    List<String> groups = new ArrayList<>();
    if (period != null) {
      groups.add(period);
    }
    if (groupColumn != null) {
      groups.add(groupColumn);
    }
    return "SELECT "
        + (period == null ? "MIN(hour_start)" : period)
        + " AS period, "
        + (groupColumn == null ? "" : groupColumn + " AS grp, ")
        + SUMS
        + " FROM "
        + (detail ? "stats_hourly" : "stats_hourly_account")
        + " WHERE account_id = :accountId AND hour_start >= :rFrom AND hour_start < :rTo"
        + (f.campaignId() != null ? " AND campaign_key = :campaignKey" : "")
        + filters
        + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups))
        + " HAVING SUM(total) <> 0";
  }

  /** The logs created in {@code [<p>From, <p>To]}, counted per hour of createdAt. */
  private static String fromLogs(StatsSearch search, Dialect dialect, String filters, String p) {
    String groupColumn = groupColumn(search.groupBy());
    String hour = hourOf("created_at", dialect);
    return "SELECT "
        + hour
        + " AS period, "
        + (groupColumn == null ? "" : groupColumn + " AS grp, ")
        + LOG_SUMS
        + " FROM email_logs WHERE account_id = :accountId AND created_at >= :"
        + p
        + "From AND created_at <= :"
        + p
        + "To"
        + filters
        + " GROUP BY "
        + hour
        + (groupColumn == null ? "" : ", " + groupColumn);
  }

  private static String hourOf(String column, Dialect dialect) {
    return dialect == Dialect.POSTGRES
        ? "(date_trunc('hour', " + column + " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')"
        : "CAST(DATE_TRUNC('HOUR', " + column + " AT TIME ZONE 'UTC') AS TIMESTAMP WITH TIME ZONE)";
  }

  /** The SQL of a rollup row's bucket start; null for the whole window. */
  private static String period(StatsInterval interval, Dialect dialect) {
    return switch (interval) {
      case HOUR -> "hour_start";
      case DAY ->
          dialect == Dialect.POSTGRES
              ? "(date_trunc('day', hour_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')"
              : "CAST(DATE_TRUNC('DAY', hour_start AT TIME ZONE 'UTC') AS TIMESTAMP WITH TIME ZONE)";
      case TOTAL -> null;
    };
  }

  private static String groupColumn(StatsDimension groupBy) {
    if (groupBy == null) {
      return null;
    }
    return switch (groupBy) {
      case CAMPAIGN_ID -> "campaign_id";
      case FROM_ADDRESS -> "from_key";
      case RECIPIENT_DOMAIN -> "recipient_domain";
    };
  }

  /** The counts in the columns from {@code first} on (the union's later parts name none). */
  private static DeliveryCounts sums(ResultSet rs, int first) throws SQLException {
    long[] v = new long[DeliveryCounts.SLOTS];
    for (int i = 0; i < v.length; i++) {
      v[i] = rs.getLong(first + i);
    }
    return DeliveryCounts.ofValues(v);
  }
}
