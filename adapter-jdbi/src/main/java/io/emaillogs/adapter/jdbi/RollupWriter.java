package io.emaillogs.adapter.jdbi;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch.LogChange;
import io.emaillogs.domain.LogKey;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.stats.DeliveryCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Keeps the hourly rollups ({@code stats_hourly}, and {@code stats_hourly_account} without the
 * dimensions) in step with the logs, inside the transaction that changes them: an append moves each
 * changed log from its old counts to its new ones, a purge takes the deleted logs out. Rows are
 * written in {@link RollupKey} order so concurrent transactions lock shared rows in one order.
 */
final class RollupWriter {
  /** The count columns, in the slot order of {@link DeliveryCounts}. */
  static final List<String> COUNT_COLUMNS = countColumns();

  private static final String KEY_COLUMNS =
      "account_id, hour_start, campaign_key, campaign_id, from_key, recipient_domain";

  private final Dialect dialect;
  private final String upsertDetail;
  private final String upsertAccount;
  private final String updateDetail;
  private final String insertDetail;
  private final String updateAccount;
  private final String insertAccount;

  RollupWriter(Dialect dialect) {
    this.dialect = dialect;
    String counts = String.join(", ", COUNT_COLUMNS);
    String countParams = String.join(", ", COUNT_COLUMNS.stream().map(c -> ":" + c).toList());
    String addDetail = adding("stats_hourly");
    String addAccount = adding("stats_hourly_account");
    this.insertDetail =
        "INSERT INTO stats_hourly ("
            + KEY_COLUMNS
            + ", "
            + counts
            + ") VALUES (:accountId, :hour, :campaignKey, :campaignId, :fromKey,"
            + " :recipientDomain, "
            + countParams
            + ")";
    this.insertAccount =
        "INSERT INTO stats_hourly_account (account_id, hour_start, "
            + counts
            + ") VALUES (:accountId, :hour, "
            + countParams
            + ")";
    this.upsertDetail =
        insertDetail
            + " ON CONFLICT (account_id, hour_start, campaign_key, from_key, recipient_domain)"
            + " DO UPDATE SET "
            + addDetail;
    this.upsertAccount =
        insertAccount + " ON CONFLICT (account_id, hour_start) DO UPDATE SET " + addAccount;
    this.updateDetail =
        "UPDATE stats_hourly SET "
            + addDetail.replace("EXCLUDED.", ":").replace("stats_hourly.", "")
            + ", campaign_id = :campaignId"
            + " WHERE account_id = :accountId AND hour_start = :hour"
            + " AND campaign_key IS NOT DISTINCT FROM :campaignKey AND from_key = :fromKey"
            + " AND recipient_domain = :recipientDomain";
    this.updateAccount =
        "UPDATE stats_hourly_account SET "
            + addAccount.replace("EXCLUDED.", ":").replace("stats_hourly_account.", "")
            + " WHERE account_id = :accountId AND hour_start = :hour";
  }

  private static List<String> countColumns() {
    List<String> columns = new ArrayList<>();
    columns.add("total");
    for (LogStatus status : LogStatus.values()) {
      columns.add("s_" + status.wireName());
    }
    columns.add("delivered");
    columns.add("opened");
    columns.add("clicked");
    if (columns.size() != DeliveryCounts.SLOTS) {
      throw new IllegalStateException("count columns out of step with DeliveryCounts");
    }
    return List.copyOf(columns);
  }

  /** {@code total = <table>.total + EXCLUDED.total, ...}. */
  private static String adding(String table) {
    return String.join(
        ", ",
        COUNT_COLUMNS.stream().map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c).toList());
  }

  /** Moves every changed log of an append from its stored counts to its new ones. */
  void applyChanges(Handle h, List<LogChange> changes, Map<LogKey, EmailLog> existing) {
    Map<RollupKey, DeliveryCounts> deltas = new TreeMap<>();
    for (LogChange change : changes) {
      EmailLog after = change.log();
      EmailLog before = change.created() ? null : existing.get(after.key());
      if (before != null) {
        deltas.merge(
            RollupKey.of(before),
            DeliveryCounts.ZERO.minus(DeliveryCounts.of(before)),
            DeliveryCounts::plus);
      }
      deltas.merge(RollupKey.of(after), DeliveryCounts.of(after), DeliveryCounts::plus);
    }
    write(h, deltas);
  }

  /**
   * Deletes up to {@code chunk} logs of the account created before {@code bound} (locking them
   * first) and takes them out of the rollups; returns how many were deleted.
   */
  int purgeChunk(Handle h, long accountId, Instant bound, int chunk) {
    List<Long> ids = new ArrayList<>();
    Map<RollupKey, DeliveryCounts> deltas = new TreeMap<>();
    List<PurgedLog> rows =
        h.createQuery(
                "SELECT id, created_at, campaign_id, from_key, recipient_domain, status,"
                    + " delivered_at, opened, clicked FROM email_logs"
                    + " WHERE account_id = :accountId AND created_at < :cutoff"
                    + " ORDER BY account_id, created_at, id LIMIT :chunk"
                    + (dialect == Dialect.POSTGRES ? " FOR UPDATE" : ""))
            .bind("accountId", accountId)
            .bindByType("cutoff", bound, Instant.class)
            .bind("chunk", chunk)
            .map((rs, ctx) -> PurgedLog.of(accountId, rs))
            .list();
    for (PurgedLog row : rows) {
      ids.add(row.id());
      deltas.merge(row.key(), row.removal(), DeliveryCounts::plus);
    }
    if (ids.isEmpty()) {
      return 0;
    }
    int deleted =
        h.createUpdate("DELETE FROM email_logs WHERE id IN (<ids>)").bindList("ids", ids).execute();
    write(h, deltas);
    return deleted;
  }

  /** A log a purge deletes: its id, rollup key, and what removing it subtracts. */
  private record PurgedLog(long id, RollupKey key, DeliveryCounts removal) {
    static PurgedLog of(long accountId, ResultSet rs) throws SQLException {
      RollupKey key =
          new RollupKey(
              accountId,
              Columns.instant(rs, "created_at").truncatedTo(ChronoUnit.HOURS),
              rs.getString("campaign_id"),
              rs.getString("from_key"),
              rs.getString("recipient_domain"));
      long[] v = new long[DeliveryCounts.SLOTS];
      v[0] = -1;
      v[1 + Columns.wireEnum(rs, "status", LogStatus.class).ordinal()] = -1;
      int flags = 1 + LogStatus.values().length;
      v[flags] = rs.getObject("delivered_at") != null ? -1 : 0;
      v[flags + 1] = rs.getBoolean("opened") ? -1 : 0;
      v[flags + 2] = rs.getBoolean("clicked") ? -1 : 0;
      return new PurgedLog(rs.getLong("id"), key, DeliveryCounts.ofValues(v));
    }
  }

  private void write(Handle h, Map<RollupKey, DeliveryCounts> deltas) {
    Map<RollupKey, DeliveryCounts> accountDeltas = new TreeMap<>();
    deltas.forEach(
        (key, delta) ->
            accountDeltas.merge(
                new RollupKey(key.accountId(), key.hour(), null, "", ""),
                delta,
                DeliveryCounts::plus));
    deltas.values().removeIf(DeliveryCounts::isZero);
    accountDeltas.values().removeIf(DeliveryCounts::isZero);
    if (deltas.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRES) {
      upsert(h, upsertDetail, deltas, true);
      upsert(h, upsertAccount, accountDeltas, false);
    } else {
      // H2 appends and purges are serialised by the store's lock: update, insert when absent
      updateOrInsert(h, updateDetail, insertDetail, deltas, true);
      updateOrInsert(h, updateAccount, insertAccount, accountDeltas, false);
    }
  }

  private static void upsert(
      Handle h, String sql, Map<RollupKey, DeliveryCounts> deltas, boolean detail) {
    if (deltas.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(sql);
    deltas.forEach((key, delta) -> bind(batch, key, delta, detail).add());
    batch.execute();
  }

  private static void updateOrInsert(
      Handle h,
      String update,
      String insert,
      Map<RollupKey, DeliveryCounts> deltas,
      boolean detail) {
    deltas.forEach(
        (key, delta) -> {
          var u = h.createUpdate(update);
          bindKey(u, key, detail);
          bindCounts(u, delta);
          if (u.execute() == 0) {
            var i = h.createUpdate(insert);
            bindKey(i, key, detail);
            bindCounts(i, delta);
            i.execute();
          }
        });
  }

  private static PreparedBatch bind(
      PreparedBatch batch, RollupKey key, DeliveryCounts delta, boolean detail) {
    bindKey(batch, key, detail);
    bindCounts(batch, delta);
    return batch;
  }

  private static void bindKey(SqlStatement<?> s, RollupKey key, boolean detail) {
    s.bind("accountId", key.accountId()).bindByType("hour", key.hour(), Instant.class);
    if (detail) {
      s.bindByType("campaignKey", key.campaignKey(), String.class)
          .bindByType("campaignId", key.campaignId(), String.class)
          .bind("fromKey", key.fromKey())
          .bind("recipientDomain", key.recipientDomain());
    }
  }

  private static void bindCounts(SqlStatement<?> s, DeliveryCounts delta) {
    for (int i = 0; i < COUNT_COLUMNS.size(); i++) {
      s.bind(COUNT_COLUMNS.get(i), delta.value(i));
    }
  }
}
