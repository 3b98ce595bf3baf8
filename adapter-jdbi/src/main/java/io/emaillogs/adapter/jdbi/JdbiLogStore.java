package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.stats.HourlyCounts;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LogStore} on H2 or PostgreSQL.
 *
 * <p>Appends run in one transaction ({@link AppendTransaction}): lock the batch's stored logs, read
 * which eventIds are stored, plan with {@link EventBatch#plan}, write the plan with batched
 * statements. Event sequences come from the single row of {@code event_counter}, incremented in the
 * append transaction right before the events are inserted: its row lock is held until commit, so
 * appends commit in sequence order and a reader never sees sequence N+1 while N may still commit
 * (no gaps, even when a transaction rolls back: the counter rolls back with it). On H2, which
 * serves one process, appends are also serialised by a JVM lock. A transaction that loses a race
 * (the same new log or eventId stored concurrently, a deadlock) is run again, a bounded number of
 * times.
 *
 * <p>Scans read chunks of {@value #SCAN_CHUNK} rows, each in its own short read-only transaction,
 * and hand them to the sink with no connection held: a slow stream client never pins a pooled
 * connection nor an old snapshot, the heap holds one chunk, and a sink's exception propagates with
 * nothing to release.
 */
final class JdbiLogStore implements LogStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbiLogStore.class);

  /** The PostgreSQL NOTIFY channel of committed appends; the payload is the store's id. */
  static final String CHANNEL = "email_logs_events";

  static final int SCAN_CHUNK = 1_000;
  private static final int PURGE_CHUNK = 1_000;
  private static final int MAX_ATTEMPTS = 10;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Lock appendLock;
  private final String instanceId;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final RollupWriter rollups;
  private final AppendTransaction appends;

  /**
   * @param appendLock serialises appends and purges in this JVM (H2); null for none (PostgreSQL)
   * @param instanceId this store's id, the payload of its notifications
   */
  JdbiLogStore(Jdbi jdbi, Dialect dialect, Lock appendLock, String instanceId) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.appendLock = appendLock;
    this.instanceId = instanceId;
    this.rollups = new RollupWriter(dialect);
    this.appends = new AppendTransaction(dialect, instanceId, rollups);
  }

  @Override
  public List<EmailLog> findLogs(LogSearch search) {
    Optional<SqlQuery> query = LogPageSql.of(search, dialect);
    if (query.isEmpty()) {
      return List.of();
    }
    SqlQuery page = query.get();
    HandleCallback<List<EmailLog>, RuntimeException> work =
        h -> page.bindTo(h.createQuery(page.sql())).map(EmailLogMapper.INSTANCE).list();
    // PostgreSQL reads one statement's snapshot in autocommit; H2 needs a transaction for it
    return read("find logs", dialect == Dialect.H2 ? snapshot(work) : work);
  }

  @Override
  public List<EmailLog> findMessage(long accountId, String refId) {
    return read("find a message", h -> MessageSql.logs(h, accountId, refId));
  }

  @Override
  public List<LogEvent> messageEvents(long accountId, String refId) {
    return read("read a message's events", h -> MessageSql.events(h, accountId, refId));
  }

  /** One statement, so one snapshot, for the rollups and the logs of the partial hours. */
  @Override
  public List<HourlyCounts> countByHour(StatsSearch search) {
    HandleCallback<List<HourlyCounts>, RuntimeException> work =
        h -> StatsReader.count(h, search, dialect);
    return read("count logs", dialect == Dialect.H2 ? snapshot(work) : work);
  }

  @Override
  public AppendResult append(List<IngestEvent> events) {
    if (events.isEmpty()) {
      return new AppendResult(0, 0);
    }
    List<IngestEvent> batch = events.stream().map(Micros::truncate).toList();
    AppendResult result = exclusive(() -> retrying("append events", h -> appends.run(h, batch)));
    if (result.accepted() > 0) {
      wakeListeners();
    }
    return result;
  }

  @Override
  public int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink) {
    Optional<EventScanSql> query = EventScanSql.of(scan);
    if (limit <= 0 || query.isEmpty()) {
      return 0;
    }
    long cursor = scan.afterSequence();
    int handed = 0;
    while (true) {
      int size = query.get().exact() ? Math.min(SCAN_CHUNK, limit - handed) : SCAN_CHUNK;
      List<LogEvent> chunk = readChunk(query.get().chunk(cursor, size), size);
      for (LogEvent event : chunk) {
        cursor = event.sequence();
        if (scan.filter().matches(event)) {
          handed++;
          if (!sink.test(event) || handed >= limit) {
            return handed;
          }
        }
      }
      if (chunk.size() < size) {
        return handed;
      }
    }
  }

  private List<LogEvent> readChunk(SqlQuery query, int size) {
    return read(
        "scan events",
        snapshot(
            h ->
                query
                    .bindTo(h.createQuery(query.sql()))
                    .setFetchSize(size)
                    .map(LogEventMapper.INSTANCE)
                    .list()));
  }

  /**
   * {@code work} in a read-only transaction reading one snapshot. On H2 that takes REPEATABLE READ:
   * a lazily executed query under READ COMMITTED can meet an index entry whose row a concurrent
   * commit just removed (error 90143, "row not found in primary index").
   */
  private <T> HandleCallback<T, RuntimeException> snapshot(
      HandleCallback<T, RuntimeException> work) {
    return h -> {
      h.setReadOnly(true);
      return dialect == Dialect.H2
          ? h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work)
          : h.inTransaction(work);
    };
  }

  @Override
  public List<LogEvent> readEventsAfter(long afterSequence, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    SqlQuery tail =
        new SqlQuery(
            "SELECT "
                + LogEventMapper.COLUMNS
                + " FROM log_events WHERE sequence > :after ORDER BY sequence LIMIT :n",
            Map.of("after", afterSequence, "n", limit));
    return readChunk(tail, limit);
  }

  @Override
  public long lastSequence() {
    return read(
        "read the last sequence",
        h ->
            h.createQuery("SELECT last_value FROM event_counter WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Subscription subscribe(Runnable listener) {
    // a wrapper per registration, so registering one listener twice needs two closes
    Runnable registration = listener::run;
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  /** Runs the listeners; called after a local append commits and on a peer's notification. */
  void wakeListeners() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("append listener failed", e);
      }
    }
  }

  /**
   * Deletes account by account (walking the account ids with one index probe each) in chunks of
   * {@value #PURGE_CHUNK} logs, each chunk its own transaction, through the index {@code
   * email_logs_page}; the events go with their logs (ON DELETE CASCADE), and {@link RollupWriter}
   * takes the logs out of the hourly rollups in the same transaction.
   */
  @Override
  public int purgeCreatedBefore(Instant cutoff) {
    Instant bound = Micros.ceil(cutoff);
    int total = 0;
    Long account = nextAccountWithLogs(null);
    while (account != null) {
      long accountId = account;
      int deleted;
      do {
        deleted =
            exclusive(
                () ->
                    retrying(
                        "purge logs", h -> rollups.purgeChunk(h, accountId, bound, PURGE_CHUNK)));
        total += deleted;
      } while (deleted == PURGE_CHUNK);
      account = nextAccountWithLogs(accountId);
    }
    return total;
  }

  /** The smallest account id above {@code after} (null: any) that has logs; null when none. */
  private Long nextAccountWithLogs(Long after) {
    String sql =
        "SELECT MIN(account_id) FROM email_logs"
            + (after == null ? "" : " WHERE account_id > :after");
    HandleCallback<Long, RuntimeException> work =
        h -> {
          var query = h.createQuery(sql);
          if (after != null) {
            query.bind("after", after.longValue());
          }
          return query.mapTo(Long.class).one();
        };
    return read("find accounts with logs", dialect == Dialect.H2 ? snapshot(work) : work);
  }

  @Override
  public boolean isHealthy() {
    try {
      return jdbi.withHandle(h -> h.getConnection().isValid(1));
    } catch (SQLException | JdbiException | IllegalStateException e) {
      return false;
    }
  }

  /** Forgets the listeners; the pool belongs to {@link JdbiStores}, which closes it. */
  @Override
  public void close() {
    listeners.clear();
  }

  private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw SqlErrors.failure(what, e);
    }
  }

  /**
   * Runs {@code work} in a transaction, again after a transient conflict, a bounded number of
   * times.
   */
  private <T> T retrying(String what, HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (JdbiException e) {
        if (attempt >= MAX_ATTEMPTS || !SqlErrors.isTransient(e)) {
          throw SqlErrors.failure(what, e);
        }
        LOG.debug("{}: conflict with a concurrent transaction, attempt {}", what, attempt, e);
        pause(attempt);
      }
    }
  }

  private <T> T exclusive(Supplier<T> work) {
    if (appendLock == null) {
      return work.get();
    }
    appendLock.lock();
    try {
      return work.get();
    } finally {
      appendLock.unlock();
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying", e);
    }
  }

  /** {@code columns} ("a, b") with each name prefixed by {@code alias} ("l.a, l.b"). */
  static String qualified(String alias, String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(",")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(alias).append('.').append(column.strip());
    }
    return out.toString();
  }
}
