package io.emaillogs.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fanout: K live streams over HTTP on one sending domain (all but a few filtered by recipient, the
 * measured events spread round-robin over their recipients, plus a few unfiltered) and K/10 on
 * other domains, while 1,000 events/s (10 operator-API calls/s of 100 events; every tenth event on
 * another domain) are ingested for {@code liveSeconds}, into the app jar's server in its own JVM
 * ({@link FanoutServer}). Per K: ingest-call start -> client latency, PostgreSQL transactions per
 * ingest call, server threads, peak heap, events missing and duplicated. Then K = 1,000 (quick:
 * 100) again with 10 clients that never read, and {@link FanoutAbort}.
 */
final class FanoutBench {
  static final String DOMAIN = "fanout.example";
  static final int PER_CALL = 100;
  static final int EVERY_MS = 100;
  static final int SETTLE_S = 11; // PostgreSQL flushes a backend's counters within 10 s
  static final int BASELINE_S = 10;
  static final int STALLED = 10;
  static final int INGEST_THREADS = 4;
  private static final int OPENING_AT_ONCE = 200;

  private FanoutBench() {}

  /** What one pass measured. */
  record Pass(
      Stats latency,
      Stats afterReturn,
      Stats call,
      StreamTally.Check check,
      double xactPerCall,
      double xactRawPerCall,
      double baselinePerS,
      int calls,
      int threadsAtRest,
      int threadsPeak,
      GcLog gc,
      boolean oom,
      long delivered) {}

  static void run(Bench b) throws Exception {
    boolean quick = "quick".equals(b.sizes.mode());
    List<Integer> ks = quick ? List.of(10, 100) : List.of(10, 100, 1_000, 10_000);
    checkOpenFiles(ks.get(ks.size() - 1));
    String dbName = "fanout_" + ProcessHandle.current().pid();
    String base = b.db.baseUrl();
    FanoutServer.createDatabase(base, dbName);
    try {
      Pass plain = null;
      int stallAt = quick ? 100 : 1_000;
      for (int k : ks) {
        Pass p = pass(b, base, dbName, k, 0);
        report(b, k, "", p);
        if (k == stallAt) {
          plain = p;
        }
      }
      Pass stalled = pass(b, base, dbName, stallAt, STALLED);
      report(b, stallAt, "_with_" + STALLED + "_never_reading", stalled);
      b.report.add(
          Figure.of("fanout_never_reading.k" + stallAt + ".p99_ms", stalled.latency.p99(), "ms")
              .with("without_p99_ms", plain.latency.p99())
              .with("ingest_call_p99_ms", stalled.call.p99())
              .with("without_ingest_call_p99_ms", plain.call.p99())
              .with("never_reading_clients", STALLED)
              .withGoal(
                  "other streams' p99 and the ingest call p99 not raised (within 1.5x + 10 ms)",
                  stalled.latency.p99() <= plain.latency.p99() * 1.5 + 10
                      && stalled.call.p99() <= plain.call.p99() * 1.5 + 10));
      FanoutAbort.run(b, base, dbName, 1_000);
    } finally {
      FanoutServer.dropDatabase(base, dbName);
    }
  }

  private static void checkOpenFiles(int k) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^Max open files\\s+(\\d+)")
            .matcher(Files.readString(Paths.get("/proc/self/limits")));
    if (m.find() && Long.parseLong(m.group(1)) < k * 1.2 + 1000) {
      throw new IllegalStateException(
          "ulimit -n is " + m.group(1) + "; " + k + " streams need more (raise it and rerun)");
    }
  }

  static Pass pass(Bench b, String base, String dbName, int k, int stalledCount) throws Exception {
    FanoutLayout lay = FanoutLayout.of(k);
    String run = k + "s" + stalledCount;
    int total = b.sizes.liveSeconds() * 1000;
    long[] sentAt = new long[total];
    long[] returnedAt = new long[total];
    List<FanoutClient> clients = new ArrayList<>();
    List<Socket> stalled = new ArrayList<>();
    ExecutorService clientPool = Executors.newFixedThreadPool(4, daemon("fanout-client"));
    try (FanoutServer server =
        FanoutServer.start(b, "fanout-" + run, base, dbName, lay.domains())) {
      int streams = k + lay.others();
      CountDownLatch ready = new CountDownLatch(streams);
      CountDownLatch allIn = new CountDownLatch(streams);
      List<IntPredicate> filters = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      String live = "/log/stream?limit=500000";
      for (int i = 0; i < lay.unfiltered(); i++) {
        filters.add(lay.unfilteredStream());
        paths.add("/api/domains/" + DOMAIN + live);
      }
      for (int r = 0; r < lay.filtered(); r++) {
        filters.add(lay.filteredStream(r));
        paths.add(
            "/api/domains/" + DOMAIN + live + "&recipient=" + FanoutLayout.recipientAddress(r));
      }
      for (int i = 0; i < lay.others(); i++) {
        filters.add(lay.otherStream(i));
        paths.add("/api/domains/" + FanoutLayout.otherName(i % lay.otherDomains()) + live);
      }
      List<HttpClient> http = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        http.add(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientPool)
                .build());
      }
      Semaphore opening = new Semaphore(OPENING_AT_ONCE);
      for (int i = 0; i < streams; i++) {
        IntPredicate f = filters.get(i);
        int expected = 0;
        for (int e = 0; e < total; e++) {
          expected += f.test(e) ? 1 : 0;
        }
        FanoutClient c = new FanoutClient(run, f, expected, ready, allIn);
        clients.add(c);
        opening.acquire();
        c.open(
            http.get(i % 2),
            URI.create("http://127.0.0.1:" + server.port + paths.get(i)),
            server.token,
            opening);
      }
      for (int i = 0; i < stalledCount; i++) {
        stalled.add(
            FanoutClient.neverReading(server.port, "/api/domains/" + DOMAIN + live, server.token));
      }
      if (!opening.tryAcquire(OPENING_AT_ONCE, 300, TimeUnit.SECONDS)) {
        throw new IOException("streams not opened within 300 s");
      }
      for (FanoutClient c : clients) {
        if (c.status() != 200) {
          throw new IOException("a stream answered " + c.status() + ": " + c.failure());
        }
      }
      warmUp(server, lay, run);
      if (!ready.await(300, TimeUnit.SECONDS)) {
        throw new IOException(
            ready.getCount() + " of " + streams + " streams got no warm-up event");
      }
      int atRest = server.threads();
      Thread.sleep(SETTLE_S * 1000L);
      long c0 = server.transactions();
      long t0 = System.nanoTime();
      Thread.sleep(BASELINE_S * 1000L);
      long c1 = server.transactions();
      long t1 = System.nanoTime();
      server.takePeakThreads();
      long[] callNanos = ingest(server, lay, run, total, sentAt, returnedAt);
      allIn.await(15, TimeUnit.SECONDS);
      int peak = server.takePeakThreads();
      Thread.sleep(SETTLE_S * 1000L);
      long c2 = server.transactions();
      long t2 = System.nanoTime();
      double baselinePerNs = (c1 - c0) / (double) (t1 - t0);
      double xact = (c2 - c1) - baselinePerNs * (t2 - t1);
      int calls = callNanos.length;
      StreamTally.Check check = StreamTally.Check.NONE;
      long delivered = 0;
      for (FanoutClient c : clients) {
        check = check.plus(c.tally.check(total, c.expects));
        delivered += c.tally.size();
      }
      long[] latency = new long[(int) delivered];
      long[] afterReturn = new long[(int) delivered];
      int at = 0;
      for (FanoutClient c : clients) {
        int[] ks = c.tally.indexes();
        long[] when = c.tally.arrivals();
        for (int i = 0; i < ks.length; i++) {
          int e = Math.min(Math.max(ks[i], 0), total - 1);
          latency[at] = when[i] - sentAt[e];
          afterReturn[at++] = Math.max(0, when[i] - returnedAt[e]);
        }
      }
      if (delivered == 0) {
        throw new IOException("no measured event reached any stream");
      }
      return new Pass(
          Stats.ofNanosAsMillis(latency),
          Stats.ofNanosAsMillis(afterReturn),
          Stats.ofNanosAsMillis(callNanos),
          check,
          xact / calls,
          (c2 - c1) / (double) calls,
          baselinePerNs * 1e9,
          calls,
          atRest,
          peak,
          server.jvm.gc(),
          server.jvm.ranOutOfMemory() || !server.jvm.isAlive(),
          delivered);
    } finally {
      for (FanoutClient c : clients) {
        c.cancel();
      }
      for (Socket s : stalled) {
        s.close();
      }
      clientPool.shutdownNow();
    }
  }

  /** One event to every filtered recipient and every other domain, so every stream sees one. */
  private static void warmUp(FanoutServer server, FanoutLayout lay, String run)
      throws IOException, InterruptedException {
    List<String> events = new ArrayList<>();
    String at = Instant.now().toString();
    int n = 0;
    for (int r = 0; r < lay.filtered(); r++) {
      events.add(
          event(server, "w" + run + "-" + n++, FanoutLayout.recipientAddress(r), DOMAIN, at));
    }
    for (int d = 0; d < lay.otherDomains(); d++) {
      events.add(
          event(server, "w" + run + "-" + n++, "x@rcpt.example", FanoutLayout.otherName(d), at));
    }
    for (int from = 0; from < events.size(); from += 1000) {
      List<String> part = events.subList(from, Math.min(events.size(), from + 1000));
      server.ingest("[" + String.join(",", part) + "]", part.size());
    }
  }

  /**
   * 1,000 events/s for {@code total} events: a call of {@value #PER_CALL} events every {@value
   * #EVERY_MS} ms, on up to {@value #INGEST_THREADS} threads so a slow call does not hold back the
   * next one; returns each call's duration.
   */
  private static long[] ingest(
      FanoutServer server,
      FanoutLayout lay,
      String run,
      int total,
      long[] sentAt,
      long[] returnedAt)
      throws Exception {
    int calls = total / PER_CALL;
    long[] callNanos = new long[calls];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(calls);
    ExecutorService callers = Executors.newFixedThreadPool(INGEST_THREADS, daemon("fanout-ingest"));
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(daemon("fanout-clock"));
    clock.scheduleAtFixedRate(
        () -> {
          int call = next.getAndIncrement();
          if (call < calls) {
            callers.execute(
                () ->
                    oneCall(server, lay, run, call, sentAt, returnedAt, callNanos, failure, done));
          }
        },
        0,
        EVERY_MS,
        TimeUnit.MILLISECONDS);
    try {
      if (!done.await(total / 1000L * 3 + 60, TimeUnit.SECONDS)) {
        throw new IOException("ingestion fell behind: " + done.getCount() + " calls left");
      }
    } finally {
      clock.shutdownNow();
      callers.shutdownNow();
      callers.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return callNanos;
  }

  private static void oneCall(
      FanoutServer server,
      FanoutLayout lay,
      String run,
      int call,
      long[] sentAt,
      long[] returnedAt,
      long[] callNanos,
      AtomicReference<Exception> failure,
      CountDownLatch done) {
    int first = call * PER_CALL;
    String at = Instant.now().toString();
    StringBuilder body = new StringBuilder("[");
    for (int e = first; e < first + PER_CALL; e++) {
      boolean main = FanoutLayout.onMain(e);
      body.append(e == first ? "" : ",")
          .append(
              event(
                  server,
                  "f" + run + "-" + e,
                  main ? FanoutLayout.recipientAddress(lay.recipient(e)) : "x@rcpt.example",
                  main ? DOMAIN : FanoutLayout.otherName(lay.otherDomain(e)),
                  at));
    }
    String json = body.append(']').toString();
    long t0 = System.nanoTime();
    Arrays.fill(sentAt, first, first + PER_CALL, t0);
    try {
      server.ingest(json, PER_CALL);
    } catch (Exception ex) {
      failure.set(ex);
    }
    long t1 = System.nanoTime();
    Arrays.fill(returnedAt, first, first + PER_CALL, t1);
    callNanos[call] = t1 - t0;
    done.countDown();
  }

  private static String event(
      FanoutServer server, String refId, String recipient, String domain, String at) {
    return "{\"type\":\"queued\",\"accountId\":"
        + server.accountId
        + ",\"refId\":\""
        + refId
        + "\",\"recipientAddress\":\""
        + recipient
        + "\",\"timestamp\":\""
        + at
        + "\",\"fromAddress\":\"news@"
        + domain
        + "\",\"subject\":\"Fanout "
        + refId
        + "\"}";
  }

  private static void report(Bench b, int k, String suffix, Pass p) {
    String n = "fanout" + suffix + ".k" + k;
    boolean clean = p.check.missing() == 0 && p.check.duplicated() == 0;
    double latencyGoal = k >= 10_000 ? 250 : k >= 1_000 ? 100 : Double.NaN;
    Figure lat =
        Figure.of(n + ".p99_ms", p.latency.p99(), "ms")
            .with("p50_ms", p.latency.p50())
            .with("max_ms", p.latency.max())
            .with("delivered", p.delivered)
            .with("expected", p.check.expected())
            .with("missing", p.check.missing())
            .with("duplicated", p.check.duplicated())
            .with("unexpected", p.check.unexpected())
            .with("after_call_returned_p50_ms", p.afterReturn.p50())
            .with("after_call_returned_p99_ms", p.afterReturn.p99())
            .with("ingest_call_p50_ms", p.call.p50())
            .with("ingest_call_p99_ms", p.call.p99());
    b.report.add(
        Double.isNaN(latencyGoal)
            ? lat.withGoal("0 missing, 0 duplicated", clean)
            : lat.withGoal(
                "<= " + (int) latencyGoal + ", 0 missing, 0 duplicated",
                clean && p.latency.p99() <= latencyGoal));
    b.report.add(
        Figure.of(n + ".pg_xact_per_call", p.xactPerCall, "")
            .with("raw_per_call", p.xactRawPerCall)
            .with("idle_baseline_per_s", p.baselinePerS)
            .with("calls", p.calls)
            .withGoal("<= 3", p.xactPerCall <= 3));
    Figure threads =
        Figure.of(n + ".server_threads", p.threadsPeak, "")
            .with("at_rest_streams_open", p.threadsAtRest);
    b.report.add(k >= 10_000 ? threads.withGoal("<= 200", p.threadsPeak <= 200) : threads);
    b.report.add(
        Figure.of(n + ".heap_peak_mb", p.gc.peakBeforeMb(), "MB")
            .with("live_max_mb", p.gc.peakAfterMb())
            .with("gcs", p.gc.collections())
            .withGoal("<= 256, no OutOfMemoryError", p.gc.peakBeforeMb() <= 256 && !p.oom));
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
