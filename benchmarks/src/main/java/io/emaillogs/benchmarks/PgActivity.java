package io.emaillogs.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What PostgreSQL itself was doing during each minute of a {@link Soak}, sampled once a second on a
 * connection of its own: the seconds an autovacuum worker ran, and on which tables of the soak's
 * schema; checkpoints begun; WAL written. The views are cluster-wide: another client of the same
 * server shows up here too. It names the background work that a rising p99 may line up with.
 */
final class PgActivity implements AutoCloseable {
  private static final String SAMPLE =
      "SELECT coalesce(string_agg(c.relname, ',' ORDER BY c.relname), ''),"
          + " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'),"
          + " pg_current_wal_lsn() - '0/0'::pg_lsn,"
          + " (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)"
          + " FROM pg_stat_progress_vacuum p LEFT JOIN pg_class c ON c.oid = p.relid";

  private final Connection connection;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "soak-pg-activity");
            t.setDaemon(true);
            return t;
          });
  private final Object lock = new Object();
  private Minute current = new Minute();
  private double lastWal = -1;
  private long lastCheckpoints = -1;
  private String failure;

  private PgActivity(Connection connection) {
    this.connection = connection;
  }

  /** Starts sampling on {@code connection}, which it closes when closed. */
  static PgActivity start(Connection connection) {
    PgActivity activity = new PgActivity(connection);
    activity.sampler.scheduleAtFixedRate(activity::sample, 0, 1, TimeUnit.SECONDS);
    return activity;
  }

  /** The minute since the previous call, as a line's tail; starts the next minute. */
  String minute() {
    Minute m;
    synchronized (lock) {
      m = current;
      current = new Minute();
    }
    if (failure != null) {
      return "pg activity unavailable: " + failure;
    }
    return String.format(
        Locale.ROOT,
        "autovacuum %2d s %s| checkpoints %d | WAL %4.0f MB",
        m.autovacuumSeconds,
        m.vacuumed.isEmpty() ? "" : m.vacuumed + " ",
        m.checkpoints,
        m.walBytes / 1e6);
  }

  private void sample() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(SAMPLE)) {
      rs.next();
      String tables = rs.getString(1);
      long workers = rs.getLong(2);
      double wal = rs.getDouble(3);
      long checkpoints = rs.getLong(4);
      synchronized (lock) {
        if (workers > 0) {
          current.autovacuumSeconds++;
        }
        for (String table : tables.split(",")) {
          if (!table.isEmpty()) {
            current.vacuumed.merge(table, 1, Integer::sum);
          }
        }
        if (lastWal >= 0) {
          current.walBytes += wal - lastWal;
          current.checkpoints += checkpoints - lastCheckpoints;
        }
        lastWal = wal;
        lastCheckpoints = checkpoints;
      }
    } catch (SQLException e) {
      failure = e.getMessage();
    }
  }

  @Override
  public void close() throws SQLException {
    sampler.shutdownNow();
    connection.close();
  }

  private static final class Minute {
    int autovacuumSeconds;
    final Map<String, Integer> vacuumed = new TreeMap<>();
    long checkpoints;
    double walBytes;
  }
}
