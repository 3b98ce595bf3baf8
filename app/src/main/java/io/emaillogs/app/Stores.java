package io.emaillogs.app;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jdbi.JdbiStores;
import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores a server runs on, chosen by {@code --db}: in memory, or H2/PostgreSQL through the Jdbi
 * adapter (which migrates the schema when it opens). Closing releases them.
 */
public final class Stores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

  private final StoreKind kind;
  private final LogStore logStore;
  private final Directory directory;
  private final RateLimiter rateLimiter;
  private final JdbiStores jdbi; // null in memory

  private Stores(
      StoreKind kind,
      LogStore logStore,
      Directory directory,
      RateLimiter rateLimiter,
      JdbiStores jdbi) {
    this.kind = kind;
    this.logStore = logStore;
    this.directory = directory;
    this.rateLimiter = rateLimiter;
    this.jdbi = jdbi;
  }

  /** Fresh in-memory stores with an in-process rate limiter on {@code clock}. */
  public static Stores inMemory(Clock clock) {
    return new Stores(
        StoreKind.MEMORY,
        new InMemoryLogStore(),
        new InMemoryDirectory(),
        new InMemoryRateLimiter(clock),
        null);
  }

  /**
   * Opens the stores {@code db} selects. With PostgreSQL the rate limiter is the shared one;
   * otherwise it is in-process. The schema is migrated before this returns.
   *
   * @throws ConfigException for an unsupported URL
   */
  public static Stores open(String db, String user, String password, Clock clock) {
    return open(db, user, password, clock, null);
  }

  /**
   * As {@link #open(String, String, String, Clock)}, with the connection pool's meters in {@code
   * registry} (when not null).
   */
  public static Stores open(
      String db, String user, String password, Clock clock, MeterRegistry registry) {
    StoreKind kind = StoreKind.of(db);
    if (kind == StoreKind.MEMORY) {
      return inMemory(clock);
    }
    JdbiStores jdbi = JdbiStores.open(db.trim(), user, password, registry);
    try {
      RateLimiter limiter =
          jdbi.sharedRateLimiter().orElseGet(() -> new InMemoryRateLimiter(clock));
      return new Stores(kind, jdbi.logStore(), jdbi.directory(), limiter, jdbi);
    } catch (RuntimeException e) {
      jdbi.close();
      throw e;
    }
  }

  public StoreKind kind() {
    return kind;
  }

  public LogStore logStore() {
    return logStore;
  }

  public Directory directory() {
    return directory;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Starts deleting, every {@code every}, the logs created more than {@code maxAge} ago. Closing
   * the handle stops it.
   */
  public AutoCloseable startRetention(Clock clock, Duration maxAge, Duration every) {
    if (jdbi != null) {
      return jdbi.startRetention(clock, maxAge, every);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "email-logs-retention");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            int deleted = logStore.purgeCreatedBefore(clock.instant().minus(maxAge));
            if (deleted > 0) {
              LOG.info("retention: deleted {} logs older than {}", deleted, maxAge);
            }
          } catch (RuntimeException e) {
            LOG.warn("retention run failed: {}", e.toString());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    };
  }

  @Override
  public void close() {
    if (jdbi != null) {
      jdbi.close();
    } else {
      logStore.close();
    }
  }
}
