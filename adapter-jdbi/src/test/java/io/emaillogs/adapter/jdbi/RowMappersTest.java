package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.ClickEntry;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.Priority;
import io.emaillogs.domain.RecipientType;
import io.emaillogs.domain.Track;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each row mapper reads the columns it names into the domain type, nulls included. */
class RowMappersTest {
  private static final String TS = "TIMESTAMP WITH TIME ZONE ";
  private Handle h;

  @BeforeEach
  void open() {
    h = Jdbi.create("jdbc:h2:mem:mappers").open();
  }

  @AfterEach
  void close() {
    h.close();
  }

  private <T> T map(String select, RowMapper<T> mapper) {
    return h.createQuery(select).map(mapper).one();
  }

  @Test
  void anEmailLogRow() {
    EmailLog log =
        map(
            "SELECT 7 AS id, 1 AS account_id, 70 AS tenant_id, 'r1' AS ref_id,"
                + " 'Ann@Example.com' AS recipient_address, 'example.com' AS recipient_domain,"
                + " 'cc' AS recipient_type, 'News@Sender.example' AS from_address, 'Hi' AS subject,"
                + " 'clicked' AS status, 'high' AS priority, NULL AS campaign_id,"
                + " '[\"a\"]' AS tags, TRUE AS opened, TRUE AS clicked, 'busy' AS failed_reason, "
                + TS
                + "'2024-01-15 10:00:00.000001+02:00' AS created_at, NULL AS delivered_at, "
                + TS
                + "'2024-01-15 11:00:00Z' AS updated_at, "
                + TS
                + "'2024-01-15 10:30:00Z' AS status_at, "
                + TS
                + "'2024-01-15 10:10:00Z' AS failed_reason_at,"
                + " '{\"clicks\":[{\"timestamp\":\"2024-01-15T10:30:00Z\",\"url\":\"u\"}]}' AS track",
            EmailLogMapper.INSTANCE);

    assertThat(log)
        .isEqualTo(
            new EmailLog(
                7,
                "r1",
                1,
                70,
                "News@Sender.example",
                "Ann@Example.com",
                "example.com",
                RecipientType.CC,
                "Hi",
                LogStatus.CLICKED,
                Priority.HIGH,
                null,
                List.of("a"),
                true,
                true,
                "busy",
                Instant.parse("2024-01-15T08:00:00.000001Z"),
                null,
                Instant.parse("2024-01-15T11:00:00Z"),
                new Track(
                    List.of(),
                    List.of(
                        new ClickEntry(Instant.parse("2024-01-15T10:30:00Z"), "u", null, null))),
                Instant.parse("2024-01-15T10:30:00Z"),
                Instant.parse("2024-01-15T10:10:00Z")));
  }

  @Test
  void aLogEventRow() {
    String select =
        "SELECT 12 AS sequence, 'e1' AS event_id, 'temporary_fail' AS event_type, "
            + TS
            + "'2024-01-15 10:00:00Z' AS occurred_at, 1 AS account_id, 'r1' AS ref_id,"
            + " 'Ann@Example.com' AS recipient_address, 'News@Sender.example' AS from_address,"
            + " 'sender.example' AS sender_domain, 'Hi' AS subject, 'c' AS campaign_id, '[]' AS tags,"
            + " %s AS reason, NULL AS user_agent, NULL AS ip, NULL AS url";

    LogEvent withReason = map(select.formatted("'421 later'"), LogEventMapper.INSTANCE);
    LogEvent without = map(select.formatted("NULL"), LogEventMapper.INSTANCE);

    assertThat(withReason)
        .isEqualTo(
            new LogEvent(
                12,
                "e1",
                EventType.TEMPORARY_FAIL,
                Instant.parse("2024-01-15T10:00:00Z"),
                1,
                "r1",
                "Ann@Example.com",
                "News@Sender.example",
                "sender.example",
                "Hi",
                "c",
                List.of(),
                new EventDetails("421 later", null, null, null)));
    assertThat(without.details()).isSameAs(EventDetails.NONE);
  }

  @Test
  void accountKeyAndDomainRows() {
    assertThat(
            map(
                "SELECT 5 AS id, 'Acme' AS name, 9 AS tenant_id, NULL AS rate_limit",
                AccountMapper.INSTANCE))
        .isEqualTo(new Account(5, "Acme", 9, OptionalInt.empty()));
    assertThat(
            map(
                "SELECT 5 AS id, 'Acme' AS name, 9 AS tenant_id, 0 AS rate_limit",
                AccountMapper.INSTANCE))
        .isEqualTo(new Account(5, "Acme", 9, OptionalInt.of(0)));
    assertThat(
            map(
                "SELECT 'k1' AS key_id, 5 AS account_id, 'ci' AS name, X'0102ff' AS secret_hash, "
                    + TS
                    + "'2024-01-15 10:00:00Z' AS created_at, NULL AS revoked_at",
                ApiKeyMapper.INSTANCE))
        .isEqualTo(
            new ApiKey(
                "k1",
                5,
                "ci",
                new byte[] {1, 2, (byte) 0xff},
                Instant.parse("2024-01-15T10:00:00Z"),
                null));
    assertThat(
            map(
                "SELECT 5 AS account_id, 'example.com' AS domain, TRUE AS verified",
                SendingDomainMapper.INSTANCE))
        .isEqualTo(new SendingDomain(5, "example.com", true));
  }

  @Test
  void anUnknownWireNameIsAnError() {
    assertThatThrownBy(
            () ->
                map(
                    "SELECT 5 AS sequence, 'e' AS event_id, 'exploded' AS event_type",
                    (rs, ctx) -> Columns.wireEnum(rs, "event_type", EventType.class)))
        .hasStackTraceContaining("unexpected event_type: exploded");
  }

  @Test
  void longTextsAreIndexedByAPrefixThatKeepsSurrogatePairsWhole() {
    assertThat(Columns.prefix(null)).isNull();
    assertThat(Columns.prefix("short")).isEqualTo("short");
    assertThat(Columns.prefix("x".repeat(150))).isEqualTo("x".repeat(100));
    String rocketAtTheCut = "x".repeat(99) + "\ud83d\ude80" + "y";
    assertThat(Columns.prefix(rocketAtTheCut)).isEqualTo("x".repeat(99));
  }
}
