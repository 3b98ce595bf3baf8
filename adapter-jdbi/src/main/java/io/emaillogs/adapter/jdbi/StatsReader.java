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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Answers {@link io.emaillogs.application.port.LogStore#countByHour}: the whole hours of the window
 * from the rollups ({@code stats_hourly_account} when there is neither filter nor split, else
 * {@code stats_hourly}), and the window's partial first and last hours, if any, from the logs
 * themselves through the index {@code email_logs_page} (at most two hours of one account's logs; an
 * hour-aligned window reads the logs of its very last instant only).
 */
final class StatsReader {
  private static final String SUMS =
      String.join(
          ", ",
          RollupWriter.COUNT_COLUMNS.stream()
              .map(c -> "CAST(SUM(" + c + ") AS BIGINT) AS " + c)
              .toList());

  private StatsReader() {}

  static List<HourlyCounts> count(Handle h, StatsSearch search, Dialect dialect) {
    DateWindow window = search.createdWindow();
    Instant from = Micros.ceil(window.start());
    Instant to = Micros.floor(window.end());
    if (from.isAfter(to)) {
      return List.of();
    }
    Instant firstWhole = ceilHour(from);
    Instant endWhole = to.truncatedTo(ChronoUnit.HOURS); // exclusive: its hour reaches past `to`
    List<HourlyCounts> out = new ArrayList<>();
    if (!firstWhole.isBefore(endWhole)) {
      out.addAll(fromLogs(h, search, from, to));
      return out;
    }
    if (from.isBefore(firstWhole)) {
      out.addAll(fromLogs(h, search, from, firstWhole.minusNanos(1000)));
    }
    out.addAll(fromRollups(h, search, firstWhole, endWhole, dialect));
    out.addAll(fromLogs(h, search, endWhole, to));
    return out;
  }

  private static Instant ceilHour(Instant t) {
    Instant floor = t.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(t) ? t : floor.plus(Duration.ofHours(1));
  }

  /**
   * Sums of the rollup rows of the hours {@code [from, to)}, summed per bucket of the interval in
   * SQL (hour, UTC day, or the whole range), so a long window returns few rows.
   */
  private static List<HourlyCounts> fromRollups(
      Handle h, StatsSearch search, Instant from, Instant to, Dialect dialect) {
    StatsFilter f = search.filter();
    StatsDimension groupBy = search.groupBy();
    boolean detail = !f.isEmpty() || groupBy != null;
    String groupColumn = groupColumn(groupBy);
    String period = period(search.interval(), dialect);
    List<String> groups = new ArrayList<>();
    if (period != null) {
      groups.add(period);
    }
    if (groupColumn != null) {
      groups.add(groupColumn);
    }
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(period == null ? "" : period + " AS period, ")
            .append(groupColumn == null ? "" : groupColumn + " AS grp, ")
            .append(SUMS)
            .append(" FROM ")
            .append(detail ? "stats_hourly" : "stats_hourly_account")
            .append(" WHERE account_id = :accountId AND hour_start >= :from AND hour_start < :to");
    Map<String, Object> bind = new LinkedHashMap<>();
    if (f.campaignId() != null) {
      sql.append(" AND campaign_key = :campaignKey AND campaign_id = :campaignId");
      bind.put("campaignKey", RollupKey.campaignKey(f.campaignId()));
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
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", groups));
    }
    sql.append(" HAVING SUM(total) <> 0");
    Query q =
        h.createQuery(sql.toString())
            .bind("accountId", search.accountId())
            .bindByType("from", from, Instant.class)
            .bindByType("to", to, Instant.class);
    bind.forEach((name, value) -> q.bindByType(name, value, String.class));
    Instant windowStart = search.createdWindow().start();
    return q.map(
            (rs, ctx) ->
                new HourlyCounts(
                    period == null ? windowStart : Columns.instant(rs, "period"),
                    groupColumn == null ? null : rs.getString("grp"),
                    sums(rs)))
        .list();
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

  private static DeliveryCounts sums(ResultSet rs) throws SQLException {
    long[] v = new long[DeliveryCounts.SLOTS];
    for (int i = 0; i < v.length; i++) {
      v[i] = rs.getLong(RollupWriter.COUNT_COLUMNS.get(i));
    }
    return DeliveryCounts.ofValues(v);
  }

  /** Counts of the logs created in {@code [from, to]}, read from the logs. */
  private static List<HourlyCounts> fromLogs(
      Handle h, StatsSearch search, Instant from, Instant to) {
    StatsFilter f = search.filter();
    StringBuilder sql =
        new StringBuilder(
            "SELECT created_at, campaign_id, from_key, recipient_domain, status, delivered_at,"
                + " opened, clicked FROM email_logs WHERE account_id = :accountId"
                + " AND created_at >= :from AND created_at <= :to");
    Map<String, Object> bind = new LinkedHashMap<>();
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
    Query q =
        h.createQuery(sql.toString())
            .bind("accountId", search.accountId())
            .bindByType("from", from, Instant.class)
            .bindByType("to", to, Instant.class);
    bind.forEach((name, value) -> q.bindByType(name, value, String.class));
    String groupColumn = groupColumn(search.groupBy());
    Map<List<Object>, DeliveryCounts> hours = new HashMap<>();
    q.map(
            (rs, ctx) -> {
              Instant hour = Columns.instant(rs, "created_at").truncatedTo(ChronoUnit.HOURS);
              String group = groupColumn == null ? null : rs.getString(groupColumn);
              hours.merge(java.util.Arrays.asList(hour, group), one(rs), DeliveryCounts::plus);
              return hour;
            })
        .forEach(ignored -> {});
    List<HourlyCounts> out = new ArrayList<>(hours.size());
    hours.forEach((k, c) -> out.add(new HourlyCounts((Instant) k.get(0), (String) k.get(1), c)));
    return out;
  }

  private static DeliveryCounts one(ResultSet rs) throws SQLException {
    long[] v = new long[DeliveryCounts.SLOTS];
    v[0] = 1;
    v[1 + Columns.wireEnum(rs, "status", LogStatus.class).ordinal()] = 1;
    int flags = 1 + LogStatus.values().length;
    v[flags] = rs.getObject("delivered_at") != null ? 1 : 0;
    v[flags + 1] = rs.getBoolean("opened") ? 1 : 0;
    v[flags + 2] = rs.getBoolean("clicked") ? 1 : 0;
    return DeliveryCounts.ofValues(v);
  }
}
