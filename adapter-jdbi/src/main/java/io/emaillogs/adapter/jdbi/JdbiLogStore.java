package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.EventBatch.LogChange;
import io.emaillogs.domain.EventBatch.Plan;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import io.emaillogs.domain.stats.HourlyCounts;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LogStore} on H2 or PostgreSQL.
 *
 * <p>Appends run in one transaction: lock the batch's stored logs, read which eventIds are stored,
 * plan with {@link EventBatch#plan}, write the plan with batched statements. Event sequences come
 * from the single row of {@code event_counter}, incremented in the append transaction right before
 * the events are inserted: its row lock is held until commit, so appends commit in sequence order
 * and a reader never sees sequence N+1 while N may still commit (no gaps, even when a transaction
 * rolls back: the counter rolls back with it). On H2, which serves one process, appends are also
 * serialised by a JVM lock. A transaction that loses a race (the same new log or eventId stored
 * concurrently, a deadlock) is run again, a bounded number of times.
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

  private static final String LOG_COLUMNS_L = qualified("l", EmailLogMapper.COLUMNS);

  private static final String INSERT_LOG =
      "INSERT INTO email_logs (id, account_id, tenant_id, ref_id, recipient_address,"
          + " recipient_key, recipient_domain, recipient_type, from_address, from_key, subject,"
          + " subject_key, status, priority, campaign_id, campaign_key, tags, opened, clicked,"
          + " failed_reason, failed_reason_key, created_at, delivered_at, updated_at, status_at,"
          + " failed_reason_at, track) VALUES (:id, :accountId, :tenantId, :refId,"
          + " :recipientAddress, :recipientKey, :recipientDomain, :recipientType, :fromAddress,"
          + " :fromKey, :subject, :subjectKey, :status, :priority, :campaignId, :campaignKey,"
          + " :tags, :opened, :clicked, :failedReason, :failedReasonKey, :createdAt,"
          + " :deliveredAt, :updatedAt, :statusAt, :failedReasonAt, :track)";

  private static final String UPDATE_LOG =
      "UPDATE email_logs SET status = :status, status_at = :statusAt, opened = :opened,"
          + " clicked = :clicked, failed_reason = :failedReason,"
          + " failed_reason_key = :failedReasonKey, failed_reason_at = :failedReasonAt,"
          + " created_at = :createdAt, delivered_at = :deliveredAt, updated_at = :updatedAt,"
          + " track = :track WHERE id = :id";

  private static final String INSERT_EVENT =
      "INSERT INTO log_events (sequence, event_id, log_id, account_id, sender_domain, event_type,"
          + " occurred_at, ref_id, recipient_address, recipient_key, from_address, from_key,"
          + " subject, campaign_id, tags, reason, user_agent, ip, url) VALUES (:sequence,"
          + " :eventId, :logId, :accountId, :senderDomain, :eventType, :occurredAt, :refId,"
          + " :recipientAddress, :recipientKey, :fromAddress, :fromKey, :subject, :campaignId,"
          + " :tags, :reason, :userAgent, :ip, :url)";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Lock appendLock;
  private final String instanceId;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final RollupWriter rollups;

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
    AppendResult result = exclusive(() -> retrying("append events", h -> appendOnce(h, batch)));
    if (result.accepted() > 0) {
      wakeListeners();
    }
    return result;
  }

  private AppendResult appendOnce(Handle h, List<IngestEvent> batch) {
    Map<LogKey, EmailLog> existing = lockLogs(h, batch);
    Set<String> storedIds = storedEventIds(h, batch);
    Plan plan = EventBatch.plan(batch, existing, storedIds);
    if (plan.events().isEmpty()) {
      return new AppendResult(0, plan.duplicates());
    }
    Map<LogKey, Long> logIds = writeLogs(h, plan.logs(), existing);
    rollups.applyChanges(h, plan.logs(), existing);
    long last = takeSequences(h, plan.events().size());
    insertEvents(h, plan.events(), last - plan.events().size() + 1, logIds);
    if (dialect == Dialect.POSTGRES) {
      // delivered at commit; the instance id is a UUID, safe as a literal
      h.execute("NOTIFY " + CHANNEL + ", '" + instanceId + "'");
    }
    return new AppendResult(plan.accepted(), plan.duplicates());
  }

  /** The stored logs of the batch's keys, locked until commit on PostgreSQL. */
  private Map<LogKey, EmailLog> lockLogs(Handle h, List<IngestEvent> batch) {
    Set<LogKey> keys = new HashSet<>();
    Map<Long, Set<String>> refsByAccount = new LinkedHashMap<>();
    for (IngestEvent event : batch) {
      keys.add(event.logKey());
      refsByAccount
          .computeIfAbsent(event.accountId(), a -> new LinkedHashSet<>())
          .add(event.refId());
    }
    String sql =
        "SELECT "
            + LOG_COLUMNS_L
            + " FROM UNNEST(CAST(:refs AS VARCHAR ARRAY)) AS k(ref)"
            + " JOIN email_logs l ON l.account_id = :accountId AND l.ref_id = k.ref"
            + " ORDER BY l.id"
            + dialect.forUpdate("l");
    Map<LogKey, EmailLog> existing = new HashMap<>();
    refsByAccount.forEach(
        (accountId, refs) ->
            h.createQuery(sql)
                .bind("accountId", accountId)
                .bindArray("refs", String.class, refs)
                .map(EmailLogMapper.INSTANCE)
                .forEach(
                    log -> {
                      if (keys.contains(log.key())) {
                        existing.put(log.key(), log);
                      }
                    }));
    return existing;
  }

  private Set<String> storedEventIds(Handle h, List<IngestEvent> batch) {
    Set<String> ids = new LinkedHashSet<>();
    batch.forEach(e -> ids.add(e.eventId()));
    return new HashSet<>(
        h.createQuery(
                "SELECT e.event_id FROM UNNEST(CAST(:ids AS VARCHAR ARRAY)) AS k(id)"
                    + " JOIN log_events e ON e.event_id = k.id")
            .bindArray("ids", String.class, ids)
            .mapTo(String.class)
            .list());
  }

  /** Inserts the created logs (new ids) and updates the changed ones; returns every log's id. */
  private Map<LogKey, Long> writeLogs(
      Handle h, List<LogChange> changes, Map<LogKey, EmailLog> existing) {
    Map<LogKey, Long> ids = new HashMap<>();
    List<EmailLog> created = new ArrayList<>();
    PreparedBatch update = null;
    for (LogChange change : changes) {
      EmailLog log = change.log();
      if (change.created()) {
        created.add(log);
        continue;
      }
      ids.put(log.key(), log.id());
      if (!log.equals(existing.get(log.key()))) {
        update = update == null ? h.prepareBatch(UPDATE_LOG) : update;
        bindLogState(update, log).bind("id", log.id()).add();
      }
    }
    if (!created.isEmpty()) {
      List<Long> newIds =
          h.createQuery(dialect.nextValues("email_log_ids"))
              .bind("n", created.size())
              .mapTo(Long.class)
              .list();
      PreparedBatch insert = h.prepareBatch(INSERT_LOG);
      for (int i = 0; i < created.size(); i++) {
        EmailLog log = created.get(i).withId(newIds.get(i));
        ids.put(log.key(), log.id());
        bindLogState(insert, log)
            .bind("id", log.id())
            .bind("accountId", log.accountId())
            .bind("tenantId", log.tenantId())
            .bind("refId", log.refId())
            .bind("recipientAddress", log.recipientAddress())
            .bind("recipientKey", Columns.lower(log.recipientAddress()))
            .bind("recipientDomain", log.recipientDomain())
            .bind("recipientType", Columns.wireName(log.recipientType()))
            .bind("fromAddress", log.fromAddress())
            .bind("fromKey", Columns.lower(log.fromAddress()))
            .bind("subject", log.subject())
            .bind("subjectKey", Columns.prefix(log.subject()))
            .bind("priority", Columns.wireName(log.priority()))
            .bindByType("campaignId", log.campaignId(), String.class)
            .bindByType("campaignKey", Columns.prefix(log.campaignId()), String.class)
            .bind("tags", JsonColumns.writeTags(log.tags()))
            .add();
      }
      insert.execute();
    }
    if (update != null) {
      update.execute();
    }
    return ids;
  }

  /** Binds the columns an event can change. */
  private static PreparedBatch bindLogState(PreparedBatch batch, EmailLog log) {
    return batch
        .bind("status", Columns.wireName(log.status()))
        .bindByType("statusAt", log.statusAt(), Instant.class)
        .bind("opened", log.opened())
        .bind("clicked", log.clicked())
        .bindByType("failedReason", log.failedReason(), String.class)
        .bindByType("failedReasonKey", Columns.prefix(log.failedReason()), String.class)
        .bindByType("failedReasonAt", log.failedReasonAt(), Instant.class)
        .bindByType("createdAt", log.createdAt(), Instant.class)
        .bindByType("deliveredAt", log.deliveredDate(), Instant.class)
        .bindByType("updatedAt", log.updatedAt(), Instant.class)
        .bind("track", JsonColumns.writeTrack(log.track()));
  }

  /**
   * Reserves {@code n} sequences and returns the last. The counter row stays locked until this
   * transaction ends, which orders the commits of appends by sequence.
   */
  private long takeSequences(Handle h, int n) {
    String increment = "UPDATE event_counter SET last_value = last_value + :n WHERE id = 1";
    if (dialect == Dialect.POSTGRES) {
      return h.createQuery(increment + " RETURNING last_value")
          .bind("n", n)
          .mapTo(Long.class)
          .one();
    }
    h.createUpdate(increment).bind("n", n).execute();
    return h.createQuery("SELECT last_value FROM event_counter WHERE id = 1")
        .mapTo(Long.class)
        .one();
  }

  private static void insertEvents(
      Handle h, List<LogEvent> events, long firstSequence, Map<LogKey, Long> logIds) {
    PreparedBatch insert = h.prepareBatch(INSERT_EVENT);
    long sequence = firstSequence;
    for (LogEvent e : events) {
      Long logId = logIds.get(LogKey.of(e.accountId(), e.refId(), e.recipientAddress()));
      insert
          .bind("sequence", sequence++)
          .bind("eventId", e.eventId())
          .bind("logId", logId)
          .bind("accountId", e.accountId())
          .bind("senderDomain", e.senderDomain())
          .bind("eventType", Columns.wireName(e.type()))
          .bindByType("occurredAt", e.timestamp(), Instant.class)
          .bind("refId", e.refId())
          .bind("recipientAddress", e.recipientAddress())
          .bind("recipientKey", Columns.lower(e.recipientAddress()))
          .bind("fromAddress", e.fromAddress())
          .bind("fromKey", Columns.lower(e.fromAddress()))
          .bind("subject", e.subject())
          .bindByType("campaignId", e.campaignId(), String.class)
          .bind("tags", JsonColumns.writeTags(e.tags()))
          .bindByType("reason", e.details().reason(), String.class)
          .bindByType("userAgent", e.details().userAgent(), String.class)
          .bindByType("ip", e.details().ip(), String.class)
          .bindByType("url", e.details().url(), String.class)
          .add();
    }
    insert.execute();
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
