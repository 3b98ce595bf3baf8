package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: a client that leaves its stream - with a FIN, a reset or a half-close, during the
 * history or while live - gets its slot back at once, from the connection's close event and not
 * from a later keep-alive (these servers keep the default 15 s keep-alive), and leaves nothing
 * behind. On every store.
 */
@Timeout(300)
class DroppedStreamsTest {
  private static final String DOMAIN = "example.com";
  private static final String LIVE = "/api/domains/" + DOMAIN + "/log/stream";

  @ParameterizedTest
  @ValueSource(strings = {"mem", "h2", "postgresql"})
  void a_reconnect_after_abrupt_drops_is_never_refused(String store) throws Exception {
    try (StoreServer s = StoreServer.start(store, 5)) { // the default cap of the spec
      String token = s.customer(DOMAIN);
      for (int round = 0; round < 3; round++) {
        List<RawStream> streams = open(s, token, LIVE, 5);
        try (RawStream sixth = RawStream.get(s.port(), LIVE, token)) {
          assertThat(sixth.status()).as("the sixth stream").isEqualTo(429);
        }
        for (int i = 0; i < streams.size(); i++) {
          leave(streams.get(i), i + round);
        }
        List<RawStream> again = open(s, token, LIVE, 5); // at once: no pause, no retry
        assertThat(again).hasSize(5);
        for (RawStream stream : again) {
          stream.close();
        }
      }
      assertThat(eventually(Duration.ofSeconds(2), () -> s.openStreams() == 0)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "h2", "postgresql"})
  void a_thousand_dropped_streams_leave_nothing_behind(String store) throws Exception {
    int n = 1_000;
    try (StoreServer s = StoreServer.start(store, n)) {
      String token = s.customer(DOMAIN);
      long account = s.accountOf(token);
      Instant longAgo = Instant.now().minus(Duration.ofHours(1));
      s.ingest(account, "news@" + DOMAIN, 20_000, longAgo);
      String history = LIVE + "?limit=500000&start=" + longAgo;

      for (RawStream warmUp : open(s, token, history, 20)) { // starts the lazy threads and pools
        warmUp.reset();
      }
      assertThat(eventually(Duration.ofSeconds(5), () -> s.openStreams() == 0)).isTrue();
      Resources before = Resources.measure(s);

      List<RawStream> live = open(s, token, LIVE, n * 4 / 5);
      List<RawStream> midHistory = new ArrayList<>();
      for (RawStream stream : open(s, token, history, n / 5, 8 * 1024)) {
        assertThat(stream.readUntil("event: logs", 1 << 16)).endsWith("event: logs"); // then stalls
        midHistory.add(stream);
      }
      s.ingest(account, "news@" + DOMAIN, 10, Instant.now()); // the live ones are mid-live
      for (RawStream stream : live) {
        assertThat(stream.readUntil("event: logs", 1 << 16)).endsWith("event: logs");
      }
      assertThat(s.openStreams()).isEqualTo(n);
      Resources open = Resources.measure(s);

      long dropped = System.nanoTime();
      for (int i = 0; i < live.size(); i++) {
        leave(live.get(i), i);
      }
      for (int i = 0; i < midHistory.size(); i++) {
        leave(midHistory.get(i), i);
      }
      boolean freed = eventually(Duration.ofSeconds(2), () -> s.openStreams() == 0);
      long freedMillis = (System.nanoTime() - dropped) / 1_000_000;
      Thread.sleep(Math.max(0, 2_000 - freedMillis)); // measure 2 s after the drop
      Resources after = Resources.measure(s);
      System.out.printf(
          "[%s] %d streams dropped (FIN/RST/half-close; 800 mid-live, 200 mid-history): all slots"
              + " free after %d ms%n  before: %s%n  open:   %s%n  after:  %s%n",
          store, n, freedMillis, before, open, after);

      assertThat(freed).as("every slot free within 2 s").isTrue();
      assertThat(after.threads()).as("threads").isLessThanOrEqualTo(before.threads() + 2);
      assertThat(after.heapMb()).as("heap after GC, MB").isLessThanOrEqualTo(before.heapMb() + 16);
      assertThat(after.poolConnections())
          .as("pool connections")
          .isLessThanOrEqualTo(before.poolConnections());
      List<RawStream> again = open(s, token, LIVE, n); // the account's count is back to 0
      assertThat(again).hasSize(n);
      for (RawStream stream : again) {
        stream.reset();
      }
    }
  }

  /** Threads and heap of this JVM (client and server), and the server's pool connections. */
  record Resources(int threads, long heapMb, int openStreams, int poolConnections) {
    static Resources measure(StoreServer s) throws Exception {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(50);
      }
      return new Resources(
          threads.getThreadCount(),
          memory.getHeapMemoryUsage().getUsed() >> 20,
          s.openStreams(),
          s.poolConnections());
    }

    @Override
    public String toString() {
      return "threads "
          + threads
          + ", heap after GC "
          + heapMb
          + " MB, open streams "
          + openStreams
          + ", pool connections "
          + (poolConnections < 0 ? "n/a" : poolConnections);
    }
  }

  /** Opens {@code n} streams and checks each answered 200. */
  static List<RawStream> open(StoreServer s, String token, String path, int n) throws Exception {
    return open(s, token, path, n, 0);
  }

  static List<RawStream> open(StoreServer s, String token, String path, int n, int receiveBuffer)
      throws Exception {
    List<RawStream> streams = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      streams.add(RawStream.get(s.port(), path, token, receiveBuffer));
    }
    for (RawStream stream : streams) {
      assertThat(stream.status())
          .as("stream %d of %d: %s", streams.indexOf(stream), n, stream.head())
          .isEqualTo(200);
    }
    return streams;
  }

  /** Leaves by a reset, a FIN or a half-close, by turns. */
  static void leave(RawStream stream, int turn) throws Exception {
    switch (turn % 3) {
      case 0 -> stream.reset();
      case 1 -> stream.close();
      default -> stream.halfClose();
    }
  }

  static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }
}
