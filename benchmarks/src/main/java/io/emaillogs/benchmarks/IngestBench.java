package io.emaillogs.benchmarks;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * ingest_ratio: events/s through the ingestion use case into PostgreSQL, in batches of 1,000 (500
 * {@code queued} events creating logs, then a {@code delivered} event for each), against raw COPY
 * of the very rows it stored into empty copies of the tables ({@code CREATE TABLE ... (LIKE ...
 * INCLUDING ALL)}, so with the same indexes), also one transaction per 1,000 events. The rows are
 * exported before the reference is timed; the single-transaction COPY is given beside it.
 */
final class IngestBench {
  static final String DOMAIN = "ingest.example";
  static final int BATCH = 1_000;
  static final double GOAL = 0.3;

  private IngestBench() {}

  static void run(Bench b) throws SQLException, IOException {
    int total = b.sizes.ingestEvents() / BATCH * BATCH;
    long account = b.ingester.id();
    List<List<RawEvent>> batches = new ArrayList<>();
    Instant base = Instant.now().minusSeconds(3600);
    for (int first = 0; first < total; first += BATCH) {
      List<RawEvent> batch = new ArrayList<>(BATCH);
      int logs = BATCH / 2;
      for (int i = 0; i < logs; i++) {
        int k = first / 2 + i;
        batch.add(
            Events.queued(
                account,
                "ing-" + k,
                "user" + k + "@dom" + (k % 200) + ".example",
                base.plusMillis(k).toString(),
                "news@" + DOMAIN,
                "Ingest " + (k % 1000)));
      }
      for (int i = 0; i < logs; i++) {
        int k = first / 2 + i;
        batch.add(
            Events.delivered(
                account,
                "ing-" + k,
                "user" + k + "@dom" + (k % 200) + ".example",
                base.plusMillis(k).plusSeconds(2).toString()));
      }
      batches.add(batch);
    }
    // one warm-up batch, not counted, then the timed ones
    List<RawEvent> warm = new ArrayList<>();
    warm.add(
        Events.queued(account, "warm-1", "w@w.example", base.toString(), "news@" + DOMAIN, "w"));
    b.logs.recordEvents().record(warm);

    long t0 = System.nanoTime();
    for (List<RawEvent> batch : batches) {
      AppendResult r = b.logs.recordEvents().record(batch);
      if (r.accepted() != batch.size()) {
        throw new IllegalStateException("accepted " + r.accepted() + " of " + batch.size());
      }
    }
    double useCaseSeconds = (System.nanoTime() - t0) / 1e9;
    double useCaseEps = total / useCaseSeconds;

    try (Connection c = b.db.connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      List<String> logRows =
          export(
              copy,
              "SELECT * FROM email_logs WHERE account_id = "
                  + account
                  + " AND ref_id LIKE 'ing-%' ORDER BY id");
      List<String> eventRows =
          export(
              copy,
              "SELECT e.* FROM log_events e JOIN email_logs l ON l.id = e.log_id WHERE"
                  + " l.account_id = "
                  + account
                  + " AND l.ref_id LIKE 'ing-%' ORDER BY e.sequence");
      if (logRows.size() != total / 2 || eventRows.size() != total) {
        throw new IllegalStateException(
            "stored " + logRows.size() + " logs and " + eventRows.size() + " events");
      }
      double batched = copyInto(c, copy, logRows, eventRows, BATCH / 2, BATCH, "copy_b");
      double single =
          copyInto(c, copy, logRows, eventRows, logRows.size(), eventRows.size(), "copy_s");
      double copyEps = total / batched;
      double ratio = useCaseEps / copyEps;
      b.report.add(
          Figure.of("ingest_ratio", ratio, "")
              .with("use_case_events_per_s", useCaseEps)
              .with("copy_events_per_s", copyEps)
              .with("copy_one_transaction_events_per_s", total / single)
              .with("events", total)
              .with("batch", BATCH)
              .withGoal(">= 0.3", ratio >= GOAL));
    }
  }

  private static List<String> export(CopyManager copy, String select)
      throws SQLException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut("COPY (" + select + ") TO STDOUT", out);
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line);
      }
    }
    return rows;
  }

  /** COPYs the rows into fresh empty copies of the tables, a transaction per chunk; seconds. */
  private static double copyInto(
      Connection c,
      CopyManager copy,
      List<String> logRows,
      List<String> eventRows,
      int logsPerTx,
      int eventsPerTx,
      String prefix)
      throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + prefix + "_logs (LIKE email_logs INCLUDING ALL)");
      s.execute("CREATE TABLE " + prefix + "_events (LIKE log_events INCLUDING ALL)");
    }
    List<byte[]> logChunks = chunks(logRows, logsPerTx);
    List<byte[]> eventChunks = chunks(eventRows, eventsPerTx);
    c.setAutoCommit(false);
    long t0 = System.nanoTime();
    for (int i = 0; i < logChunks.size(); i++) {
      copy.copyIn(
          "COPY " + prefix + "_logs FROM STDIN", new ByteArrayInputStream(logChunks.get(i)));
      copy.copyIn(
          "COPY " + prefix + "_events FROM STDIN", new ByteArrayInputStream(eventChunks.get(i)));
      c.commit();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + prefix + "_logs, " + prefix + "_events");
    }
    return seconds;
  }

  private static List<byte[]> chunks(List<String> rows, int size) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      String text =
          String.join("\n", rows.subList(from, Math.min(rows.size(), from + size))) + "\n";
      chunks.add(text.getBytes(StandardCharsets.UTF_8));
    }
    return chunks;
  }
}
