package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.EventScan;
import io.emaillogs.domain.stream.StreamFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the query reading one chunk of a stream: the account's events of the sender domain after a
 * sequence, in sequence order, through the index {@code (account_id, sender_domain, sequence)}. The
 * exact filters (event type, timestamp window, sender, recipient: lower-cased columns) go into the
 * WHERE; the partial, case-insensitive ones (subject, tags) are left to {@link
 * StreamFilter#matches}, which the store applies to every row anyway, so the semantics are the
 * domain's to the letter.
 *
 * @param exact true when the WHERE applies the whole filter, so every row returned matches
 */
record EventScanSql(String sql, Map<String, Object> fixedBindings, boolean exact) {

  static final String AFTER = "afterSequence";
  static final String LIMIT = "chunk";

  EventScanSql {
    fixedBindings = Collections.unmodifiableMap(new LinkedHashMap<>(fixedBindings));
  }

  /** The query for {@code scan}; empty when its timestamp window holds no whole microsecond. */
  static Optional<EventScanSql> of(EventScan scan) {
    StreamFilter f = scan.filter();
    List<String> where = new ArrayList<>();
    Map<String, Object> bind = new LinkedHashMap<>();
    where.add("account_id = :accountId");
    bind.put("accountId", scan.accountId());
    where.add("sender_domain = :senderDomain");
    bind.put("senderDomain", Columns.lower(scan.senderDomain()));
    where.add("sequence > :" + AFTER);
    if (f.eventType() != null) {
      where.add("event_type = :eventType");
      bind.put("eventType", Columns.wireName(f.eventType()));
    }
    Instant from = f.start() == null ? null : Micros.ceil(f.start());
    Instant to = f.end() == null ? null : Micros.floor(f.end());
    if (from != null && to != null && from.isAfter(to)) {
      return Optional.empty();
    }
    if (from != null) {
      where.add("occurred_at >= :start");
      bind.put("start", from);
    }
    if (to != null) {
      where.add("occurred_at <= :end");
      bind.put("end", to);
    }
    if (f.sender() != null) {
      where.add("from_key = :sender");
      bind.put("sender", f.sender());
    }
    if (f.recipient() != null) {
      where.add("recipient_key = :recipient");
      bind.put("recipient", f.recipient());
    }
    String sql =
        "SELECT "
            + LogEventMapper.COLUMNS
            + " FROM log_events WHERE "
            + String.join(" AND ", where)
            // the fixed columns in front let H2 see that the index yields this order
            + " ORDER BY account_id, sender_domain, sequence LIMIT :"
            + LIMIT;
    boolean exact = f.subject() == null && f.tags() == null;
    return Optional.of(new EventScanSql(sql, bind, exact));
  }

  /** The query of the chunk of at most {@code size} rows after {@code afterSequence}. */
  SqlQuery chunk(long afterSequence, int size) {
    Map<String, Object> bind = new LinkedHashMap<>(fixedBindings);
    bind.put(AFTER, afterSequence);
    bind.put(LIMIT, size);
    return new SqlQuery(sql, bind);
  }
}
