package io.emaillogs.benchmarks;

import io.emaillogs.application.DeliveryStatsUseCase;
import io.emaillogs.application.DeliveryStatsUseCase.DeliveryStats;
import io.emaillogs.application.DeliveryStatsUseCase.StatsRequest;
import io.emaillogs.domain.stats.StatsBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * stats_ms: p50 and p99 of the delivery statistics of the read account through the use case on
 * PostgreSQL, 93 days by day (an hour-aligned window holding all the data set's logs), against the
 * same answer computed in the same run by a GROUP BY over the logs table (raw SQL, the same window
 * and counts), whose totals must equal the use case's. Beside it, as diagnostics: a campaign
 * filter, a split by campaign over the whole window, and the default (not hour-aligned) 7-day
 * window, whose partial first and last hours are read from the logs.
 */
final class StatsBench {
  static final double GOAL_P99_MS = 20;
  static final double GOAL_X = 20;

  private static final String GROUP_BY =
      "SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, COUNT(*) AS total,"
          + " SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'bounced' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'opened' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'clicked' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'spam' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'unsubscribed' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN opened THEN 1 ELSE 0 END), SUM(CASE WHEN clicked THEN 1 ELSE 0 END)"
          + " FROM email_logs WHERE account_id = ? AND created_at >= ? AND created_at <= ?"
          + " GROUP BY 1 ORDER BY 1";

  private StatsBench() {}

  static void run(Bench b) throws SQLException {
    DeliveryStatsUseCase stats = b.logs.deliveryStats();
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Instant start = end.minus(Duration.ofDays(93));
    Map<String, Map<String, String>> queries = new LinkedHashMap<>();
    queries.put("93d_by_day", Map.of());
    queries.put("93d_by_day.campaignId", Map.of("campaignId", DataSet.CAMPAIGN));
    queries.put(
        "93d_total.groupBy_campaignId", Map.of("interval", "total", "groupBy", "campaignId"));
    Map<String, StatsRequest> requests = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
      Map<String, List<String>> p = new HashMap<>();
      p.put("startCreatedAt", List.of(start.toString()));
      p.put("endCreatedAt", List.of(end.toString()));
      q.getValue().forEach((k, v) -> p.put(k, List.of(v)));
      requests.put(q.getKey(), new StatsRequest(b.reader.id(), p));
    }
    requests.put("default_7d_by_day", new StatsRequest(b.reader.id(), Map.of()));

    int n = b.sizes.filterSamples();
    int warm = Math.max(3, n / 10);
    Map<String, long[]> nanos = new LinkedHashMap<>();
    Map<String, Integer> buckets = new LinkedHashMap<>();
    int dn = Math.max(10, n / 4); // the diagnostics: fewer rounds, one of them reads far more
    requests.keySet().forEach(k -> nanos.put(k, new long[k.equals("93d_by_day") ? n : dn]));
    // the headline alone first (the diagnostics' larger reads would disturb its tail), then the
    // diagnostics in turn
    DeliveryStats main = null;
    for (String key : List.of("93d_by_day", "")) {
      int rounds = key.isEmpty() ? dn : n;
      for (int round = 0; round < rounds + warm; round++) {
        for (Map.Entry<String, StatsRequest> r : requests.entrySet()) {
          if (key.isEmpty() == r.getKey().equals("93d_by_day")) {
            continue;
          }
          long t0 = System.nanoTime();
          DeliveryStats answer = stats.stats(r.getValue());
          long t = System.nanoTime() - t0;
          buckets.put(r.getKey(), answer.buckets().size());
          if (round >= warm) {
            nanos.get(r.getKey())[round - warm] = t;
          }
          if (r.getKey().equals("93d_by_day")) {
            main = answer;
          }
        }
      }
    }

    int refSamples = Math.max(5, n / 20);
    long[] refNanos = new long[refSamples];
    List<long[]> reference = List.of();
    try (Connection c = b.db.connect()) {
      for (int i = -1; i < refSamples; i++) { // one warm-up
        long t0 = System.nanoTime();
        reference = groupBy(c, b.reader.id(), start, end);
        if (i >= 0) {
          refNanos[i] = System.nanoTime() - t0;
        }
      }
    }
    List<long[]> fromStats = new ArrayList<>();
    for (StatsBucket bucket : main.buckets()) {
      fromStats.add(bucket.counts().values());
    }
    boolean same = sameRows(reference, fromStats);

    Stats s = Stats.ofNanosAsMillis(nanos.get("93d_by_day"));
    Stats ref = Stats.ofNanosAsMillis(refNanos);
    double x50 = ref.p50() / s.p50();
    double x99 = ref.p99() / s.p99();
    long logs = main.buckets().stream().mapToLong(bb -> bb.counts().total()).sum();
    b.report.add(
        Figure.of("stats_ms", s.p50(), "ms")
            .with("p99_ms", s.p99())
            .with("group_by_p50_ms", ref.p50())
            .with("group_by_p99_ms", ref.p99())
            .with("x_faster_p50", x50)
            .with("x_faster_p99", x99)
            .with("buckets", main.buckets().size())
            .with("logs_counted", logs)
            .with("same_answer_as_group_by", same)
            .with("samples", n)
            .with("group_by_samples", refSamples)
            .withGoal(
                "p99 <= 20 ms and >= 20x faster than GROUP BY, same answer",
                s.p99() <= GOAL_P99_MS && x50 >= GOAL_X && same));
    for (Map.Entry<String, long[]> e : nanos.entrySet()) {
      if (e.getKey().equals("93d_by_day")) {
        continue;
      }
      Stats d = Stats.ofNanosAsMillis(e.getValue());
      b.report.add(
          Figure.of("stats_ms." + e.getKey(), d.p50(), "ms")
              .with("p99_ms", d.p99())
              .with("buckets", buckets.get(e.getKey()))
              .with("samples", dn));
    }
  }

  /** Per UTC day: total, nine statuses, delivered, opened, clicked (the stats slot order). */
  static List<long[]> groupBy(Connection c, long account, Instant start, Instant end)
      throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(GROUP_BY)) {
      ps.setLong(1, account);
      ps.setTimestamp(2, Timestamp.from(start));
      ps.setTimestamp(3, Timestamp.from(end));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] v = new long[13];
          for (int i = 0; i < v.length; i++) {
            v[i] = rs.getLong(i + 2);
          }
          rows.add(v);
        }
      }
    }
    return rows;
  }

  private static boolean sameRows(List<long[]> a, List<long[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
