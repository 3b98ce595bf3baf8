package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: one read of the store per append whatever the number of live streams, no thread per
 * stream, selective streams that cost nothing for others' events, and slow readers that are bounded
 * and then catch up without a gap.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveFeedTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");

  private final Settings settings =
      new Settings(120, 1_000, Duration.ofSeconds(30), 100).withMaxStreamsPerServer(300);
  private final FakeLogStore store = new FakeLogStore();
  private final FakeDirectory directory = new FakeDirectory();
  private final StreamLogsService service =
      new StreamLogsService(store, directory, new FakeRateLimiter(), settings);
  private final RecordEventsService record = new RecordEventsService(store, directory);
  private final List<LogStream> opened = new ArrayList<>();
  private long acme;
  private int refs;

  @BeforeEach
  void accountAndDomain() {
    acme = directory.createAccount("Acme", 100, OptionalInt.empty()).id();
    directory.saveDomain(new SendingDomain(acme, "acme.com", true));
    directory.saveDomain(new SendingDomain(acme, "other.com", true));
  }

  @AfterEach
  void closeAll() {
    opened.forEach(LogStream::close);
    service.shutdown();
  }

  private LogStream start(AsyncRecordingSink sink, String domain, String... params) {
    LogStream stream = service.open(new OpenStream(acme, domain, Params.of(params), null));
    opened.add(stream);
    stream.start(sink);
    return stream;
  }

  private void send(String to, int n) {
    List<RawEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(
          Raw.queued("m" + (++refs)).account(acme).from("news@acme.com").to(to).at(T).build());
    }
    record.record(batch);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void one_store_read_per_append_whatever_the_number_of_live_streams() {
    List<AsyncRecordingSink> sinks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      AsyncRecordingSink sink = new AsyncRecordingSink();
      sinks.add(sink);
      start(sink, "acme.com");
    }
    send("a@x.org", 1); // starts the feed's reads; from here on, count
    await("the first event everywhere", () -> sinks.stream().allMatch(s -> s.events().size() == 1));
    int scansBefore = store.scanCalls.get();
    int tailBefore = store.tailReads.get();

    for (int call = 0; call < 10; call++) {
      send("a@x.org", 5);
      int expected = 1 + 5 * (call + 1);
      await("call " + call, () -> sinks.stream().allMatch(s -> s.events().size() == expected));
    }

    assertThat(store.scanCalls.get() - scansBefore).as("per-stream store reads").isZero();
    assertThat(store.tailReads.get() - tailBefore)
        .as("the feed's reads for 10 appends to 200 streams")
        .isBetween(10, 12); // one per append (a periodic poll may add one)
    for (AsyncRecordingSink sink : sinks) {
      assertThat(sink.events()).extracting(LogEvent::sequence).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void open_streams_hold_no_thread_while_they_wait() throws Exception {
    for (int i = 0; i < 50; i++) { // warm the shared workers up
      start(new AsyncRecordingSink(), "acme.com");
    }
    send("a@x.org", 1);
    Thread.sleep(200);
    int threadsBefore = Thread.activeCount();
    List<AsyncRecordingSink> sinks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      AsyncRecordingSink sink = new AsyncRecordingSink();
      sinks.add(sink);
      start(sink, "acme.com");
    }
    send("a@x.org", 1);
    await(
        "an event on every new stream", () -> sinks.stream().allMatch(s -> s.events().size() == 1));
    assertThat(Thread.activeCount())
        .as("threads for 200 more streams")
        .isLessThanOrEqualTo(threadsBefore + 2);
    assertThat(sinks)
        .allSatisfy(s -> assertThat(s.writerThread).startsWith("email-logs-stream-worker-"));
  }

  @Test
  void a_stream_filtered_on_a_recipient_gets_only_that_recipients_events() {
    AsyncRecordingSink ann = new AsyncRecordingSink();
    AsyncRecordingSink all = new AsyncRecordingSink();
    AsyncRecordingSink elsewhere = new AsyncRecordingSink();
    start(ann, "acme.com", "recipient", "ANN@x.org");
    start(all, "acme.com");
    start(elsewhere, "other.com");
    send("bob@x.org", 3);
    send("Ann@X.org", 2);
    send("carl@x.org", 1);

    await("all six", () -> all.events().size() == 6);
    await("Ann's two", () -> ann.events().size() == 2);
    assertThat(ann.events()).extracting(LogEvent::recipientAddress).containsOnly("Ann@X.org");
    assertThat(elsewhere.events()).isEmpty();
  }

  @Test
  void a_client_that_stops_reading_is_bounded_then_catches_up_without_a_gap() {
    AsyncRecordingSink slow = new AsyncRecordingSink();
    AsyncRecordingSink fast = new AsyncRecordingSink();
    start(slow, "acme.com");
    start(fast, "acme.com");
    send("a@x.org", 1);
    await("first event", () -> slow.events().size() == 1);

    slow.stopReading();
    int total = 1 + 3 * StreamSession.QUEUE_CAPACITY; // far past the live queue's bound
    for (int sent = 1; sent < total; sent += 100) {
      send("a@x.org", Math.min(100, total - sent));
    }
    await("the fast stream", () -> fast.events().size() == total);
    await("the slow stream waits", slow::waiting);
    assertThat(slow.writesWhileNotReady.get()).isZero();

    slow.resumeReading();
    await("the slow stream catches up", () -> slow.events().size() >= total);
    assertThat(slow.events())
        .extracting(LogEvent::sequence)
        .containsExactlyElementsOf(store.allEvents().stream().map(LogEvent::sequence).toList());
    send("a@x.org", 1); // and it is live again
    await("live again", () -> slow.events().size() == total + 1);
  }

  @Test
  void past_the_server_wide_cap_a_stream_is_refused_for_the_server() {
    for (int i = 0; i < settings.maxStreamsPerServer(); i++) {
      start(new AsyncRecordingSink(), "acme.com");
    }
    assertThatThrownBy(() -> start(new AsyncRecordingSink(), "acme.com"))
        .isInstanceOf(ServerBusyException.class)
        .hasMessage("Too many open streams on this server");
    opened.get(0).close();
    start(new AsyncRecordingSink(), "acme.com"); // a freed server slot is taken again
  }

  @Test
  void a_stalled_client_is_dropped_when_closed_and_its_sink_released_once() {
    AsyncRecordingSink sink = new AsyncRecordingSink();
    LogStream stream = start(sink, "acme.com");
    sink.stopReading();
    send("a@x.org", 1);
    await("waiting", sink::waiting);
    stream.close();
    await("released", () -> sink.releases.get() == 1);
    assertThat(sink.aborts.get()).isEqualTo(1);
    assertThat(service.openStreams()).isZero();
    assertThat(service.liveRegistrations()).isZero();
  }
}
