package io.emaillogs.benchmarks;

import io.emaillogs.application.SearchLogsUseCase;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * filtered_page_ms: page 1 (50 logs) through the query use case for each filter of SPEC section 4,
 * each with an explicit 7-day created window, against the same window unfiltered. Rounds go through
 * every query in turn so drift hits all alike. The goal: p50 and p99 each within 3x of the
 * unfiltered page's.
 */
final class FilteredPageBench {
  static final double GOAL = 3.0;

  private FilteredPageBench() {}

  /** The filters, by name, with values that exist in {@link DataSet}. */
  static Map<String, Map<String, String>> filters(Instant now) {
    Map<String, Map<String, String>> f = new LinkedHashMap<>();
    f.put("none", Map.of());
    f.put("email", Map.of("email", DataSet.EMAIL));
    f.put("recipientDomain", Map.of("recipientDomain", DataSet.RECIPIENT_DOMAIN));
    f.put("refId", Map.of("refId", DataSet.REF_ID));
    f.put("status", Map.of("status", "bounced"));
    f.put("fromAddress", Map.of("fromAddress", DataSet.FROM));
    f.put("subject", Map.of("subject", DataSet.SUBJECT));
    f.put("campaignId", Map.of("campaignId", DataSet.CAMPAIGN));
    f.put("recipientType", Map.of("recipientType", "bcc"));
    f.put("failedReason", Map.of("failedReason", DataSet.FAILED_REASON));
    f.put(
        "deliveredWindow",
        Map.of(
            "startDeliveredDate", now.minus(Duration.ofDays(2)).toString(),
            "endDeliveredDate", now.toString()));
    return f;
  }

  static void run(Bench b) {
    SearchLogsUseCase search = b.logs.searchLogs();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, Map<String, String>> filters = filters(now);
    Map<String, SearchLogsQuery> queries = new LinkedHashMap<>();
    Map<String, Integer> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : filters.entrySet()) {
      Map<String, List<String>> p = new HashMap<>();
      p.put("pageSize", List.of("50"));
      p.put("startCreatedAt", List.of(now.minus(Duration.ofDays(7)).toString()));
      p.put("endCreatedAt", List.of(now.toString()));
      e.getValue().forEach((k, v) -> p.put(k, List.of(v)));
      queries.put(e.getKey(), new SearchLogsQuery(b.reader.id(), p));
    }
    int n = b.sizes.filterSamples();
    int warm = Math.max(3, n / 10);
    Map<String, long[]> nanos = new LinkedHashMap<>();
    queries.keySet().forEach(k -> nanos.put(k, new long[n]));
    for (int round = 0; round < n + warm; round++) {
      for (Map.Entry<String, SearchLogsQuery> q : queries.entrySet()) {
        long t0 = System.nanoTime();
        int found = search.search(q.getValue()).logs().size();
        long t = System.nanoTime() - t0;
        rows.put(q.getKey(), found);
        if (round >= warm) {
          nanos.get(q.getKey())[round - warm] = t;
        }
      }
    }
    Stats base = Stats.ofNanosAsMillis(nanos.get("none"));
    for (Map.Entry<String, long[]> e : nanos.entrySet()) {
      Stats s = Stats.ofNanosAsMillis(e.getValue());
      Figure fig =
          Figure.of("filtered_page_ms." + e.getKey(), s.p50(), "ms")
              .with("p99_ms", s.p99())
              .with("rows", rows.get(e.getKey()));
      if (!e.getKey().equals("none")) {
        double r50 = s.p50() / base.p50();
        double r99 = s.p99() / base.p99();
        fig =
            fig.with("x_unfiltered_p50", r50)
                .with("x_unfiltered_p99", r99)
                .withGoal("p50 and p99 <= 3x unfiltered", r50 <= GOAL && r99 <= GOAL);
      } else {
        fig = fig.with("samples", n);
      }
      b.report.add(fig);
    }
  }
}
