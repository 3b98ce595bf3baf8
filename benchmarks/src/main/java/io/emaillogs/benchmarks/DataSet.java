package io.emaillogs.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Bulk-loads the logs and stream events the read benchmarks use, straight into the tables the Jdbi
 * adapter's Flyway migration created ({@code email_logs}, {@code log_events}): {@code INSERT ...
 * SELECT generate_series} with the secondary indexes dropped and rebuilt, then {@code ANALYZE}.
 * Only the ingest figure goes through the use case.
 *
 * <p>The logs: {@code logs} logs of one account, log {@code g} created {@code (g-1) * step} before
 * {@code newest}, spread evenly over {@link #SPAN} (so the default 7-day window holds them all for
 * the next hour). Recipients {@code user<g % 20000>@dom<g % 200>.example} (50 logs each), senders
 * {@code Sender<g % 10>@bench.example}, subjects {@code Subject <g % 1000>}, campaigns {@code
 * camp-<g % 500>} (none for one in five), recipient types 70% to / 20% cc / 10% bcc, statuses 55%
 * delivered, 15% opened, 5% clicked, 5% bounced, 3% failed, 10% sent, 2% queued, 3% spam, 2%
 * unsubscribed; failure reasons on bounced, failed and half the sent (a deferral).
 *
 * <p>The events: {@code events} events of sender domain {@link #DOMAIN}, four per log (queued,
 * sent, delivered, opened) on the newest logs, sequences 1..events.
 */
final class DataSet {
  static final String DOMAIN = "bench.example";
  static final Duration SPAN = Duration.ofDays(7).minusHours(1);

  /** Filter values of {@link FilteredPageBench}, chosen to exist in the data above. */
  static final String EMAIL = "user123@dom123.example";

  static final String RECIPIENT_DOMAIN = "dom7.example";
  static final String REF_ID = "r-4242";
  static final String FROM = "sender3@bench.example";
  static final String SUBJECT = "Subject 42";
  static final String CAMPAIGN = "camp-42";
  static final String FAILED_REASON = "552 5.2.2 Mailbox full";

  private DataSet() {}

  static final String STATUS =
      "CASE WHEN b < 55 THEN 'delivered' WHEN b < 70 THEN 'opened' WHEN b < 75 THEN 'clicked'"
          + " WHEN b < 80 THEN 'bounced' WHEN b < 83 THEN 'failed' WHEN b < 93 THEN 'sent'"
          + " WHEN b < 95 THEN 'queued' WHEN b < 98 THEN 'spam' ELSE 'unsubscribed' END";

  private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

  private static final String INSERT_LOGS =
      "INSERT INTO email_logs (id, account_id, tenant_id, ref_id, recipient_address,"
          + " recipient_key, recipient_domain, recipient_type, from_address, from_key, subject,"
          + " subject_key, status, priority, campaign_id, campaign_key, tags, opened, clicked,"
          + " failed_reason, failed_reason_key, created_at, delivered_at, updated_at, status_at,"
          + " failed_reason_at, track)"
          + " SELECT g, ?, ?, 'r-' || g, rcpt, rcpt, 'dom' || (g % 200) || '.example',"
          + "   CASE WHEN g % 10 < 7 THEN 'to' WHEN g % 10 < 9 THEN 'cc' ELSE 'bcc' END,"
          + "   'Sender' || (g % 10) || '@"
          + DOMAIN
          + "', 'sender' || (g % 10) || '@"
          + DOMAIN
          + "',"
          + "   'Subject ' || (g % 1000), 'Subject ' || (g % 1000), status,"
          + "   CASE WHEN g % 20 = 0 THEN 'high' ELSE 'normal' END, camp, camp,"
          + "   '[\"t' || (g % 7) || '\",\"newsletter\"]',"
          + "   status IN ('opened', 'clicked'), status = 'clicked', reason, reason, c,"
          + "   CASE WHEN status IN ('delivered', 'opened', 'clicked', 'spam', 'unsubscribed')"
          + "     THEN c + interval '5 seconds' END,"
          + "   c + interval '90 seconds', c + interval '90 seconds',"
          + "   CASE WHEN reason IS NOT NULL THEN c + interval '10 seconds' END,"
          + "   CASE WHEN status = 'opened' THEN '{\"opens\":[{\"timestamp\":\"' || to_char((c +"
          + " interval '60 seconds') AT TIME ZONE 'UTC', "
          + ISO
          + ") || '\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"ip\":\"203.0.113.7\"}]}'"
          + "     WHEN status = 'clicked' THEN '{\"clicks\":[{\"timestamp\":\"' || to_char((c +"
          + " interval '70 seconds') AT TIME ZONE 'UTC', "
          + ISO
          + ") || '\",\"url\":\"https://bench.example/offer\",\"userAgent\":\"Mozilla/5.0 (X11; Linux"
          + " x86_64)\",\"ip\":\"203.0.113.7\"}]}'"
          + "     ELSE '{}' END"
          + " FROM (SELECT g, b, c, 'user' || (g % 20000) || '@dom' || (g % 200) || '.example' AS"
          + "   rcpt, CASE WHEN g % 5 = 0 THEN NULL ELSE 'camp-' || (g % 500) END AS camp, "
          + STATUS
          + " AS status FROM (SELECT g, g % 100 AS b,"
          + "   ?::timestamptz - (g - 1) * ? * interval '1 microsecond' AS c"
          + "   FROM generate_series(?, ?) g) raw) x"
          + " CROSS JOIN LATERAL (SELECT CASE"
          + "   WHEN status IN ('bounced', 'failed') THEN (ARRAY['550 5.1.1 User unknown',"
          + "     '"
          + FAILED_REASON
          + "', '554 5.7.1 Message rejected as spam', '550 5.4.1 Recipient address rejected'])"
          + "     [g % 4 + 1]"
          + "   WHEN status = 'sent' AND g % 2 = 0 THEN '421 4.7.0 Try again later' END AS reason) r";

  private static final String INSERT_EVENTS =
      "INSERT INTO log_events (sequence, event_id, log_id, account_id, sender_domain, event_type,"
          + " occurred_at, ref_id, recipient_address, recipient_key, from_address, from_key,"
          + " subject, campaign_id, tags, reason, user_agent, ip, url)"
          + " SELECT g, 'bench-e-' || g, l.id, l.account_id, '"
          + DOMAIN
          + "',"
          + "   (ARRAY['queued', 'sent', 'delivered', 'opened'])[(g - 1) % 4 + 1],"
          + "   l.created_at + ((g - 1) % 4) * interval '1 second', l.ref_id,"
          + "   l.recipient_address, l.recipient_key, l.from_address, l.from_key, l.subject,"
          + "   l.campaign_id, l.tags, NULL,"
          + "   CASE WHEN (g - 1) % 4 = 3 THEN 'Mozilla/5.0 (X11; Linux x86_64)' END,"
          + "   CASE WHEN (g - 1) % 4 = 3 THEN '203.0.113.7' END, NULL"
          + " FROM generate_series(1, ?) g JOIN email_logs l ON l.id = (g - 1) / 4 + 1";

  /** Where the PostgreSQL migration's backfill of the rollups starts. */
  static final String BACKFILL_MARKER = "-- the logs stored before this migration";

  /**
   * The bulk load bypasses the append transaction that keeps the hourly rollups: rebuild them from
   * the logs with the very statements the V2 migration backfills an existing database with.
   */
  static void rebuildRollups(Connection c) throws SQLException {
    String migration;
    try (var in =
        DataSet.class.getResourceAsStream("/db/migration/postgresql/V2__stats_rollups.sql")) {
      if (in == null) {
        throw new IllegalStateException("V2__stats_rollups.sql is not on the class path");
      }
      migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int from = migration.indexOf(BACKFILL_MARKER);
    if (from < 0) {
      throw new IllegalStateException("no backfill in V2__stats_rollups.sql");
    }
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM stats_hourly");
      s.execute("DELETE FROM stats_hourly_account");
      for (String sql : migration.substring(from).split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  /** Loads both tables and the rollups; returns the seconds it took. */
  static double load(
      BenchDb db, long accountId, long tenantId, int logs, int events, Instant newest)
      throws SQLException {
    if (events > 4L * logs) {
      throw new IllegalArgumentException("at most four events per log");
    }
    long start = System.nanoTime();
    long stepMicros = SPAN.toNanos() / 1000 / logs;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off");
        s.execute("SET LOCAL work_mem = '64MB'");
      }
      db.withoutIndexes(
          c,
          "email_logs",
          () -> {
            int chunk = 250_000;
            for (int from = 1; from <= logs; from += chunk) {
              try (PreparedStatement ps = c.prepareStatement(INSERT_LOGS)) {
                ps.setLong(1, accountId);
                ps.setLong(2, tenantId);
                ps.setTimestamp(3, Timestamp.from(newest));
                ps.setLong(4, stepMicros);
                ps.setInt(5, from);
                ps.setInt(6, Math.min(logs, from + chunk - 1));
                ps.executeUpdate();
              }
            }
          });
      db.withoutIndexes(
          c,
          "log_events",
          () -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
              ps.setInt(1, events);
              ps.executeUpdate();
            }
          });
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval('email_log_ids', " + logs + ")");
        s.execute("UPDATE event_counter SET last_value = " + events + " WHERE id = 1");
      }
      rebuildRollups(c);
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE email_logs");
        s.execute("ANALYZE log_events");
        s.execute("ANALYZE stats_hourly");
        s.execute("ANALYZE stats_hourly_account");
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
