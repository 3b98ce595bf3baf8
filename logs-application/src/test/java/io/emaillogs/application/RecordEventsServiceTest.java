package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.InvalidEventException;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RawEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordEventsServiceTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");

  private final FakeLogStore store = new FakeLogStore();
  private final FakeDirectory directory = new FakeDirectory();
  private final RecordEventsService record = new RecordEventsService(store, directory);
  private long acme;

  @BeforeEach
  void account() {
    acme = directory.createAccount("Acme", 67890, OptionalInt.empty()).id();
  }

  private static List<RawEvent> batch(Raw... events) {
    List<RawEvent> out = new ArrayList<>();
    for (Raw e : events) {
      out.add(e.build());
    }
    return out;
  }

  @Test
  void a_valid_batch_is_stored_and_counted() {
    AppendResult result =
        record.record(
            batch(
                Raw.queued("r1").at(T),
                Raw.event("delivered", "r1").at(T.plusSeconds(1)),
                Raw.event("opened", "r1").at(T.plusSeconds(2))));

    assertThat(result).isEqualTo(new AppendResult(3, 0));
    EmailLog log = store.allLogs().get(0);
    assertThat(log.status()).isEqualTo(LogStatus.OPENED);
    assertThat(log.tenantId()).as("tenant resolved from the account").isEqualTo(67890);
  }

  @Test
  void a_batch_over_10000_events_is_refused_before_anything_else() {
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i <= RecordEventsUseCase.MAX_BATCH; i++) {
      events.add(Raw.queued("r" + i).at(T).build());
    }
    assertThat(events).hasSize(10_001);
    assertThatThrownBy(() -> record.record(events))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("a batch holds at most 10000 events");
    assertThat(store.appends).isEmpty();
    assertThat(directory.accountLookups).hasValue(0);
  }

  @Test
  void a_batch_of_exactly_10000_events_is_accepted() {
    List<RawEvent> events = new ArrayList<>();
    for (int i = 0; i < RecordEventsUseCase.MAX_BATCH; i++) {
      events.add(Raw.queued("r" + i).at(T).build());
    }
    assertThat(record.record(events)).isEqualTo(new AppendResult(10_000, 0));
    assertThat(directory.accountLookups).as("one lookup per account").hasValue(1);
  }

  @Test
  void a_found_tenant_is_kept_and_an_unknown_account_is_looked_up_every_time() {
    record.record(batch(Raw.queued("k1").at(T)));
    record.record(batch(Raw.queued("k2").at(T)));
    assertThat(directory.accountLookups).as("the second call uses the kept tenant").hasValue(1);
    assertThat(store.allLogs()).extracting(EmailLog::tenantId).containsOnly(67890L);

    long unknown = acme + 1000;
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> record.record(batch(Raw.queued("u").account(unknown).at(T))))
          .isInstanceOf(InvalidEventException.class);
    }
    assertThat(directory.accountLookups).as("a miss is not kept").hasValue(3);
  }

  @Test
  void events_without_an_event_id_get_distinct_generated_ids_and_are_never_duplicates() {
    List<RawEvent> events =
        batch(
            Raw.queued("r1").at(T),
            Raw.event("opened", "r1").at(T.plusSeconds(1)),
            Raw.event("opened", "r1").at(T.plusSeconds(1)));

    assertThat(record.record(events)).isEqualTo(new AppendResult(3, 0));
    assertThat(record.record(batch(Raw.event("opened", "r1").at(T.plusSeconds(1)))))
        .isEqualTo(new AppendResult(1, 0));

    List<String> ids = store.allEvents().stream().map(LogEvent::eventId).toList();
    assertThat(ids)
        .hasSize(4)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isNotBlank());
    assertThat(store.allLogs().get(0).track().opens()).hasSize(3);
  }

  @Test
  void events_with_an_event_id_are_stored_once() {
    List<RawEvent> events =
        batch(
            Raw.queued("r1").id("e1").at(T),
            Raw.event("delivered", "r1").id("e2").at(T.plusSeconds(1)),
            Raw.event("delivered", "r1").id("e2").at(T.plusSeconds(1)));

    assertThat(record.record(events)).isEqualTo(new AppendResult(2, 1));
    assertThat(record.record(events)).isEqualTo(new AppendResult(0, 3));
    assertThat(store.allEvents()).hasSize(2);
  }

  @Test
  void an_invalid_event_refuses_the_batch_with_its_index_and_stores_nothing() {
    List<RawEvent> events =
        batch(
            Raw.queued("r1").at(T), Raw.event("sent", "r1").at(T), Raw.event("bogus", "r1").at(T));

    assertThatThrownBy(() -> record.record(events))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("event 2: Invalid type: bogus");
    assertThat(store.appends).isEmpty();
    assertThat(store.allLogs()).isEmpty();
  }

  @Test
  void an_unknown_account_is_refused() {
    assertThatThrownBy(
            () -> record.record(batch(Raw.queued("r1").at(T), Raw.queued("r2").account(99).at(T))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("event 1: unknown accountId: 99");
    assertThat(store.allLogs()).isEmpty();
  }

  @Test
  void an_event_for_an_unknown_log_refuses_the_batch() {
    assertThatThrownBy(
            () -> record.record(batch(Raw.queued("r1").at(T), Raw.event("delivered", "r2").at(T))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event 1: no log for refId r2");
    assertThat(store.allLogs()).isEmpty();
    assertThat(store.allEvents()).isEmpty();
  }

  @Test
  void a_later_batch_may_continue_a_stored_log() {
    record.record(batch(Raw.queued("r1").at(T)));
    assertThat(record.record(batch(Raw.event("bounced", "r1").at(T.plusSeconds(5)).reason("550"))))
        .isEqualTo(new AppendResult(1, 0));
    assertThat(store.allLogs().get(0).failedReason()).isEqualTo("550");
  }

  @Test
  void an_empty_batch_stores_nothing() {
    assertThat(record.record(List.of())).isEqualTo(new AppendResult(0, 0));
    assertThat(store.appends).isEmpty();
  }

  @Test
  void the_store_receives_validated_events_in_batch_order() {
    record.record(batch(Raw.queued("r1").at(T), Raw.queued("r2").at(T), Raw.queued("r3").at(T)));
    assertThat(store.appends).hasSize(1);
    assertThat(store.appends.get(0))
        .extracting(IngestEvent::refId)
        .containsExactly("r1", "r2", "r3");
  }
}
