package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.event;
import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stream.StreamFilter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurements, not checks: run on demand with {@code -Demaillogs.bench=true} (PostgreSQL ones need
 * {@code EMAIL_LOGS_TEST_PG_URL}); they print their numbers and write the EXPLAIN output to {@code
 * target/postgresql-explain.txt}. Add {@code -DargLine=-Xmx64m} to run the scans on a small heap.
 */
@EnabledIfSystemProperty(named = "emaillogs.bench", matches = "true")
class Benchmarks {
  private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

  @TempDir Path dir;

  @Test
  void ingestRateIntoPostgres() {
    try (Databases.Fresh db = Databases.postgres();
        JdbiStores stores = db.open()) {
      LogStore store = stores.logStore();
      int batches = 60;
      // warm-up
      store.append(batchOf(1_000, -1));
      long events = 0;
      long start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        List<IngestEvent> batch = batchOf(1_000, b);
        events += store.append(batch).accepted();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "ingest into PostgreSQL: %d events in %d batches of 1,000 in %.2f s = %.0f events/s%n",
          events, batches, seconds, events / seconds);
      assertThat(events).isEqualTo(batches * 1_000L);
    }
  }

  /** Half new logs, half updates (sent, delivered, opened) of the previous batch's logs. */
  private static List<IngestEvent> batchOf(int size, int b) {
    List<IngestEvent> batch = new ArrayList<>(size);
    int fresh = size / 2;
    for (int i = 0; i < fresh; i++) {
      batch.add(
          queued("b" + b + "-" + i, "user" + i + "@domain" + (i % 50) + ".example")
              .at(T0.plusSeconds(b))
              .subject("Your order " + i)
              .campaign("c" + (i % 20))
              .tags("orders", "t" + (i % 7))
              .build());
    }
    for (int i = 0; i < size - fresh; i++) {
      EventType type = EventType.values()[1 + i % 3]; // sent, delivered, deferred
      String ref = b > 0 ? "b" + (b - 1) + "-" + i : "b" + b + "-" + i;
      batch.add(
          event(type, ref, "user" + i + "@domain" + (i % 50) + ".example")
              .at(T0.plusSeconds(b + 1))
              .reason(type == EventType.DEFERRED ? "421 try later" : null)
              .build());
    }
    return batch;
  }

  @Test
  void scanOf500kEventsOnPostgres() throws Exception {
    try (Databases.Fresh db = Databases.postgres();
        JdbiStores stores = db.open()) {
      stores.logStore().append(List.of(queued("bulk", "a@example.com").build()));
      db.execute(bulkEvents("generate_series(2, 500001) g", "g", "g * INTERVAL '1 millisecond'"));
      db.execute("UPDATE event_counter SET last_value = 500001");
      db.execute("ANALYZE log_events");
      scan("PostgreSQL", stores.logStore(), 500_001);
    }
  }

  @Test
  void scanOf500kEventsOnAnH2File() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath();
    try (JdbiStores stores = JdbiStores.open(url, null, null)) {
      stores.logStore().append(List.of(queued("bulk", "a@example.com").build()));
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(bulkEvents("SYSTEM_RANGE(2, 500001) r", "r.X", "r.X * INTERVAL '0.001' SECOND"));
        s.execute("UPDATE event_counter SET last_value = 500001");
      }
      scan("H2 file", stores.logStore(), 500_001);
    }
  }

  private static String bulkEvents(String rows, String n, String offset) {
    return "INSERT INTO log_events (sequence, event_id, log_id, account_id, sender_domain,"
        + " event_type, occurred_at, ref_id, recipient_address, recipient_key, from_address,"
        + " from_key, subject, campaign_id, tags, reason, user_agent, ip, url)"
        + " SELECT "
        + n
        + ", 'bulk-' || "
        + n
        + ", (SELECT MIN(id) FROM email_logs), 1, 'sender.example', 'delivered',"
        + " TIMESTAMP WITH TIME ZONE '2024-01-15 10:00:00+00' + "
        + offset
        + ", 'bulk', 'a@example.com', 'a@example.com', 'News@Sender.example',"
        + " 'news@sender.example', 'Your order confirmation number ' || "
        + n
        + ", 'spring', '[\"orders\",\"t1\"]', NULL, 'Mozilla/5.0 (X11; Linux x86_64)',"
        + " '203.0.113.7', NULL FROM "
        + rows;
  }

  private static void scan(String name, LogStore store, int expected) {
    EventScan all = new EventScan(1, "sender.example", StreamFilter.parse(Map.of()), 0);
    AtomicLong peak = new AtomicLong();
    AtomicLong count = new AtomicLong();
    System.gc();
    long before = usedHeap();
    long start = System.nanoTime();
    int handed =
        store.scanEvents(
            all,
            StreamFilter.MAX_LIMIT + 1,
            e -> {
              if (count.incrementAndGet() % 10_000 == 0) {
                peak.accumulateAndGet(usedHeap(), Math::max);
              }
              return true;
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s scan: %d events in %.2f s = %.0f events/s; used heap before %d MB, peak sampled %d MB,"
            + " max heap %d MB%n",
        name,
        handed,
        seconds,
        handed / seconds,
        before >> 20,
        peak.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    assertThat(handed).isEqualTo(expected);
  }

  private static long usedHeap() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  /**
   * 200,000 logs (one account holding 150,000, four others the rest) over 30 days, about three
   * events each; then the EXPLAIN (ANALYZE, BUFFERS) of the main query shapes, as the store
   * generates them.
   */
  @Test
  void explainTheMainQueriesOnPostgres() throws Exception {
    try (Databases.Fresh db = Databases.postgres();
        JdbiStores stores = db.open()) {
      long start = System.nanoTime();
      db.execute(
          "INSERT INTO email_logs SELECT g, CASE WHEN g % 4 = 0 THEN 2 + g % 4 / 4 + (g / 4) % 4"
              + " ELSE 1 END, 70, 'ref' || (g / 3), 'user' || (g % 20000) || '@Domain' || (g % 60)"
              + " || '.example', 'user' || (g % 20000) || '@domain' || (g % 60) || '.example',"
              + " 'domain' || (g % 60) || '.example', (ARRAY['to','to','to','cc','bcc'])[1 + g % 5],"
              + " 'Sender' || (g % 8) || '@mail.acme.example', 'sender' || (g % 8) ||"
              + " '@mail.acme.example', 'Subject ' || (g % 300), 'Subject ' || (g % 300),"
              + " s.status, 'normal', 'campaign-' || (g % 40), 'campaign-' || (g % 40),"
              + " '[\"orders\"]', s.status IN ('opened','clicked'), s.status = 'clicked',"
              + " CASE WHEN s.status IN ('bounced','failed') THEN 'reason ' || (g % 12) END,"
              + " CASE WHEN s.status IN ('bounced','failed') THEN 'reason ' || (g % 12) END,"
              + " c.created, CASE WHEN s.status IN ('delivered','opened','clicked') THEN c.created"
              + " + INTERVAL '2 minutes' END, c.created + INTERVAL '5 minutes', c.created +"
              + " INTERVAL '5 minutes', CASE WHEN s.status IN ('bounced','failed') THEN c.created"
              + " END, '{}' FROM generate_series(1, 200000) g,"
              + " LATERAL (SELECT TIMESTAMP WITH TIME ZONE '2024-01-31 00:00:00+00' - (g *"
              + " INTERVAL '12960 milliseconds') AS created) c,"
              + " LATERAL (SELECT (ARRAY['delivered','delivered','delivered','opened','clicked',"
              + "'sent','bounced','failed','queued','delivered'])[1 + (g * 7) % 10] AS status) s");
      db.execute("SELECT setval('email_log_ids', 200000)");
      db.execute(
          "INSERT INTO log_events SELECT row_number() OVER (ORDER BY l.created_at, l.id, k),"
              + " 'ev-' || l.id || '-' || k, l.id, l.account_id, 'mail.acme.example',"
              + " (ARRAY['queued','sent','delivered'])[k], l.created_at + k * INTERVAL '1 minute',"
              + " l.ref_id, l.recipient_address, l.recipient_key, l.from_address, l.from_key,"
              + " l.subject, l.campaign_id, l.tags, NULL, NULL, NULL, NULL"
              + " FROM email_logs l, generate_series(1, 3) k");
      db.execute("UPDATE event_counter SET last_value = (SELECT max(sequence) FROM log_events)");
      db.execute("VACUUM ANALYZE email_logs");
      db.execute("VACUUM ANALYZE log_events");
      System.out.printf(
          "loaded %d logs and %d events in %.1f s%n",
          db.count("SELECT count(*) FROM email_logs"),
          db.count("SELECT count(*) FROM log_events"),
          (System.nanoTime() - start) / 1e9);

      Instant end = Instant.parse("2024-01-31T00:00:00Z");
      DateWindow lastWeek = DateWindow.of(end.minus(Duration.ofDays(7)), end);
      LogStore store = stores.logStore();
      StringBuilder report = new StringBuilder();
      explain(
          db,
          report,
          "unfiltered page 1 (last 7 days, 21 rows)",
          new LogSearch(1, LogFilter.NONE, lastWeek, null, null, 21));
      explain(
          db,
          report,
          "unfiltered page 1 of a small account (12,500 logs)",
          new LogSearch(3, LogFilter.NONE, lastWeek, null, null, 21));
      // position of the 10,000th log of the window: page 500 at 20 per page
      List<EmailLog> first =
          store.findLogs(new LogSearch(1, LogFilter.NONE, lastWeek, null, null, 10_000));
      Position deep = Position.of(first.get(first.size() - 1));
      explain(
          db,
          report,
          "deep keyset page (after the 10,000th log, page 501 of 20)",
          new LogSearch(1, LogFilter.NONE, lastWeek, null, deep, 21));
      explain(
          db,
          report,
          "status + recipientDomain + fromAddress",
          new LogSearch(
              1,
              new LogFilter(
                  null,
                  "domain7.example",
                  null,
                  LogStatus.DELIVERED,
                  "sender7@mail.acme.example",
                  null,
                  null,
                  null,
                  null),
              lastWeek,
              null,
              null,
              21));
      explain(
          db,
          report,
          "recipient email (exact, case-insensitive)",
          new LogSearch(
              1,
              new LogFilter(
                  "USER1234@domain34.example", null, null, null, null, null, null, null, null),
              lastWeek,
              null,
              null,
              21));
      explain(
          db,
          report,
          "campaignId + recipientType",
          new LogSearch(
              1,
              new LogFilter(
                  null, null, null, null, null, null, "campaign-8", RecipientType.CC, null),
              lastWeek,
              null,
              null,
              21));
      explain(
          db,
          report,
          "campaignId + recipientType that match nothing together",
          new LogSearch(
              1,
              new LogFilter(
                  null, null, null, null, null, null, "campaign-5", RecipientType.CC, null),
              lastWeek,
              null,
              null,
              21));
      explain(
          db,
          report,
          "delivered window only (last 2 days)",
          new LogSearch(
              1,
              LogFilter.NONE,
              null,
              DateWindow.of(end.minus(Duration.ofDays(2)), end),
              null,
              21));
      explain(
          db,
          report,
          "delivered window only (the full 7 days)",
          new LogSearch(1, LogFilter.NONE, null, lastWeek, null, 21));
      explain(
          db,
          report,
          "delivered window only, three weeks back",
          new LogSearch(
              1,
              LogFilter.NONE,
              null,
              DateWindow.of(end.minus(Duration.ofDays(22)), end.minus(Duration.ofDays(20))),
              null,
              21));
      SqlQuery fenced =
          LogPageSql.of(
                  new LogSearch(
                      1,
                      LogFilter.NONE,
                      null,
                      DateWindow.of(end.minus(Duration.ofDays(22)), end.minus(Duration.ofDays(20))),
                      null,
                      21),
                  Dialect.POSTGRES)
              .orElseThrow();
      String unfenced =
          fenced
              .sql()
              .replaceFirst(
                  "^WITH delivered AS MATERIALIZED \\(SELECT id, created_at (FROM email_logs WHERE .*)\\)"
                      + " SELECT (.*) FROM email_logs WHERE id IN .*$",
                  "SELECT $2 $1 ORDER BY account_id, created_at DESC, id DESC LIMIT :limit");
      explain(
          db,
          report,
          "for comparison: the same without the fence",
          new SqlQuery(unfenced, fenced.bindings()));
      explain(
          db,
          report,
          "delivered window (last 7 days) + created window (last 7 days)",
          new LogSearch(1, LogFilter.NONE, lastWeek, lastWeek, null, 21));
      EventScanSql scan =
          EventScanSql.of(new EventScan(1, "mail.acme.example", StreamFilter.parse(Map.of()), 0))
              .orElseThrow();
      explain(db, report, "stream history scan, first chunk of 1,000", scan.chunk(0, 1_000));
      long middle = db.count("SELECT max(sequence) / 2 FROM log_events");
      explain(db, report, "stream history scan, a chunk in the middle", scan.chunk(middle, 1_000));
      EventScanSql small =
          EventScanSql.of(new EventScan(3, "mail.acme.example", StreamFilter.parse(Map.of()), 0))
              .orElseThrow();
      explain(
          db,
          report,
          "stream history scan of a small account, a chunk in the middle",
          small.chunk(middle, 1_000));
      EventScanSql filtered =
          EventScanSql.of(
                  new EventScan(
                      1,
                      "mail.acme.example",
                      new StreamFilter(
                          Instant.parse("2024-01-20T00:00:00Z"),
                          Instant.parse("2024-01-21T00:00:00Z"),
                          null,
                          null,
                          null,
                          EventType.DELIVERED,
                          null,
                          StreamFilter.MAX_LIMIT),
                      0))
              .orElseThrow();
      explain(
          db,
          report,
          "stream history scan with start, end and event_type (first chunk)",
          filtered.chunk(0, 1_000));
      Files.writeString(Path.of("target/postgresql-explain.txt"), report.toString());
      System.out.println(report);
    }
  }

  private static void explain(
      Databases.Fresh db, StringBuilder report, String title, LogSearch search)
      throws SQLException, IOException {
    explain(db, report, title, LogPageSql.of(search, Dialect.POSTGRES).orElseThrow());
  }

  private static void explain(
      Databases.Fresh db, StringBuilder report, String title, SqlQuery query) throws SQLException {
    String sql = inline(query);
    report.append("### ").append(title).append("\n\n```sql\n").append(sql).append("\n```\n\n```\n");
    try (Connection c = DriverManager.getConnection(db.url());
        Statement s = c.createStatement()) {
      for (int i = 0; i < 3; i++) { // warm the cache; keep the last
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        if (i == 2) {
          report.append(plan);
        }
      }
    }
    report.append("```\n\n");
  }

  /** The query with its bindings written as SQL literals, for EXPLAIN. */
  private static String inline(SqlQuery query) {
    String sql = query.sql();
    List<String> names = new ArrayList<>(query.bindings().keySet());
    names.sort(Comparator.comparingInt(String::length).reversed());
    for (String name : names) {
      Object v = query.bindings().get(name);
      String literal =
          v instanceof Instant i
              ? "TIMESTAMP WITH TIME ZONE '" + i + "'"
              : v instanceof String str ? "'" + str.replace("'", "''") + "'" : String.valueOf(v);
      sql = sql.replace(":" + name, literal);
    }
    return sql;
  }
}
