package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emaillogs.domain.EventBatch.LogChange;
import io.emaillogs.domain.EventBatch.Plan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventBatchTest {

  private static Plan plan(IngestEvent... events) {
    return EventBatch.plan(List.of(events), Map.of(), Set.of());
  }

  @Test
  void a_queued_event_creates_a_log_and_is_stored() {
    IngestEvent queued = AnEvent.queued().id("q1").build();
    Plan plan = plan(queued);

    assertThat(plan.accepted()).isEqualTo(1);
    assertThat(plan.duplicates()).isZero();
    assertThat(plan.logs()).hasSize(1);
    LogChange change = plan.logs().get(0);
    assertThat(change.created()).isTrue();
    assertThat(change.log().id()).isZero();
    assertThat(change.log()).isEqualTo(EmailLog.create(queued));
    assertThat(plan.events()).extracting(LogEvent::eventId).containsExactly("q1");
    assertThat(plan.events().get(0).sequence()).isZero();
  }

  @Test
  void an_event_for_an_unknown_log_refuses_the_whole_batch_with_its_index() {
    List<IngestEvent> batch =
        List.of(
            AnEvent.queued().ref("r1").build(),
            AnEvent.of(EventType.SENT).ref("r1").build(),
            AnEvent.of(EventType.DELIVERED).ref("r2").to("eve@example.com").build());

    InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class, () -> EventBatch.plan(batch, Map.of(), Set.of()));

    assertThat(e.index()).isEqualTo(2);
    assertThat(e.getMessage())
        .isEqualTo(
            "event 2: no log for refId r2 and recipientAddress eve@example.com"
                + " (a queued event must come first)");
    assertThat(e).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void the_first_unknown_log_is_reported() {
    assertThatThrownBy(
            () ->
                plan(
                    AnEvent.of(EventType.OPENED).ref("a").build(),
                    AnEvent.of(EventType.OPENED).ref("b").build()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event 0: ");
  }

  @Test
  void a_queued_event_earlier_in_the_batch_makes_later_events_valid() {
    Plan plan =
        plan(
            AnEvent.queued().ref("r1").atSecond(0).build(),
            AnEvent.of(EventType.SENT).ref("r1").atSecond(1).build(),
            AnEvent.of(EventType.DELIVERED).ref("r1").atSecond(2).build());

    assertThat(plan.accepted()).isEqualTo(3);
    assertThat(plan.logs()).hasSize(1);
    assertThat(plan.logs().get(0).created()).isTrue();
    assertThat(plan.logs().get(0).log().status()).isEqualTo(LogStatus.DELIVERED);
  }

  @Test
  void a_queued_event_later_in_the_batch_does_not_make_earlier_events_valid() {
    assertThatThrownBy(
            () ->
                plan(
                    AnEvent.of(EventType.SENT).ref("r1").build(),
                    AnEvent.queued().ref("r1").build()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event 0: no log for refId r1");
  }

  @Test
  void the_log_of_another_recipient_or_account_does_not_count() {
    assertThatThrownBy(
            () ->
                plan(
                    AnEvent.queued().ref("r1").to("bob@example.com").build(),
                    AnEvent.of(EventType.SENT).ref("r1").to("ann@example.com").build()))
        .hasMessageStartingWith("event 1: ");
    assertThatThrownBy(
            () ->
                plan(
                    AnEvent.queued().ref("r1").account(1).build(),
                    AnEvent.of(EventType.SENT).ref("r1").account(2).build()))
        .hasMessageStartingWith("event 1: ");
  }

  @Test
  void the_recipient_matches_case_insensitively() {
    Plan plan =
        plan(
            AnEvent.queued().to("Bob@Example.com").build(),
            AnEvent.of(EventType.DELIVERED).to("BOB@example.COM").atSecond(1).build());
    assertThat(plan.logs()).hasSize(1);
    assertThat(plan.logs().get(0).log().status()).isEqualTo(LogStatus.DELIVERED);
  }

  @Test
  void events_apply_to_a_stored_log() {
    EmailLog stored = AnEvent.queued().ref("r1").log(5);
    Map<LogKey, EmailLog> existing = new HashMap<>(Map.of(stored.key(), stored));

    Plan plan =
        EventBatch.plan(
            List.of(AnEvent.of(EventType.OPENED).ref("r1").atSecond(3).build()),
            existing,
            Set.of());

    assertThat(plan.logs()).hasSize(1);
    LogChange change = plan.logs().get(0);
    assertThat(change.created()).isFalse();
    assertThat(change.log().id()).isEqualTo(5);
    assertThat(change.log().status()).isEqualTo(LogStatus.OPENED);
    assertThat(existing.get(stored.key())).isSameAs(stored);
  }

  @Test
  void a_log_is_listed_once_with_all_its_events_applied_in_first_touched_order() {
    EmailLog stored = AnEvent.queued().ref("old").log(9);
    Plan plan =
        EventBatch.plan(
            List.of(
                AnEvent.queued().ref("b").build(),
                AnEvent.of(EventType.SENT).ref("old").atSecond(1).build(),
                AnEvent.queued().ref("a").build(),
                AnEvent.of(EventType.DELIVERED).ref("b").atSecond(2).build(),
                AnEvent.of(EventType.OPENED).ref("b").atSecond(3).build()),
            Map.of(stored.key(), stored),
            Set.of());

    assertThat(plan.logs())
        .extracting(c -> c.log().refId(), LogChange::created, c -> c.log().status())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", true, LogStatus.OPENED),
            org.assertj.core.groups.Tuple.tuple("old", false, LogStatus.SENT),
            org.assertj.core.groups.Tuple.tuple("a", true, LogStatus.QUEUED));
    assertThat(plan.events())
        .extracting(LogEvent::refId)
        .containsExactly("b", "old", "a", "b", "b");
  }

  @Test
  void an_event_id_already_stored_is_a_duplicate() {
    EmailLog stored = AnEvent.queued().log(1);
    Plan plan =
        EventBatch.plan(
            List.of(
                AnEvent.of(EventType.DELIVERED).id("seen").atSecond(1).build(),
                AnEvent.of(EventType.OPENED).id("new").atSecond(2).build()),
            Map.of(stored.key(), stored),
            Set.of("seen"));

    assertThat(plan.duplicates()).isEqualTo(1);
    assertThat(plan.accepted()).isEqualTo(1);
    assertThat(plan.events()).extracting(LogEvent::eventId).containsExactly("new");
    EmailLog after = plan.logs().get(0).log();
    assertThat(after.deliveredDate()).as("a duplicate is not applied").isNull();
    assertThat(after.status()).isEqualTo(LogStatus.OPENED);
  }

  @Test
  void an_event_id_twice_in_the_same_batch_is_stored_once() {
    Plan plan =
        plan(
            AnEvent.queued().id("q").build(),
            AnEvent.of(EventType.OPENED).id("o").atSecond(1).build(),
            AnEvent.of(EventType.OPENED).id("o").atSecond(1).build(),
            AnEvent.queued().id("q").build());

    assertThat(plan.accepted()).isEqualTo(2);
    assertThat(plan.duplicates()).isEqualTo(2);
    assertThat(plan.logs().get(0).log().track().opens()).hasSize(1);
  }

  @Test
  void a_duplicate_id_with_different_content_is_still_a_duplicate() {
    Plan plan =
        plan(
            AnEvent.queued().id("x").build(),
            AnEvent.of(EventType.BOUNCED).id("x").atSecond(1).build());
    assertThat(plan.accepted()).isEqualTo(1);
    assertThat(plan.duplicates()).isEqualTo(1);
    assertThat(plan.logs().get(0).log().status()).isEqualTo(LogStatus.QUEUED);
  }

  @Test
  void events_with_distinct_ids_are_never_duplicates_even_when_identical_otherwise() {
    Plan plan =
        plan(
            AnEvent.queued().id("gen-1").build(),
            AnEvent.of(EventType.OPENED).id("gen-2").atSecond(1).userAgent("UA").build(),
            AnEvent.of(EventType.OPENED).id("gen-3").atSecond(1).userAgent("UA").build());
    assertThat(plan.duplicates()).isZero();
    assertThat(plan.accepted()).isEqualTo(3);
    assertThat(plan.logs().get(0).log().track().opens()).hasSize(2);
  }

  @Test
  void stored_events_carry_the_message_fields_of_their_log() {
    Plan plan =
        plan(
            AnEvent.queued()
                .from("News@Mail.Acme.COM")
                .subject("Sale")
                .campaign("c1")
                .tags("promo", "spring")
                .build(),
            AnEvent.of(EventType.BOUNCED).atSecond(4).reason("550").ip("1.1.1.1").build());

    LogEvent bounce = plan.events().get(1);
    assertThat(bounce.type()).isEqualTo(EventType.BOUNCED);
    assertThat(bounce.timestamp()).isEqualTo(AnEvent.T0.plusSeconds(4));
    assertThat(bounce.fromAddress()).isEqualTo("News@Mail.Acme.COM");
    assertThat(bounce.senderDomain()).isEqualTo("mail.acme.com");
    assertThat(bounce.subject()).isEqualTo("Sale");
    assertThat(bounce.campaignId()).isEqualTo("c1");
    assertThat(bounce.tags()).containsExactly("promo", "spring");
    assertThat(bounce.details()).isEqualTo(new EventDetails("550", null, "1.1.1.1", null));
    assertThat(bounce.recipientAddress()).isEqualTo("bob@example.com");
    assertThat(bounce.accountId()).isEqualTo(1);
    assertThat(bounce.sequence()).isZero();
  }

  @Test
  void an_empty_batch_plans_nothing() {
    Plan plan = plan();
    assertThat(plan.logs()).isEmpty();
    assertThat(plan.events()).isEmpty();
    assertThat(plan.accepted()).isZero();
    assertThat(plan.duplicates()).isZero();
  }

  @Test
  void the_plan_is_immutable() {
    Plan plan = plan(AnEvent.queued().build());
    assertThatThrownBy(() -> plan.events().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan.logs().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
