package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.emaillogs.application.RecordingSink.Complete;
import io.emaillogs.application.RecordingSink.Failed;
import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StreamLogsServiceTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Two streams per account, a 40 ms keep-alive, batches of at most 3 events. */
  private final Settings settings = new Settings(120, 2, Duration.ofMillis(40), 3);

  private final FakeLogStore store = new FakeLogStore();
  private final FakeDirectory directory = new FakeDirectory();
  private final FakeRateLimiter limiter = new FakeRateLimiter();
  private final StreamLogsService service =
      new StreamLogsService(store, directory, limiter, settings);
  private final RecordEventsService record = new RecordEventsService(store, directory);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<LogStream> opened = new ArrayList<>();
  private long acme;
  private long globex;
  private int refs;

  @BeforeEach
  void accountsAndDomains() {
    acme = directory.createAccount("Acme", 100, OptionalInt.empty()).id();
    globex = directory.createAccount("Globex", 200, OptionalInt.empty()).id();
    directory.saveDomain(new SendingDomain(acme, "acme.com", true));
    directory.saveDomain(new SendingDomain(acme, "unverified.com", false));
    directory.saveDomain(new SendingDomain(globex, "globex.com", true));
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    opened.forEach(LogStream::close);
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  // ---- helpers ----

  private LogStream openOn(String domain, String lastEventId, String... params) {
    LogStream s = service.open(new OpenStream(acme, domain, Params.of(params), lastEventId));
    opened.add(s);
    return s;
  }

  private LogStream open(String... params) {
    return openOn("acme.com", null, params);
  }

  /** One message of account {@code account} from {@code from}: queued then the given events. */
  private void message(long account, String from, Instant at, String... types) {
    String ref = "m" + (++refs);
    List<RawEvent> batch = new ArrayList<>();
    batch.add(Raw.queued(ref).account(account).from(from).at(at).build());
    for (int i = 0; i < types.length; i++) {
      batch.add(Raw.event(types[i], ref).account(account).at(at.plusSeconds(i + 1)).build());
    }
    record.record(batch);
  }

  /** {@code n} acme.com events (one message: queued plus n-1 deferrals), from {@code at}. */
  private void acmeEvents(int n, Instant at) {
    String[] rest = new String[n - 1];
    java.util.Arrays.fill(rest, "deferred");
    message(acme, "news@acme.com", at, rest);
  }

  private Future<?> runAsync(LogStream stream, RecordingSink sink) {
    return pool.submit(() -> stream.run(sink));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  private void assertReleased() {
    assertThat(limiter.openSlots(acme)).as("stream slots held").isZero();
    assertThat(service.openStreams()).as("streams running").isZero();
    assertThat(service.liveRegistrations()).as("live feed registrations").isZero();
    assertThat(store.subscribers())
        .as("store subscriptions: the feed's one at most")
        .isLessThanOrEqualTo(1);
  }

  private static void assertInSequenceOrder(List<LogEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).sequence()).isGreaterThan(events.get(i - 1).sequence());
    }
  }

  @Nested
  class Opening {
    @Test
    void a_domain_not_owned_or_not_verified_is_not_found() {
      for (String domain : List.of("other.com", "unverified.com", "globex.com", "", "acme")) {
        NotFoundException e =
            catchThrowableOfType(NotFoundException.class, () -> openOn(domain, null));
        assertThat(e).as(domain).hasMessage("Domain not found or you do not own this domain");
      }
      assertThat(limiter.openSlots(acme)).isZero();
    }

    @Test
    void a_null_domain_is_not_found() {
      assertThatThrownBy(() -> openOn(null, null))
          .isExactlyInstanceOf(NotFoundException.class)
          .hasMessage("Domain not found or you do not own this domain");
    }

    @Test
    void the_domain_compares_case_insensitively() {
      acmeEvents(2, T);
      RecordingSink sink = new RecordingSink();
      openOn("ACME.Com", null, "end", T.plusSeconds(60).toString()).run(sink);
      assertThat(sink.events()).hasSize(2);
    }

    @Test
    void parameter_errors_take_no_slot() {
      assertThatThrownBy(() -> open("x", "1"))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage("Invalid query parameter: x");
      assertThatThrownBy(() -> open("limit", "0")).hasMessage("limit must be between 1 and 500000");
      assertThatThrownBy(() -> open("start", "2024-01-15"))
          .hasMessage("Wrong date format: start must be RFC3339");
      assertThatThrownBy(() -> openOn("acme.com", "abc"))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage("Invalid Last-Event-ID: abc");
      assertThat(limiter.openSlots(acme)).isZero();
    }

    @Test
    void all_slots_taken_is_rate_limited_until_one_is_freed() {
      LogStream first = open();
      open();
      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> open());
      assertThat(e).hasMessage("Too many attempts. Please try again later.");
      assertThat(e.decision().allowed()).isFalse();
      assertThat(e.decision().limit()).isEqualTo(2);
      assertThat(limiter.openSlots(acme)).isEqualTo(2);

      first.close();
      first.close(); // idempotent: frees one slot, not two
      assertThat(limiter.openSlots(acme)).isEqualTo(1);
      open();
      assertThat(limiter.openSlots(acme)).isEqualTo(2);
      // another account has its own slots
      service.open(new OpenStream(globex, "globex.com", Params.of(), null)).close();
    }

    @Test
    void closing_a_stream_that_never_ran_frees_its_slot() {
      LogStream s = open();
      assertThat(service.openStreams()).isEqualTo(1);
      s.close();
      assertReleased();
      RecordingSink sink = new RecordingSink();
      s.run(sink);
      assertThat(sink.calls()).isEmpty();
    }
  }

  @Nested
  class History {
    @Test
    void sends_the_matching_history_in_batches_then_completes_with_end() {
      acmeEvents(4, T);
      message(acme, "news@other.com", T, "delivered"); // another domain of the account
      message(globex, "news@acme.com", T, "delivered"); // another account, same domain
      message(acme, "Billing@ACME.com", T.plusSeconds(30), "sent", "delivered");

      RecordingSink sink = new RecordingSink();
      open("start", T.minusSeconds(3600).toString(), "end", T.plusSeconds(3600).toString())
          .run(sink);

      assertThat(sink.batches()).extracting(List::size).containsExactly(3, 3, 1);
      List<LogEvent> events = sink.events();
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.senderDomain()).isEqualTo("acme.com");
                assertThat(e.accountId()).isEqualTo(acme);
              });
      assertInSequenceOrder(events);
      assertThat(sink.last()).isEqualTo(new Complete(7, Completion.END));
      assertThat(sink.endings()).hasSize(1);
      assertReleased();
    }

    @Test
    void applies_the_filters() {
      message(acme, "news@acme.com", T, "delivered", "opened", "clicked");
      message(acme, "news@acme.com", T, "delivered", "opened");

      RecordingSink sink = new RecordingSink();
      open("event_type", "opened", "end", T.plusSeconds(60).toString()).run(sink);

      assertThat(sink.events())
          .extracting(LogEvent::type)
          .containsOnly(EventType.OPENED)
          .hasSize(2);
      assertThat(sink.last()).isEqualTo(new Complete(2, Completion.END));
    }

    @Test
    void start_and_end_bound_the_event_timestamps_inclusively() {
      acmeEvents(6, T); // T, T+1 ... T+5
      RecordingSink sink = new RecordingSink();
      open("start", T.plusSeconds(1).toString(), "end", T.plusSeconds(3).toString()).run(sink);
      assertThat(sink.events())
          .extracting(LogEvent::timestamp)
          .containsExactly(T.plusSeconds(1), T.plusSeconds(2), T.plusSeconds(3));
      assertThat(sink.last()).isEqualTo(new Complete(3, Completion.END));
    }

    @Test
    void end_alone_runs_from_the_oldest_event() {
      acmeEvents(5, T);
      RecordingSink sink = new RecordingSink();
      open("end", T.plusSeconds(2).toString()).run(sink);
      assertThat(sink.events()).extracting(LogEvent::timestamp).first().isEqualTo(T);
      assertThat(sink.last()).isEqualTo(new Complete(3, Completion.END));
    }

    @Test
    void the_limit_ends_the_stream_with_limit() {
      acmeEvents(7, T);
      RecordingSink sink = new RecordingSink();
      open("end", T.plusSeconds(60).toString(), "limit", "5").run(sink);
      assertThat(sink.batches()).extracting(List::size).containsExactly(3, 2);
      assertThat(sink.last()).isEqualTo(new Complete(5, Completion.LIMIT));
      assertReleased();
    }

    @Test
    void an_empty_history_completes_at_once() {
      RecordingSink sink = new RecordingSink();
      open("start", T.toString(), "end", T.plusSeconds(1).toString()).run(sink);
      assertThat(sink.calls()).containsExactly(new Complete(0, Completion.END));
    }

    @Test
    void last_event_id_resumes_right_after_that_sequence_and_counts_this_connection_only() {
      acmeEvents(6, T);
      long third = store.allEvents().get(2).sequence();
      RecordingSink sink = new RecordingSink();
      openOn("acme.com", Long.toString(third), "end", T.plusSeconds(60).toString()).run(sink);
      assertThat(sink.events())
          .extracting(LogEvent::sequence)
          .containsExactly(third + 1, third + 2, third + 3);
      assertThat(sink.last()).isEqualTo(new Complete(3, Completion.END));
    }
  }

  @Nested
  class Live {
    @Test
    void without_start_or_end_only_new_events_are_sent_until_the_limit() throws Exception {
      acmeEvents(3, T); // before the stream: never sent
      LogStream stream = open("limit", "5");
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);
      await("registration", () -> service.liveRegistrations() == 1);

      acmeEvents(2, T.plusSeconds(100));
      await("first live events", () -> sink.events().size() == 2);
      acmeEvents(4, T.plusSeconds(200));
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sink.events()).hasSize(5);
      assertThat(sink.events())
          .allSatisfy(e -> assertThat(e.timestamp()).isAfter(T.plusSeconds(99)));
      assertThat(sink.batches()).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 3));
      assertInSequenceOrder(sink.events());
      assertThat(sink.last()).isEqualTo(new Complete(5, Completion.LIMIT));
      assertReleased();
    }

    @Test
    void start_alone_sends_the_history_then_goes_live() throws Exception {
      acmeEvents(3, T);
      LogStream stream = open("start", T.toString(), "limit", "6");
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);
      await("history", () -> sink.events().size() == 3);

      acmeEvents(3, T.plusSeconds(100));
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sink.events()).hasSize(6);
      assertInSequenceOrder(sink.events());
      assertThat(sink.last()).isEqualTo(new Complete(6, Completion.LIMIT));
    }

    @Test
    void last_event_id_without_dates_sends_what_follows_then_goes_live() throws Exception {
      acmeEvents(4, T);
      long second = store.allEvents().get(1).sequence();
      LogStream stream = openOn("acme.com", Long.toString(second), "limit", "3");
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);
      await("events after the resume point", () -> sink.events().size() == 2);

      acmeEvents(1, T.plusSeconds(100));
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sink.events())
          .extracting(LogEvent::sequence)
          .startsWith(second + 1, second + 2)
          .hasSize(3);
      assertThat(sink.last()).isEqualTo(new Complete(3, Completion.LIMIT));
    }

    @Test
    void an_idle_stream_sends_keep_alives_and_stops_when_closed() throws Exception {
      LogStream stream = open();
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);

      await("two keep-alives", () -> sink.keepAlives() >= 2);
      stream.close();
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sink.events()).isEmpty();
      assertThat(sink.endings()).isEmpty();
      assertReleased();
    }

    @Test
    void keep_alives_go_out_while_other_domains_are_busy() throws Exception {
      LogStream stream = open();
      RecordingSink sink = new RecordingSink();
      runAsync(stream, sink);
      await("registration", () -> service.liveRegistrations() == 1);

      for (int i = 0; i < 40; i++) { // 400 ms of traffic that this stream does not match
        message(acme, "news@other.com", T.plusSeconds(i));
        Thread.sleep(10);
      }

      assertThat(sink.events()).isEmpty();
      assertThat(sink.keepAlives())
          .as("keep-alives in 400 ms at a 40 ms interval")
          .isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_live_tail_never_skips_or_repeats_while_ingestion_runs_concurrently() throws Exception {
      int total = 300;
      LogStream stream = open("limit", Integer.toString(total));
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);
      await("registration", () -> service.liveRegistrations() == 1);

      Future<?> writer =
          pool.submit(
              () -> {
                for (int i = 0; i < total / 3; i++) {
                  acmeEvents(3, T.plusSeconds(i));
                }
              });
      writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      List<LogEvent> events = sink.events();
      assertThat(events).hasSize(total);
      assertInSequenceOrder(events);
      assertThat(events)
          .extracting(LogEvent::sequence)
          .containsExactlyElementsOf(store.allEvents().stream().map(LogEvent::sequence).toList());
      assertThat(sink.last()).isEqualTo(new Complete(total, Completion.LIMIT));
    }
  }

  @Nested
  class Endings {
    @Test
    void a_sink_failing_on_events_ends_the_stream_and_frees_the_slot() {
      acmeEvents(7, T);
      RecordingSink sink = new RecordingSink().failOnEventCall(2);
      open("end", T.plusSeconds(60).toString()).run(sink);

      assertThat(sink.eventCalls()).isEqualTo(2);
      assertThat(sink.batches()).hasSize(1);
      assertThat(sink.endings()).isEmpty();
      assertReleased();
    }

    @Test
    void a_sink_failing_on_keep_alive_ends_the_stream_and_frees_the_slot() throws Exception {
      LogStream stream = open();
      Future<?> run = runAsync(stream, new RecordingSink().failOnKeepAlive());
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertReleased();
    }

    @Test
    void shutdown_ends_running_streams_with_an_error_and_refuses_new_ones() throws Exception {
      LogStream stream = open();
      RecordingSink sink = new RecordingSink();
      Future<?> run = runAsync(stream, sink);
      await("registration", () -> service.liveRegistrations() == 1);

      service.shutdown();
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(sink.last()).isEqualTo(new Failed("Server is shutting down"));
      assertThat(sink.endings()).hasSize(1);
      assertReleased();
      assertThatThrownBy(() -> open())
          .isInstanceOf(ServerBusyException.class)
          .hasMessage("Server is shutting down");
      assertThat(limiter.openSlots(acme)).isZero();
    }

    @Test
    void a_store_failure_is_reported_as_an_error_event() {
      acmeEvents(2, T);
      store.failScans = new StoreException("connection lost", new RuntimeException());
      RecordingSink sink = new RecordingSink();
      open("end", T.plusSeconds(60).toString()).run(sink);

      assertThat(sink.calls()).containsExactly(new Failed("service unavailable"));
      assertReleased();
    }

    @Test
    void a_store_failure_while_opening_takes_no_slot() {
      store.failLastSequence = new StoreException("connection lost", new RuntimeException());
      assertThatThrownBy(() -> open()).isInstanceOf(StoreException.class);
      assertThat(limiter.openSlots(acme)).isZero();
    }

    @Test
    void shutdown_during_the_history_is_an_error_not_a_completion() {
      acmeEvents(5, T);
      store.beforeHandingOut = e -> service.shutdown();
      RecordingSink sink = new RecordingSink();
      open("end", T.plusSeconds(60).toString()).run(sink);

      assertThat(sink.endings()).containsExactly(new Failed("Server is shutting down"));
      assertReleased();
    }
  }
}
