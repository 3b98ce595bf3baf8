package io.emaillogs.adapter.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@value JdbiLogStore#CHANNEL} channel over one dedicated connection
 * (outside the pool) in a daemon thread, and runs {@code onAppend} when another store instance
 * committed an append (its own notifications, recognised by their payload, are skipped: local
 * listeners were already told). When the connection drops it reconnects with a growing pause, and
 * runs {@code onAppend} once reconnected, since appends may have been missed meanwhile.
 */
final class PgNotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
  private static final int POLL_MILLIS = 1_000;
  private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final String url;
  private final Properties properties;
  private final String ownPayload;
  private final Runnable onAppend;
  private final Thread thread;
  private final CountDownLatch firstConnect = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Connection connection;

  PgNotificationListener(
      String url, String user, String password, String ownPayload, Runnable onAppend) {
    this.url = url;
    this.properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", applicationName(ownPayload));
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "0");
    this.ownPayload = ownPayload;
    this.onAppend = onAppend;
    this.thread = new Thread(this::run, "email-logs-pg-listener");
    this.thread.setDaemon(true);
  }

  /** The application name of the listener connection of the store with this id. */
  static String applicationName(String instanceId) {
    return "email-logs-listener-" + instanceId;
  }

  /** Starts listening; waits (bounded) until the first LISTEN is in place. */
  void start() {
    thread.start();
    try {
      if (!firstConnect.await(10, TimeUnit.SECONDS)) {
        LOG.warn("the notification listener is not connected yet; it keeps trying");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long pause = 100;
    boolean reconnect = false;
    while (running) {
      try (Connection c = new Driver().connect(url, properties)) {
        if (c == null) {
          throw new SQLException("the PostgreSQL driver does not accept " + url);
        }
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + JdbiLogStore.CHANNEL);
        }
        firstConnect.countDown();
        if (reconnect) {
          LOG.info("notification listener reconnected");
          onAppend.run(); // appends may have committed while we were away
        }
        pause = 100;
        listen(c);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn("notification listener lost its connection; reconnecting in {} ms", pause, e);
        sleep(pause);
        pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
      } finally {
        connection = null;
      }
      reconnect = true;
    }
  }

  private void listen(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long lastCheck = System.nanoTime();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
      boolean fromPeer = false;
      if (notifications != null) {
        for (PGNotification n : notifications) {
          fromPeer |= !ownPayload.equals(n.getParameter());
        }
      }
      if (fromPeer) {
        onAppend.run();
      }
      if (System.nanoTime() - lastCheck > CHECK_NANOS) {
        // a half-open TCP connection is silent: ask the server something now and then
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
        lastCheck = System.nanoTime();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and closes the connection; waits (bounded) for the thread to end. */
  @Override
  public void close() {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the listener connection", e);
      }
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
