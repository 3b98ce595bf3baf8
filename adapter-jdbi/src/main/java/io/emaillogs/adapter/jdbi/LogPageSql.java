package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.LogSearch;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the page query of {@link io.emaillogs.application.port.LogStore#findLogs}: the account,
 * each given filter and window, the keyset position as a row value {@code (created_at, id) < (?,
 * ?)}, newest first, {@code LIMIT}; never OFFSET.
 *
 * <p>Each filter has an index {@code (account_id, <column>, created_at DESC, id DESC)}. The most
 * selective given filter (in this order: refId, email, subject, campaignId, failedReason,
 * fromAddress, recipientDomain, status, recipientType) names the index that drives the query, and
 * its column joins the ORDER BY right after {@code account_id}: both are fixed by the WHERE, so the
 * order is the same, but H2 sees then that the index yields rows already sorted. H2 is also told to
 * use that index; PostgreSQL's planner chooses for itself, except for a search bounded by a
 * delivered window only (see {@link #of}).
 */
final class LogPageSql {
  /** One filter: the index that serves it and its indexed column. */
  private record Indexed(String index, String column) {}

  private static final Indexed REF = new Indexed("email_logs_by_ref", "ref_id");
  private static final Indexed EMAIL = new Indexed("email_logs_by_email", "recipient_key");
  private static final Indexed SUBJECT = new Indexed("email_logs_by_subject", "subject_key");
  private static final Indexed CAMPAIGN = new Indexed("email_logs_by_campaign", "campaign_key");
  private static final Indexed REASON = new Indexed("email_logs_by_reason", "failed_reason_key");
  private static final Indexed FROM = new Indexed("email_logs_by_from", "from_key");
  private static final Indexed DOMAIN = new Indexed("email_logs_by_domain", "recipient_domain");
  private static final Indexed STATUS = new Indexed("email_logs_by_status", "status");
  private static final Indexed TYPE = new Indexed("email_logs_by_type", "recipient_type");
  private static final Indexed PAGE = new Indexed("email_logs_page", null);
  private static final Indexed DELIVERED = new Indexed("email_logs_by_delivered", null);

  private LogPageSql() {}

  /**
   * The query for {@code search}; empty when no stored instant can fall in its windows (a window
   * narrower than a microsecond).
   */
  static Optional<SqlQuery> of(LogSearch search, Dialect dialect) {
    List<String> where = new ArrayList<>();
    Map<String, Object> bind = new LinkedHashMap<>();
    where.add("account_id = :accountId");
    bind.put("accountId", search.accountId());
    LogFilter f = search.filter();
    Indexed driver = null;
    if (f.refId() != null) {
      driver = REF;
      where.add("ref_id = :refId");
      bind.put("refId", f.refId());
    }
    if (f.email() != null) {
      driver = first(driver, EMAIL);
      where.add("recipient_key = :email");
      bind.put("email", f.email());
    }
    if (f.subject() != null) {
      driver = first(driver, SUBJECT);
      where.add("subject_key = :subjectKey AND subject = :subject");
      bind.put("subjectKey", Columns.prefix(f.subject()));
      bind.put("subject", f.subject());
    }
    if (f.campaignId() != null) {
      driver = first(driver, CAMPAIGN);
      where.add("campaign_key = :campaignKey AND campaign_id = :campaignId");
      bind.put("campaignKey", Columns.prefix(f.campaignId()));
      bind.put("campaignId", f.campaignId());
    }
    if (f.failedReason() != null) {
      driver = first(driver, REASON);
      where.add("failed_reason_key = :failedReasonKey AND failed_reason = :failedReason");
      bind.put("failedReasonKey", Columns.prefix(f.failedReason()));
      bind.put("failedReason", f.failedReason());
    }
    if (f.fromAddress() != null) {
      driver = first(driver, FROM);
      where.add("from_key = :fromAddress");
      bind.put("fromAddress", f.fromAddress());
    }
    if (f.recipientDomain() != null) {
      driver = first(driver, DOMAIN);
      where.add("recipient_domain = :recipientDomain");
      bind.put("recipientDomain", f.recipientDomain());
    }
    if (f.status() != null) {
      driver = first(driver, STATUS);
      where.add("status = :status");
      bind.put("status", Columns.wireName(f.status()));
    }
    if (f.recipientType() != null) {
      driver = first(driver, TYPE);
      where.add("recipient_type = :recipientType");
      bind.put("recipientType", Columns.wireName(f.recipientType()));
    }
    if (!window(search.createdWindow(), "created_at", "created", where, bind)
        || !window(search.deliveredWindow(), "delivered_at", "delivered", where, bind)) {
      return Optional.empty();
    }
    if (driver == null) {
      driver = search.createdWindow() != null ? PAGE : DELIVERED;
    }
    Position after = search.after();
    if (after != null) {
      // stored instants are whole microseconds: "created_at < t" for a finer t is
      // "created_at <= floor(t)", which the row value says with the largest id
      where.add("(created_at, id) < (:afterCreatedAt, :afterId)");
      boolean whole = Micros.isWhole(after.createdAt());
      bind.put("afterCreatedAt", Micros.floor(after.createdAt()));
      bind.put("afterId", whole ? after.id() : Long.MAX_VALUE);
    }
    String condition = String.join(" AND ", where);
    String sql;
    if (search.createdWindow() == null && dialect == Dialect.POSTGRES) {
      // Only a delivered window bounds the search. Given the ORDER BY and LIMIT, PostgreSQL
      // would walk email_logs_page from the newest log and filter on delivered_at, guessing that
      // matches are spread evenly; for an older window it then reads the account's whole recent
      // history. Fenced, the window's keys come from email_logs_by_delivered (at most seven days
      // of the account, index-only when no other filter is given) and are sorted, and only the
      // page's rows are read: a bounded cost at any depth.
      sql =
          "WITH delivered AS MATERIALIZED (SELECT id, created_at FROM email_logs WHERE "
              + condition
              + ") SELECT "
              + EmailLogMapper.COLUMNS
              + " FROM email_logs WHERE id IN (SELECT id FROM delivered"
              + " ORDER BY created_at DESC, id DESC LIMIT :limit)"
              + " ORDER BY created_at DESC, id DESC";
    } else {
      sql =
          "SELECT "
              + EmailLogMapper.COLUMNS
              + " FROM "
              + dialect.tableWithIndex("email_logs", driver.index())
              + " WHERE "
              + condition
              + " ORDER BY account_id, "
              + (driver.column() == null ? "" : driver.column() + ", ")
              + "created_at DESC, id DESC LIMIT :limit";
    }
    bind.put("limit", search.limit());
    return Optional.of(new SqlQuery(sql, bind));
  }

  private static Indexed first(Indexed chosen, Indexed candidate) {
    return chosen != null ? chosen : candidate;
  }

  /** Adds an inclusive window on {@code column}; false when it holds no whole microsecond. */
  private static boolean window(
      DateWindow window, String column, String name, List<String> where, Map<String, Object> bind) {
    if (window == null) {
      return true;
    }
    Instant from = Micros.ceil(window.start());
    Instant to = Micros.floor(window.end());
    if (from.isAfter(to)) {
      return false;
    }
    where.add(column + " >= :" + name + "From AND " + column + " <= :" + name + "To");
    bind.put(name + "From", from);
    bind.put(name + "To", to);
    return true;
  }
}
