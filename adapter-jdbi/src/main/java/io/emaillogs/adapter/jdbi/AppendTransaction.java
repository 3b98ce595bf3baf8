package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.EventBatch.LogChange;
import io.emaillogs.domain.EventBatch.Plan;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One append of {@link JdbiLogStore}, inside the transaction it is given: lock the batch's stored
 * logs, read which eventIds are stored, plan with {@link EventBatch#plan}, then write the plan with
 * batched statements - logs, hourly rollups, the sequences taken from {@code event_counter} right
 * before the events are inserted (its row lock orders commits by sequence), the events, and on
 * PostgreSQL the {@code NOTIFY} delivered at commit.
 */
final class AppendTransaction {
  private static final String LOG_COLUMNS_L = JdbiLogStore.qualified("l", EmailLogMapper.COLUMNS);

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

  private final Dialect dialect;
  private final String instanceId;
  private final RollupWriter rollups;

  AppendTransaction(Dialect dialect, String instanceId, RollupWriter rollups) {
    this.dialect = dialect;
    this.instanceId = instanceId;
    this.rollups = rollups;
  }

  /** Stores {@code batch} in the transaction of {@code h}; run again by the caller on a race. */
  AppendResult run(Handle h, List<IngestEvent> batch) {
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
      h.execute("NOTIFY " + JdbiLogStore.CHANNEL + ", '" + instanceId + "'");
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
}
