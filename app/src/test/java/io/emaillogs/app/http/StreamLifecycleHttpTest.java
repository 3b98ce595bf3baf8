package io.emaillogs.app.http;

import static io.emaillogs.app.http.HttpFixture.queued;
import static io.emaillogs.app.http.HttpFixture.refId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Stream;
import io.emaillogs.app.http.SseReader.Frame;
import io.emaillogs.domain.RawEvent;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How streams end: a client that leaves, a server that shuts down, and a client too slow to keep
 * up. Each test has a server of its own, so the store's subscriber count is the test's alone.
 */
@Timeout(90)
class StreamLifecycleHttpTest {
  static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void clients_that_leave_mid_stream_free_their_slots_and_subscriptions() throws Exception {
    try (HttpFixture f = HttpFixture.start()) {
      Customer c = f.customer();
      int max = f.settings.maxStreamsPerAccount();
      List<Stream> streams = new ArrayList<>();
      for (int i = 0; i < max; i++) {
        streams.add(f.stream(c, ""));
      }
      assertThat(streams).allMatch(s -> s.status() == 200);
      assertThat(f.customerGet("/api/domains/example.com/log/stream", c).status()).isEqualTo(429);
      f.ingest(List.of(queued(c, refId(), "a@x.org", f.clock.instant())));
      for (Stream s : streams) {
        assertThat(s.frames().nextEvent(WAIT).is("logs")).isTrue();
      }
      assertThat(f.store.subscriberCount()).as("the live feed's one subscription").isEqualTo(1);
      assertThat(f.logs.streamLogs().openStreams()).isEqualTo(max);
      assertThat(f.limiter.openStreams(c.accountId())).isEqualTo(max);

      long left = System.nanoTime();
      streams.forEach(Stream::close);

      assertThat(
              HttpFixture.eventually(
                  Duration.ofSeconds(10),
                  () ->
                      f.logs.streamLogs().openStreams() == 0
                          && f.limiter.openStreams(c.accountId()) == 0))
          .as(
              "slots %d, open streams %d",
              f.limiter.openStreams(c.accountId()), f.logs.streamLogs().openStreams())
          .isTrue();
      System.out.println(
          "all " + max + " departures noticed after ms " + (System.nanoTime() - left) / 1_000_000);

      List<Stream> again = new ArrayList<>();
      try {
        for (int i = 0; i < max; i++) {
          again.add(f.stream(c, ""));
        }
        assertThat(again).allMatch(s -> s.status() == 200);
        f.ingest(List.of(queued(c, refId(), "b@x.org", f.clock.instant())));
        for (Stream s : again) {
          assertThat(s.frames().nextEvent(WAIT).is("logs")).isTrue();
        }
      } finally {
        again.forEach(Stream::close);
      }
    }
  }

  @Test
  void a_client_that_leaves_during_a_long_history_is_noticed_too() throws Exception {
    try (HttpFixture f = HttpFixture.start()) {
      Customer c = f.customer();
      Instant t0 = f.clock.instant().minusSeconds(3600);
      ingest(f, c, 30_000, t0);

      Stream s = f.stream(c, "?end=" + t0.plusSeconds(3600));
      assertThat(s.frames().nextEvent(WAIT).is("logs")).isTrue();
      s.close();

      assertThat(
              HttpFixture.eventually(
                  Duration.ofSeconds(10),
                  () ->
                      f.store.subscriberCount() == 0 && f.limiter.openStreams(c.accountId()) == 0))
          .isTrue();
    }
  }

  @Test
  void shutdown_ends_open_streams_with_an_error_event_and_stops_quickly() throws Exception {
    HttpFixture f = HttpFixture.start();
    Customer a = f.customer();
    Customer b = f.customer();
    Stream live = f.stream(a, "");
    Stream resumed = f.stream(b, "?start=" + f.clock.instant().minusSeconds(60));
    assertThat(live.frames().next(WAIT).is(SseReader.COMMENT)).isTrue();
    assertThat(resumed.frames().next(WAIT).is(SseReader.COMMENT)).isTrue();

    long start = System.nanoTime();
    f.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;

    for (Stream s : List.of(live, resumed)) {
      List<Frame> frames = s.frames().until(SseReader.EOF, WAIT);
      assertThat(frames).extracting(Frame::event).containsExactly("error", SseReader.EOF);
      assertThat(frames.get(0).data()).isEqualTo("{\"error\":\"Server is shutting down\"}");
    }
    System.out.println("close() with two open streams took ms " + closeMillis);
    assertThat(closeMillis).isLessThan(3000);
    assertThat(f.store.subscriberCount()).isZero();
    assertThat(f.limiter.openStreams(a.accountId())).isZero();
    assertThatThrownBy(
            () ->
                f.http.send(
                    f.request("/health", null).GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    f.close(); // idempotent
  }

  @Test
  void a_client_that_does_not_read_holds_the_stream_back_and_loses_nothing() throws Exception {
    try (HttpFixture f = HttpFixture.instrumented()) {
      Customer c = f.customer();
      int total = 100_000;
      Instant t0 = f.clock.instant().minusSeconds(3600);
      ingest(f, c, total, t0);
      InstrumentedStore store = f.instrumentedStore();
      store.scanned.set(0);

      try (Stream s = f.stream(c, "?limit=500000&end=" + t0.plusSeconds(3600))) {
        Frame first = s.frames().next(WAIT);
        assertThat(first.is("logs")).isTrue();
        s.frames().pause();
        long before = -1;
        long after = -2;
        for (int attempt = 0; attempt < 30 && before != after; attempt++) {
          before = store.scanned.get();
          Thread.sleep(300);
          after = store.scanned.get();
        }
        System.out.println(
            "events scanned while the client did not read: " + after + " of " + total);
        assertThat(after).as("the stream stalls behind the client").isEqualTo(before);
        assertThat(after).isLessThan(total);

        s.frames().resume();
        List<Frame> frames = s.frames().until("complete", Duration.ofSeconds(60));
        frames.add(0, first);
        long received =
            frames.stream()
                .filter(fr -> fr.is("logs"))
                .mapToLong(fr -> StreamHttpTest.json(fr.data()).size())
                .sum();
        assertThat(received).isEqualTo(total);
        assertThat(frames.get(frames.size() - 1).data())
            .isEqualTo("{\"count\":" + total + ",\"reason\":\"end\"}");
      }
    }
  }

  static void ingest(HttpFixture f, Customer c, int n, Instant t0) {
    List<RawEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(queued(c, refId(), "r" + i + "@x.org", t0.plusMillis(i)));
      if (batch.size() == 10_000) {
        f.ingest(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      f.ingest(batch);
    }
  }
}
