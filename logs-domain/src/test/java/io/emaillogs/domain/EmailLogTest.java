package io.emaillogs.domain;

import static io.emaillogs.domain.AnEvent.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailLogTest {

  /** The log of the default queued event (at T0) with {@code events} applied in order. */
  private static EmailLog logAfter(AnEvent... events) {
    EmailLog log = EmailLog.create(AnEvent.queued().build());
    for (AnEvent e : events) {
      log = log.apply(e.build());
    }
    return log;
  }

  private static AnEvent ev(EventType type, long second) {
    return AnEvent.of(type).atSecond(second);
  }

  @Nested
  class Creation {
    @Test
    void a_queued_event_creates_the_log_with_its_fields() {
      EmailLog log =
          EmailLog.create(
              AnEvent.queued()
                  .ref("01HQ-abc_9")
                  .account(7)
                  .tenant(70)
                  .to("Bob.Smith@Example.COM")
                  .from("News@Acme.com")
                  .subject("Your invoice")
                  .recipientType(RecipientType.CC)
                  .priority(Priority.HIGH)
                  .campaign("spring")
                  .tags("a", "b")
                  .at(T0)
                  .build());

      assertThat(log.id()).isZero();
      assertThat(log.refId()).isEqualTo("01HQ-abc_9");
      assertThat(log.accountId()).isEqualTo(7);
      assertThat(log.tenantId()).isEqualTo(70);
      assertThat(log.recipientAddress()).isEqualTo("Bob.Smith@Example.COM");
      assertThat(log.recipientDomain()).isEqualTo("example.com");
      assertThat(log.fromAddress()).isEqualTo("News@Acme.com");
      assertThat(log.subject()).isEqualTo("Your invoice");
      assertThat(log.recipientType()).isEqualTo(RecipientType.CC);
      assertThat(log.priority()).isEqualTo(Priority.HIGH);
      assertThat(log.campaignId()).isEqualTo("spring");
      assertThat(log.tags()).containsExactly("a", "b");
      assertThat(log.status()).isEqualTo(LogStatus.QUEUED);
      assertThat(log.opened()).isFalse();
      assertThat(log.clicked()).isFalse();
      assertThat(log.failedReason()).isNull();
      assertThat(log.createdAt()).isEqualTo(T0);
      assertThat(log.updatedAt()).isEqualTo(T0);
      assertThat(log.deliveredDate()).isNull();
      assertThat(log.track()).isEqualTo(Track.EMPTY);
    }

    @Test
    void only_a_queued_event_creates_a_log() {
      assertThatThrownBy(() -> EmailLog.create(ev(EventType.DELIVERED, 0).build()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_key_compares_the_recipient_case_insensitively() {
      EmailLog log = EmailLog.create(AnEvent.queued().to("Bob@Example.com").build());
      assertThat(log.key()).isEqualTo(LogKey.of(1, "ref-1", "bob@EXAMPLE.com"));
      assertThat(log.key()).isNotEqualTo(LogKey.of(2, "ref-1", "bob@example.com"));
      assertThat(log.key()).isNotEqualTo(LogKey.of(1, "ref-2", "bob@example.com"));

      EmailLog after = log.apply(ev(EventType.SENT, 1).to("BOB@EXAMPLE.COM").build());
      assertThat(after.status()).isEqualTo(LogStatus.SENT);
      assertThat(after.recipientAddress()).isEqualTo("Bob@Example.com");
    }

    @Test
    void an_event_of_another_log_is_refused() {
      EmailLog log = logAfter();
      assertThatThrownBy(() -> log.apply(ev(EventType.SENT, 1).ref("other").build()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.apply(ev(EventType.SENT, 1).to("eve@example.com").build()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.apply(ev(EventType.SENT, 1).account(2).build()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apply_keeps_the_stored_id_and_with_id_sets_it() {
      EmailLog stored = logAfter().withId(42);
      assertThat(stored.id()).isEqualTo(42);
      assertThat(stored.apply(ev(EventType.SENT, 1).build()).id()).isEqualTo(42);
    }
  }

  @Nested
  class Statuses {
    @ParameterizedTest
    @CsvSource({
      "sent, sent",
      "delivered, delivered",
      "bounced, bounced",
      "failed, failed",
      "permanent_fail, failed",
      "opened, opened",
      "clicked, clicked",
      "spam, spam",
      "unsubscribed, unsubscribed",
      "deferred, queued",
      "temporary_fail, queued"
    })
    void each_event_type_moves_a_queued_log_to_its_status(String type, String status) {
      EmailLog log = logAfter(ev(EventType.parse(type, "type"), 1));
      assertThat(log.status().wireName()).isEqualTo(status);
    }

    @Test
    void opened_then_delivered_stays_opened_but_sets_delivered_date() {
      EmailLog log = logAfter(ev(EventType.OPENED, 5), ev(EventType.DELIVERED, 3));
      assertThat(log.status()).isEqualTo(LogStatus.OPENED);
      assertThat(log.deliveredDate()).isEqualTo(T0.plusSeconds(3));
      assertThat(log.opened()).isTrue();
    }

    @Test
    void delivered_arriving_after_opened_with_a_later_timestamp_still_does_not_regress() {
      EmailLog log = logAfter(ev(EventType.OPENED, 5), ev(EventType.DELIVERED, 9));
      assertThat(log.status()).isEqualTo(LogStatus.OPENED);
      assertThat(log.deliveredDate()).isEqualTo(T0.plusSeconds(9));
      assertThat(log.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void a_lower_status_never_replaces_a_higher_one() {
      assertThat(logAfter(ev(EventType.DELIVERED, 2), ev(EventType.SENT, 9)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.SENT, 2), ev(EventType.QUEUED, 9)).status())
          .isEqualTo(LogStatus.SENT);
      assertThat(logAfter(ev(EventType.CLICKED, 2), ev(EventType.OPENED, 9)).status())
          .isEqualTo(LogStatus.CLICKED);
      assertThat(logAfter(ev(EventType.UNSUBSCRIBED, 2), ev(EventType.SPAM, 9)).status())
          .isEqualTo(LogStatus.UNSUBSCRIBED);
      assertThat(logAfter(ev(EventType.SPAM, 2), ev(EventType.CLICKED, 9)).status())
          .isEqualTo(LogStatus.SPAM);
      assertThat(logAfter(ev(EventType.OPENED, 2), ev(EventType.BOUNCED, 9)).status())
          .isEqualTo(LogStatus.OPENED);
    }

    @Test
    void a_higher_status_replaces_a_lower_one_even_with_an_older_timestamp() {
      assertThat(logAfter(ev(EventType.SENT, 9), ev(EventType.DELIVERED, 2)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.DELIVERED, 9), ev(EventType.OPENED, 2)).status())
          .isEqualTo(LogStatus.OPENED);
    }

    @Test
    void tie_between_delivered_and_bounced_keeps_the_later_timestamp_in_either_order() {
      assertThat(logAfter(ev(EventType.DELIVERED, 5), ev(EventType.BOUNCED, 3)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.BOUNCED, 3), ev(EventType.DELIVERED, 5)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.DELIVERED, 3), ev(EventType.BOUNCED, 5)).status())
          .isEqualTo(LogStatus.BOUNCED);
      assertThat(logAfter(ev(EventType.BOUNCED, 5), ev(EventType.DELIVERED, 3)).status())
          .isEqualTo(LogStatus.BOUNCED);
    }

    @Test
    void tie_between_failed_and_delivered_keeps_the_later_timestamp_in_either_order() {
      assertThat(logAfter(ev(EventType.FAILED, 4), ev(EventType.DELIVERED, 6)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.DELIVERED, 6), ev(EventType.FAILED, 4)).status())
          .isEqualTo(LogStatus.DELIVERED);
      assertThat(logAfter(ev(EventType.DELIVERED, 4), ev(EventType.PERMANENT_FAIL, 6)).status())
          .isEqualTo(LogStatus.FAILED);
    }

    @Test
    void equal_rank_and_equal_timestamp_give_the_same_status_in_either_order() {
      EmailLog a = logAfter(ev(EventType.DELIVERED, 5), ev(EventType.BOUNCED, 5));
      EmailLog b = logAfter(ev(EventType.BOUNCED, 5), ev(EventType.DELIVERED, 5));
      assertThat(a.status()).isEqualTo(b.status());
    }

    @Test
    void deferrals_keep_the_status_and_set_failed_reason() {
      EmailLog log =
          logAfter(ev(EventType.SENT, 1), ev(EventType.DEFERRED, 2).reason("greylisted"));
      assertThat(log.status()).isEqualTo(LogStatus.SENT);
      assertThat(log.failedReason()).isEqualTo("greylisted");

      log = log.apply(ev(EventType.TEMPORARY_FAIL, 3).reason("mailbox full").build());
      assertThat(log.status()).isEqualTo(LogStatus.SENT);
      assertThat(log.failedReason()).isEqualTo("mailbox full");
      assertThat(log.updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void permanent_fail_is_failed_with_its_reason() {
      EmailLog log = logAfter(ev(EventType.PERMANENT_FAIL, 2).reason("550 no such user"));
      assertThat(log.status()).isEqualTo(LogStatus.FAILED);
      assertThat(log.failedReason()).isEqualTo("550 no such user");
    }

    @Test
    void bounced_and_failed_record_their_reason() {
      assertThat(logAfter(ev(EventType.BOUNCED, 2).reason("hard bounce")).failedReason())
          .isEqualTo("hard bounce");
      assertThat(logAfter(ev(EventType.FAILED, 2).reason("rejected")).failedReason())
          .isEqualTo("rejected");
    }

    @Test
    void reasons_of_non_failure_events_are_not_failed_reasons() {
      assertThat(logAfter(ev(EventType.DELIVERED, 2).reason("250 ok")).failedReason()).isNull();
      assertThat(logAfter(ev(EventType.SPAM, 2).reason("complaint")).failedReason()).isNull();
    }
  }

  @Nested
  class FailedReason {
    @Test
    void comes_from_the_latest_failure_or_deferral_whatever_the_arrival_order() {
      EmailLog log =
          logAfter(
              ev(EventType.DEFERRED, 5).reason("later"), ev(EventType.BOUNCED, 3).reason("older"));
      assertThat(log.failedReason()).isEqualTo("later");

      EmailLog other =
          logAfter(
              ev(EventType.BOUNCED, 3).reason("older"), ev(EventType.DEFERRED, 5).reason("later"));
      assertThat(other.failedReason()).isEqualTo("later");
    }

    @Test
    void is_never_cleared() {
      EmailLog log =
          logAfter(
              ev(EventType.DEFERRED, 1).reason("timeout"),
              ev(EventType.DELIVERED, 2),
              ev(EventType.OPENED, 3),
              ev(EventType.TEMPORARY_FAIL, 4),
              ev(EventType.FAILED, 5));
      assertThat(log.failedReason()).isEqualTo("timeout");
      assertThat(log.status()).isEqualTo(LogStatus.OPENED);
    }
  }

  @Nested
  class OpensAndClicks {
    @Test
    void a_click_does_not_imply_an_open() {
      EmailLog log =
          logAfter(
              ev(EventType.CLICKED, 2).url("https://acme.com/x").userAgent("UA").ip("10.0.0.1"));
      assertThat(log.clicked()).isTrue();
      assertThat(log.opened()).isFalse();
      assertThat(log.status()).isEqualTo(LogStatus.CLICKED);
      assertThat(log.track().opens()).isEmpty();
      assertThat(log.track().clicks())
          .containsExactly(
              new ClickEntry(T0.plusSeconds(2), "https://acme.com/x", "UA", "10.0.0.1"));
    }

    @Test
    void an_open_sets_opened_and_records_the_track_entry() {
      EmailLog log = logAfter(ev(EventType.OPENED, 2).userAgent("Mail/1").ip("1.2.3.4"));
      assertThat(log.opened()).isTrue();
      assertThat(log.clicked()).isFalse();
      assertThat(log.track().opens())
          .containsExactly(new OpenEntry(T0.plusSeconds(2), "Mail/1", "1.2.3.4"));
      assertThat(log.track().clicks()).isEmpty();
    }

    @Test
    void track_entries_keep_ingestion_order_not_timestamp_order() {
      EmailLog log =
          logAfter(
              ev(EventType.OPENED, 9).userAgent("first"),
              ev(EventType.CLICKED, 8).url("u1"),
              ev(EventType.OPENED, 2).userAgent("second"),
              ev(EventType.CLICKED, 1).url("u2"),
              ev(EventType.OPENED, 5).userAgent("third"));
      assertThat(log.track().opens())
          .extracting(OpenEntry::userAgent)
          .containsExactly("first", "second", "third");
      assertThat(log.track().clicks()).extracting(ClickEntry::url).containsExactly("u1", "u2");
    }
  }

  @Nested
  class Dates {
    @Test
    void updated_at_is_the_latest_timestamp_not_the_last_applied() {
      EmailLog log =
          logAfter(ev(EventType.SENT, 10), ev(EventType.DELIVERED, 4), ev(EventType.OPENED, 7));
      assertThat(log.updatedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void an_event_older_than_the_queued_one_leaves_updated_at_at_queued() {
      EmailLog log = logAfter(ev(EventType.SENT, -30));
      assertThat(log.updatedAt()).isEqualTo(T0);
      assertThat(log.createdAt()).isEqualTo(T0);
    }

    @Test
    void delivered_date_is_the_delivered_event_time_and_stays_the_earliest() {
      EmailLog log = logAfter(ev(EventType.DELIVERED, 6));
      assertThat(log.deliveredDate()).isEqualTo(T0.plusSeconds(6));
      assertThat(log.apply(ev(EventType.DELIVERED, 8).build()).deliveredDate())
          .isEqualTo(T0.plusSeconds(6));
      assertThat(log.apply(ev(EventType.DELIVERED, 4).build()).deliveredDate())
          .isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void no_other_event_sets_delivered_date() {
      EmailLog log =
          logAfter(
              ev(EventType.SENT, 1),
              ev(EventType.OPENED, 2),
              ev(EventType.CLICKED, 3),
              ev(EventType.BOUNCED, 4));
      assertThat(log.deliveredDate()).isNull();
    }

    @Test
    void created_at_is_the_earliest_queued_event() {
      EmailLog log = logAfter(ev(EventType.QUEUED, -5), ev(EventType.QUEUED, 5));
      assertThat(log.createdAt()).isEqualTo(T0.minusSeconds(5));
      assertThat(log.updatedAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(log.status()).isEqualTo(LogStatus.QUEUED);
    }

    @Test
    void sub_second_timestamps_are_kept() {
      Instant at = T0.plusMillis(1500);
      EmailLog log = logAfter(AnEvent.of(EventType.DELIVERED).at(at));
      assertThat(log.deliveredDate()).isEqualTo(at);
      assertThat(log.updatedAt()).isEqualTo(at);
    }
  }

  @Test
  void the_log_is_immutable() {
    EmailLog before = logAfter();
    EmailLog after = before.apply(ev(EventType.OPENED, 1).build());
    assertThat(before.status()).isEqualTo(LogStatus.QUEUED);
    assertThat(before.opened()).isFalse();
    assertThat(before.track().opens()).isEmpty();
    assertThat(after).isNotSameAs(before);
    assertThatThrownBy(() -> after.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> after.track().opens().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(List.copyOf(after.tags())).isEmpty();
  }
}
