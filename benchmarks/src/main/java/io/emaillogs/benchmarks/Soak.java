package io.emaillogs.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13 item 6, the soak: mixed load on the app jar in a {@code -Xmx256m} JVM on PostgreSQL for
 * a number of minutes - 20 accounts querying at their rate limit, 200 open live streams (10 per
 * account), 2,000 events/s ingested over HTTP - and, per minute, p50/p99 of each kind of call, heap
 * after GC and errors; then whether the last minute's p99 stays within 1.5x of the first measured
 * one. The first {@code --warmup} minutes (default 2: JIT compilation, pool filling and the backlog
 * of a cold first minute) run the same load but are only printed, not judged; a cold first minute
 * would flatter the ratio.
 *
 * <pre>
 * java -cp benchmarks/target/email-logs-benchmarks.jar io.emaillogs.benchmarks.Soak \
 *     [--minutes 10] [--warmup 2] [--pg-url JDBC_URL] [--app-jar app/target/email-logs.jar]
 * </pre>
 */
public final class Soak {
  static final int ACCOUNTS = 20;
  static final int STREAMS_PER_ACCOUNT = 10;
  static final int EVENTS_PER_SECOND = 2_000;
  static final int CALLS_PER_SECOND = 20;
  static final int RATE_LIMIT = 120;
  private static final String ADMIN = "soak-admin-token";
  private static final Pattern REF = Pattern.compile("\"refId\":\"soak-(\\d+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int minutes;
  private final int warmup;
  private final SoakMinutes queries;
  private final SoakMinutes ingests;
  private final SoakMinutes deliveries;
  private long liveStart = -1;
  private long liveEnd = -1;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private long startNanos;
  private long[] sentAt;
  private String base;

  private Soak(int warmup, int measured) {
    this.warmup = warmup;
    this.minutes = warmup + measured;
    this.queries = new SoakMinutes(this.minutes);
    this.ingests = new SoakMinutes(this.minutes);
    this.deliveries = new SoakMinutes(this.minutes);
  }

  public static void main(String[] args) throws Exception {
    Logging.quiet();
    int minutes = 10;
    int warmup = 2;
    String pgUrl = System.getenv().getOrDefault("EMAIL_LOGS_BENCH_PG_URL", BenchDb.DEFAULT_URL);
    Path appJar = Paths.get("app", "target", "email-logs.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--pg-url" -> pgUrl = args[++i];
        case "--app-jar" -> appJar = Paths.get(args[++i]);
        default -> {
          System.err.println(
              "usage: Soak [--minutes 10] [--warmup 2] [--pg-url JDBC_URL] [--app-jar PATH]; unknown: "
                  + args[i]);
          System.exit(2);
        }
      }
    }
    boolean stable = new Soak(warmup, minutes).run(pgUrl, appJar);
    System.exit(stable ? 0 : 1);
  }

  private boolean run(String pgUrl, Path appJar) throws Exception {
    if (!Files.exists(appJar)) {
      throw new IOException(appJar + " is missing: mvn -B -q package -DskipTests first");
    }
    Path dir = Files.createTempDirectory("email-logs-soak");
    try (BenchDb db = new BenchDb(pgUrl, BenchDb.newSchemaName())) {
      db.createSchema();
      List<String> command =
          List.of(
              "-jar",
              appJar.toAbsolutePath().toString(),
              "serve",
              "--port",
              "0",
              "--db",
              db.url(),
              "--admin-token",
              ADMIN,
              "--rate-limit",
              String.valueOf(RATE_LIMIT),
              "--max-streams",
              String.valueOf(STREAMS_PER_ACCOUNT),
              "--retention-days",
              "0");
      try (ChildJvm server =
          ChildJvm.start("soak-server", dir, List.of("-Xmx256m"), command, java.util.Map.of())) {
        base =
            server.awaitLine(Pattern.compile("listening on (http://\\S+)"), Duration.ofSeconds(90));
        try (PgActivity activity = PgActivity.start(db.connect())) {
          return drive(server, activity);
        }
      }
    }
  }

  private boolean drive(ChildJvm server, PgActivity activity) throws Exception {
    long[] accounts = new long[ACCOUNTS];
    String[] tokens = new String[ACCOUNTS];
    for (int a = 0; a < ACCOUNTS; a++) {
      accounts[a] =
          Long.parseLong(
              field(
                  post("/admin/accounts", "{\"name\":\"Soak " + a + "\",\"tenantId\":" + a + "}"),
                  "accountId"));
      tokens[a] =
          field(post("/admin/accounts/" + accounts[a] + "/keys", "{\"name\":\"s\"}"), "token");
      post(
          "/admin/accounts/" + accounts[a] + "/domains",
          "{\"domain\":\"soak" + a + ".example\",\"verified\":true}");
    }
    int total = minutes * 60 * EVENTS_PER_SECOND;
    sentAt = new long[total + EVENTS_PER_SECOND];
    List<Thread> readers = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      for (int s = 0; s < STREAMS_PER_ACCOUNT; s++) {
        readers.add(reader(a, tokens[a], s == 0));
      }
    }
    Thread.sleep(2_000); // the streams are open before the first event
    startNanos = System.nanoTime();
    ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
    // ingest calls may overlap, as a pipeline's would: a slow call does not lower the offered rate
    java.util.concurrent.ExecutorService ingesters = Executors.newFixedThreadPool(8);
    AtomicLong next = new AtomicLong();
    int perCall = EVENTS_PER_SECOND / CALLS_PER_SECOND;
    load.scheduleAtFixedRate(
        () -> ingesters.execute(() -> ingest(accounts, next, perCall, total)),
        0,
        1000 / CALLS_PER_SECOND,
        TimeUnit.MILLISECONDS);
    long queryEveryMicros = 60_000_000L / (RATE_LIMIT - 1); // just under the limit, per account
    for (int a = 0; a < ACCOUNTS; a++) {
      String token = tokens[a];
      load.scheduleAtFixedRate(
          () -> query(token), a * 25_000L, queryEveryMicros, TimeUnit.MICROSECONDS);
    }
    List<double[]> heap = new ArrayList<>();
    ServerLatency timed = new ServerLatency(http, base, ADMIN);
    timed.minute(); // the baseline: the set-up calls before the load
    for (int m = 0; m < minutes; m++) {
      // the live set mid warm-up: its full collection falls in no judged minute
      if (m == warmup - 1) {
        Thread.sleep(30_000);
        liveStart = LiveHeap.bytes(server.pid());
        Thread.sleep(30_000);
      } else {
        Thread.sleep(60_000);
      }
      heap.add(GcLog.afterCollections(server.gcLogFile(), 60));
      System.out.println(line(m, heap.get(m)) + " | " + activity.minute() + " | " + timed.minute());
    }
    liveEnd = LiveHeap.bytes(server.pid()); // the load still runs; later calls are not judged
    running.set(false);
    load.shutdownNow();
    ingesters.shutdownNow();
    load.awaitTermination(10, TimeUnit.SECONDS);
    ingesters.awaitTermination(10, TimeUnit.SECONDS);
    return summary(heap, server.ranOutOfMemory());
  }

  private void ingest(long[] accounts, AtomicLong next, int perCall, int total) {
    if (!running.get()) {
      return;
    }
    long first = next.getAndAdd(perCall);
    if (first >= total) {
      return;
    }
    StringBuilder json = new StringBuilder(perCall * 220).append('[');
    String at = Instant.now().toString();
    long now = System.nanoTime();
    for (long k = first; k < first + perCall; k++) {
      sentAt[(int) k] = now;
      int a = (int) (k % ACCOUNTS);
      if (k > first) {
        json.append(',');
      }
      json.append("{\"eventId\":\"soak-")
          .append(k)
          .append("\",\"type\":\"queued\",\"accountId\":")
          .append(accounts[a])
          .append(",\"refId\":\"soak-")
          .append(k)
          .append("\",\"recipientAddress\":\"r")
          .append(k % 997)
          .append("@gmail.com\",\"timestamp\":\"")
          .append(at)
          .append("\",\"fromAddress\":\"news@soak")
          .append(a)
          .append(".example\",\"subject\":\"Soak ")
          .append(k)
          .append("\"}");
    }
    json.append(']');
    try {
      HttpResponse<String> r = send(request("/admin/events", ADMIN).POST(body(json)).build());
      ingests.add(minuteOf(now), System.nanoTime() - now);
      if (r.statusCode() != 202) {
        error("ingest " + r.statusCode() + " " + r.body());
      }
    } catch (Exception e) {
      error("ingest " + e);
    }
  }

  private void query(String token) {
    if (!running.get()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = send(request("/v1/email/logs?pageSize=50", token).GET().build());
      queries.add(minuteOf(t0), System.nanoTime() - t0);
      if (r.statusCode() == 429) {
        rejected.incrementAndGet();
      } else if (r.statusCode() != 200) {
        error("query " + r.statusCode() + " " + r.body());
      }
    } catch (Exception e) {
      error("query " + e);
    }
  }

  /** A live stream of account {@code a}'s domain; {@code measured} ones record each latency. */
  private Thread reader(int a, String token, boolean measured) throws Exception {
    HttpRequest request =
        // the spec's default limit (50,000 events) would end a stream after about 8 minutes here
        request("/api/domains/soak" + a + ".example/log/stream?limit=500000", token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofDays(1))
            .GET()
            .build();
    HttpResponse<java.io.InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException("stream " + a + " answered " + response.statusCode());
    }
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("event: error") || line.startsWith("event: complete")) {
                    error("stream " + a + ": " + line);
                  }
                  if (measured && line.startsWith("data: ")) {
                    long now = System.nanoTime();
                    Matcher m = REF.matcher(line);
                    while (m.find()) {
                      long sent = sentAt[Integer.parseInt(m.group(1))];
                      deliveries.add(minuteOf(sent), now - sent);
                    }
                  }
                }
                if (running.get()) {
                  error("stream " + a + " ended");
                }
              } catch (IOException e) {
                if (running.get()) {
                  error("stream " + a + ": " + e);
                }
              }
            },
            "soak-stream-" + a);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The minute of the soak in which a call that started at {@code nanos} falls. */
  private int minuteOf(long nanos) {
    return (int) Math.min(minutes, Math.max(0, (nanos - startNanos) / 60_000_000_000L));
  }

  private String line(int m, double[] heap) {
    return String.format(
        Locale.ROOT,
        "minute %2d: query p50 %6.1f p99 %6.1f ms (%5d) | ingest call p50 %6.1f p99 %6.1f ms (%4d)"
            + " | ingest->stream p50 %6.1f p99 %6.1f ms (%6d events, %4d/s) | heap after GC %3.0f-%3.0f MB"
            + " | errors %d, 429s %d",
        m + 1,
        queries.p50(m),
        queries.p99(m),
        queries.count(m),
        ingests.p50(m),
        ingests.p99(m),
        ingests.count(m),
        deliveries.p50(m),
        deliveries.p99(m),
        deliveries.count(m),
        deliveries.count(m) / 60,
        heap[0],
        heap[1],
        errors.get(),
        rejected.get());
  }

  private boolean summary(List<double[]> heap, boolean oom) {
    int last = minutes - 1;
    boolean stable = true;
    for (String[] kind :
        new String[][] {{"query", "0"}, {"ingest call", "1"}, {"ingest->stream", "2"}}) {
      SoakMinutes s =
          switch (kind[1]) {
            case "0" -> queries;
            case "1" -> ingests;
            default -> deliveries;
          };
      double ratio = s.p99(last) / s.p99(warmup);
      boolean ok = ratio <= 1.5;
      stable &= ok;
      System.out.printf(
          Locale.ROOT,
          "soak %s p99: first measured minute (%d) %.1f ms, last minute (%d) %.1f ms, ratio %.2f"
              + " (goal <= 1.5: %s)%n",
          kind[0],
          warmup + 1,
          s.p99(warmup),
          last + 1,
          s.p99(last),
          ratio,
          ok ? "met" : "MISSED");
    }
    System.out.printf(
        Locale.ROOT,
        "soak heap after GC: first measured minute %.0f-%.0f MB, last minute %.0f-%.0f MB;"
            + " OutOfMemoryError: %s%n",
        heap.get(warmup)[0],
        heap.get(warmup)[1],
        heap.get(last)[0],
        heap.get(last)[1],
        oom);
    boolean flat = liveStart > 0 && liveEnd > 0 && liveEnd <= liveStart * 1.1;
    System.out.printf(
        Locale.ROOT,
        "soak live heap (jcmd GC.class_histogram): warm-up %.1f MB, end %.1f MB (goal <= 1.1x: %s)%n",
        liveStart / 1e6,
        liveEnd / 1e6,
        flat ? "met" : "MISSED");
    System.out.printf(
        "soak errors: %d (429s: %d)%s%n",
        errors.get(), rejected.get(), errorSamples.isEmpty() ? "" : "; first: " + errorSamples);
    return stable && flat && errors.get() == 0 && !oom;
  }

  private void error(String what) {
    if (!running.get()) {
      return; // the load is being stopped: an interrupted call is not the server's error
    }
    if (errors.incrementAndGet() <= 5) {
      errorSamples.add(what);
    }
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> r = send(request(path, ADMIN).POST(body(json)).build());
    if (r.statusCode() != 201) {
      throw new IOException(path + " answered " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher body(CharSequence json) {
    return HttpRequest.BodyPublishers.ofString(json.toString());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
