package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.LogSearch;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPageSqlTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  private static final DateWindow WEEK = DateWindow.of(T.minusSeconds(7 * 86_400), T);

  @Test
  void theKeysetIsARowValueAndThereIsNoOffset() {
    SqlQuery q =
        LogPageSql.of(
                new LogSearch(1, LogFilter.NONE, WEEK, null, new Position(T, 42), 21),
                Dialect.POSTGRES)
            .orElseThrow();

    assertThat(q.sql())
        .contains("(created_at, id) < (:afterCreatedAt, :afterId)")
        .endsWith("ORDER BY account_id, created_at DESC, id DESC LIMIT :limit")
        .doesNotContainIgnoringCase("offset")
        .doesNotContain("USE INDEX");
    assertThat(q.bindings()).containsEntry("afterId", 42L).containsEntry("limit", 21);
  }

  @Test
  void theMostSelectiveFilterDrivesTheIndexAndTheOrderOnH2() {
    LogFilter f =
        new LogFilter(null, "example.com", null, LogStatus.SENT, null, null, null, null, null);

    SqlQuery q = LogPageSql.of(new LogSearch(1, f, WEEK, null, null, 5), Dialect.H2).orElseThrow();

    assertThat(q.sql())
        .contains("FROM email_logs USE INDEX (email_logs_by_domain)")
        .contains("recipient_domain = :recipientDomain")
        .contains("status = :status")
        .endsWith("ORDER BY account_id, recipient_domain, created_at DESC, id DESC LIMIT :limit");
    assertThat(q.bindings()).containsEntry("status", "sent");
  }

  @Test
  void windowsAreRoundedToWholeMicroseconds() {
    DateWindow fine = DateWindow.of(T.plusNanos(1), T.plusNanos(2_999));

    SqlQuery q =
        LogPageSql.of(new LogSearch(1, LogFilter.NONE, fine, null, null, 5), Dialect.H2)
            .orElseThrow();

    assertThat(q.bindings())
        .containsEntry("createdFrom", T.plusNanos(1_000))
        .containsEntry("createdTo", T.plusNanos(2_000));
    DateWindow between = DateWindow.of(T.plusNanos(1), T.plusNanos(999));
    assertThat(LogPageSql.of(new LogSearch(1, LogFilter.NONE, between, null, null, 5), Dialect.H2))
        .isEmpty();
  }

  @Test
  void aDeliveredOnlySearchUsesTheDeliveredIndex() {
    SqlQuery q =
        LogPageSql.of(new LogSearch(1, LogFilter.NONE, null, WEEK, null, 5), Dialect.H2)
            .orElseThrow();

    assertThat(q.sql())
        .contains("USE INDEX (email_logs_by_delivered)")
        .contains("delivered_at >= :deliveredFrom AND delivered_at <= :deliveredTo")
        .doesNotContain("created_at >=");
  }
}
