package io.emaillogs.benchmarks;

import io.emaillogs.application.SearchLogsUseCase;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * page_depth_ratio: page 1,000 (reached by following the page tokens) against page 1, 50 logs a
 * page, through the query use case on PostgreSQL; beside it the same pages read with OFFSET by raw
 * SQL on the same table. Timings alternate page 1 and page 1,000, so drift hits both alike.
 */
final class PageDepthBench {
  static final int PAGE_SIZE = 50;
  static final int DEPTH = 1_000;

  private PageDepthBench() {}

  static void run(Bench b) throws SQLException {
    if ((long) PAGE_SIZE * DEPTH > b.sizes.logs()) {
      throw new IllegalStateException("too few logs for page " + DEPTH);
    }
    SearchLogsUseCase search = b.logs.searchLogs();
    long account = b.reader.id();
    long walkStart = System.nanoTime();
    LogPage page = search.search(query(account, null));
    String tokenOfDeepPage = null;
    for (int i = 2; i <= DEPTH; i++) {
      tokenOfDeepPage = page.nextPageToken().orElseThrow(() -> new IllegalStateException("ended"));
      page = search.search(query(account, tokenOfDeepPage));
    }
    double walkSeconds = (System.nanoTime() - walkStart) / 1e9;
    check(page);

    int n = b.sizes.pageSamples();
    long[] first = new long[n];
    long[] deep = new long[n];
    for (int i = 0; i < n + n / 10; i++) { // the first tenth warms up
      long t0 = System.nanoTime();
      check(search.search(query(account, null)));
      long t1 = System.nanoTime();
      check(search.search(query(account, tokenOfDeepPage)));
      long t2 = System.nanoTime();
      if (i >= n / 10) {
        first[i - n / 10] = t1 - t0;
        deep[i - n / 10] = t2 - t1;
      }
    }
    Stats f = Stats.ofNanosAsMillis(first);
    Stats d = Stats.ofNanosAsMillis(deep);

    long[] offFirst = new long[n];
    long[] offDeep = new long[n];
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofDays(7));
    try (Connection c = b.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT * FROM email_logs WHERE account_id = ? AND created_at >= ?"
                    + " AND created_at <= ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
      ps.setLong(1, account);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setInt(4, PAGE_SIZE);
      for (int i = 0; i < n + n / 10; i++) {
        long t0 = System.nanoTime();
        readOffset(ps, 0);
        long t1 = System.nanoTime();
        readOffset(ps, (DEPTH - 1) * PAGE_SIZE);
        long t2 = System.nanoTime();
        if (i >= n / 10) {
          offFirst[i - n / 10] = t1 - t0;
          offDeep[i - n / 10] = t2 - t1;
        }
      }
    }
    Stats of = Stats.ofNanosAsMillis(offFirst);
    Stats od = Stats.ofNanosAsMillis(offDeep);
    double ratio = d.p50() / f.p50();
    double offsetRatio = od.p50() / of.p50();
    b.report.add(
        Figure.of("page_depth_ratio", ratio, "")
            .with("page1_p50_ms", f.p50())
            .with("page1000_p50_ms", d.p50())
            .with("page1_p99_ms", f.p99())
            .with("page1000_p99_ms", d.p99())
            .with("offset_ratio", offsetRatio)
            .with("offset_page1_p50_ms", of.p50())
            .with("offset_page1000_p50_ms", od.p50())
            .with("walk_to_page1000_s", walkSeconds)
            .with("samples", n)
            .withGoal("<= 1.3", ratio <= 1.3));
  }

  private static void readOffset(PreparedStatement ps, int offset) throws SQLException {
    ps.setInt(5, offset);
    int rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int col = 1; col <= columns; col++) {
          rs.getObject(col);
        }
        rows++;
      }
    }
    if (rows != PAGE_SIZE) {
      throw new IllegalStateException("OFFSET " + offset + " gave " + rows + " rows");
    }
  }

  static SearchLogsQuery query(long account, String token) {
    Map<String, List<String>> p = new HashMap<>();
    p.put("pageSize", List.of(String.valueOf(PAGE_SIZE)));
    if (token != null) {
      p.put("pageToken", List.of(token));
    }
    return new SearchLogsQuery(account, p);
  }

  private static void check(LogPage page) {
    if (page.logs().size() != PAGE_SIZE) {
      throw new IllegalStateException("a page held " + page.logs().size() + " logs");
    }
  }
}
