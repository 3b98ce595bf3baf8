package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import io.emaillogs.app.Stores;
import io.emaillogs.application.port.StoreUnavailableException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13 item 3: PostgreSQL goes away under a running, loaded server and comes back. Runs on a
 * private cluster ({@link PrivatePostgres}), stopped with {@code pg_ctl stop -m immediate} and
 * started again on the same port; the server is never restarted. Prints its figures.
 */
@Timeout(180)
class PostgresOutageTest {
  private static final String ADMIN = "admin-token-for-outage-tests";
  private static final String DOMAIN = "outage.example";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY_UNAVAILABLE =
      "{\"success\":false,\"error\":\"service unavailable\"}";
  private static final String PLAIN_UNAVAILABLE = "{\"error\":\"service unavailable\"}";
  private static final long FAST_MILLIS = 2_000;
  private static final long RECOVERY_MILLIS = 5_000;

  private static PrivatePostgres pg;
  private static EmailLogsServer server;
  private static Stores direct; // the same database through the ports, without HTTP in between

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicInteger refs = new AtomicInteger();

  /** One answer of the server: what was asked, when, how long it took. */
  record Answer(String kind, int status, String body, long startNanos, long millis) {}

  @BeforeAll
  static void startClusterAndServer() throws Exception {
    pg = PrivatePostgres.start();
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            pg.jdbcUrl(),
            null,
            null,
            ADMIN,
            "cursor-secret-for-outage-tests",
            1_000_000,
            10,
            100,
            Duration.ZERO,
            HttpOptions.DEFAULT_HEAD_TIMEOUT,
            HttpOptions.DEFAULT_MAX_BODY_BYTES);
    server = EmailLogsServer.start(config, Clock.systemUTC());
    direct = Stores.open(pg.jdbcUrl(), null, null, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
      if (direct != null) {
        direct.close();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  @Test
  void an_outage_is_a_fast_503_and_the_server_serves_again_without_restart() throws Exception {
    long account = account();
    String token = key(account);
    post(
        "/admin/accounts/" + account + "/domains",
        "{\"domain\":\"" + DOMAIN + "\",\"verified\":true}");
    long limited = account();
    String limitedToken = key(limited);
    sql("UPDATE accounts SET rate_limit = 5 WHERE id = " + limited);
    assertThat(ingest(account, 10).status()).isEqualTo(202);

    HttpResponse<InputStream> live = stream(token, null);
    assertThat(live.statusCode()).isEqualTo(200);
    SseReader before = new SseReader(live.body());

    // load: queries and ingest on four threads, from before the outage to after it
    AtomicBoolean loading = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Answer> load = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      boolean queries = i % 2 == 0;
      threads.submit(
          () -> {
            while (loading.get()) {
              try {
                load.add(
                    queries
                        ? get("query", "/v1/email/logs?pageSize=20", token)
                        : ingest(account, 5));
              } catch (Exception e) {
                load.add(new Answer("exception", -1, e.toString(), System.nanoTime(), 0));
              }
            }
            return null;
          });
    }
    Thread.sleep(1_500);
    assertThat(load).as("the load runs before the outage").anyMatch(a -> a.status() == 202);

    long stopped = System.nanoTime();
    pg.stopImmediately();
    long down = System.nanoTime();
    long stopMillis = millisSince(stopped);

    // the open live stream: event: error {"error":"service unavailable"}, then the end
    List<SseReader.Frame> frames = before.until("error", Duration.ofSeconds(10));
    SseReader.Frame error = frames.get(frames.size() - 1);
    assertThat(error.event()).isEqualTo("error");
    assertThat(error.data()).isEqualTo(PLAIN_UNAVAILABLE);
    long streamErrorMillis = TimeUnit.NANOSECONDS.toMillis(error.nanos() - stopped);
    assertThat(before.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo(SseReader.EOF);
    long lastSeen =
        frames.stream()
            .filter(f -> f.is("logs"))
            .mapToLong(f -> Long.parseLong(f.id()))
            .max()
            .orElseThrow(() -> new AssertionError("no live event before the outage: " + frames));

    Thread.sleep(2_000); // the load meets the outage
    Map<String, Answer> probes = new TreeMap<>();
    probes.put("query", get("query", "/v1/email/logs", token));
    probes.put("timeline", get("timeline", "/v1/email/logs/nope/events", token));
    probes.put("ingest", ingest(account, 1));
    probes.put("admin", postAnswer("/admin/accounts", "{\"name\":\"x\",\"tenantId\":1}"));
    probes.put("stream", streamAnswer(token));
    probes.put("limiter", get("limiter", "/v1/email/logs", limitedToken));
    probes.put("ready", get("ready", "/ready", null));
    probes.put("health", get("health", "/health", null));
    // HTTP calls of customers fail at the key lookup first: the ports behind it, one by one
    Map<String, Long> ports = new TreeMap<>();
    ports.put("limiter", unavailable(() -> direct.rateLimiter().tryConsume(limited, 5)));
    ports.put("readEventsAfter", unavailable(() -> direct.logStore().readEventsAfter(0, 10)));
    ports.put("messageEvents", unavailable(() -> direct.logStore().messageEvents(account, "x")));
    ports.put("findDomain", unavailable(() -> direct.directory().findDomain(account, DOMAIN)));
    ports.put("findKey", unavailable(() -> direct.directory().findKey("k")));
    loading.set(false);
    threads.shutdown();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(ports.values()).allMatch(millis -> millis < FAST_MILLIS);
    assertThat(probes.get("query").body()).isEqualTo(QUERY_UNAVAILABLE);
    assertThat(probes.get("timeline").body()).isEqualTo(QUERY_UNAVAILABLE);
    assertThat(probes.get("limiter").body()).isEqualTo(QUERY_UNAVAILABLE);
    for (String kind : List.of("ingest", "admin", "stream")) {
      assertThat(probes.get(kind).body()).as(kind).isEqualTo(PLAIN_UNAVAILABLE);
    }
    assertThat(probes.get("ready").body()).isEqualTo("{\"status\":\"NOT_READY\"}");
    assertThat(probes.get("health").body()).isEqualTo("{\"status\":\"DOWN\"}");
    for (Answer probe : probes.values()) {
      assertThat(probe.status()).as(probe.toString()).isEqualTo(503);
      assertThat(probe.millis()).as(probe.toString()).isLessThan(FAST_MILLIS);
    }
    List<Answer> during = load.stream().filter(a -> a.startNanos() >= down).toList();
    assertThat(during).as("load during the outage").isNotEmpty();
    assertThat(load)
        .as("no answer but success or 503, none an exception")
        .allMatch(a -> Set.of(200, 202, 503).contains(a.status()));
    assertThat(during).allMatch(a -> a.status() == 503 && a.millis() < FAST_MILLIS);
    long maxDuring = during.stream().mapToLong(Answer::millis).max().orElseThrow();
    long max503 = probes.values().stream().mapToLong(Answer::millis).max().orElseThrow();

    // back: the same port, the same server
    long restarted = System.nanoTime();
    pg.startCluster();
    long startMillis = millisSince(restarted);
    long queryBack = untilStatus(200, () -> get("query", "/v1/email/logs", token));
    long ingestBack = untilStatus(202, () -> ingest(account, 1));
    long readyBack = untilStatus(200, () -> get("ready", "/ready", null));
    assertThat(queryBack).isLessThan(RECOVERY_MILLIS);
    assertThat(ingestBack).isLessThan(RECOVERY_MILLIS);
    assertThat(readyBack).isLessThan(RECOVERY_MILLIS);

    // the live tail resumes after the last event it saw: every later event, once, in order
    HttpResponse<InputStream> resumed = stream(token, lastSeen);
    assertThat(resumed.statusCode()).isEqualTo(200);
    List<Long> received = new ArrayList<>();
    try (SseReader after = new SseReader(resumed.body())) {
      for (int i = 0; i < 3; i++) {
        assertThat(ingest(account, 5).status()).isEqualTo(202);
      }
      List<Long> expected =
          sequences(
              "SELECT sequence FROM log_events WHERE account_id = "
                  + account
                  + " AND sequence > "
                  + lastSeen
                  + " ORDER BY sequence");
      while (received.size() < expected.size()) {
        SseReader.Frame frame = after.nextEvent(Duration.ofSeconds(10));
        assertThat(frame).as("resumed tail, got %s of %s", received.size(), expected).isNotNull();
        assertThat(frame.event()).as(frame.toString()).isEqualTo("logs");
        for (JsonNode event : JSON.readTree(frame.data())) {
          received.add(event.get("id").asLong());
        }
      }
      assertThat(received).isEqualTo(expected);
    }

    // every acknowledged batch is stored, once
    List<String> ids = List.copyOf(acknowledged);
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM log_events WHERE event_id = ANY(?)")) {
      Array array = c.createArrayOf("varchar", ids.toArray());
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(ids.size());
      }
    }

    // the shared limiter works again: 5 a minute for this account, the sixth is refused
    for (int i = 0; i < 5; i++) {
      assertThat(get("limiter", "/v1/email/logs", limitedToken).status()).isEqualTo(200);
    }
    Answer refused = get("limiter", "/v1/email/logs", limitedToken);
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);

    System.out.printf(
        "PostgresOutageTest: pg_ctl stop -m immediate %d ms; stream error event after %d ms;"
            + " %d load answers during the outage, all 503, slowest %d ms; probes %s, slowest %d ms;"
            + " ports %s (ms, StoreUnavailableException);"
            + " pg_ctl start %d ms; after it query 200 in %d ms, ingest 202 in %d ms, /ready 200"
            + " in %d ms; resumed tail %d events after id %d, no gap; %d acknowledged events all"
            + " stored%n",
        stopMillis,
        streamErrorMillis,
        during.size(),
        maxDuring,
        summary(probes),
        max503,
        ports,
        startMillis,
        queryBack,
        ingestBack,
        readyBack,
        received.size(),
        lastSeen,
        ids.size());
  }

  private static String summary(Map<String, Answer> probes) {
    StringBuilder s = new StringBuilder();
    probes.forEach(
        (k, a) ->
            s.append(k)
                .append(' ')
                .append(a.status())
                .append('/')
                .append(a.millis())
                .append("ms "));
    return s.toString().trim();
  }

  /** Milliseconds until {@code work} failed with StoreUnavailableException (it must). */
  private static long unavailable(Runnable work) {
    long start = System.nanoTime();
    try {
      work.run();
    } catch (StoreUnavailableException expected) {
      return millisSince(start);
    }
    throw new AssertionError("answered while the database is down");
  }

  interface Call {
    Answer call() throws Exception;
  }

  /** Milliseconds until {@code call} answers {@code status}, trying every 50 ms. */
  private static long untilStatus(int status, Call call) throws Exception {
    long start = System.nanoTime();
    while (true) {
      Answer a = call.call();
      if (a.status() == status) {
        return millisSince(start);
      }
      assertThat(a.status()).as(a.toString()).isEqualTo(503);
      assertThat(millisSince(start)).as("still %s", a).isLessThan(30_000);
      Thread.sleep(50);
    }
  }

  private long account() throws Exception {
    return JSON.readTree(post("/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":1}"))
        .get("accountId")
        .asLong();
  }

  private String key(long account) throws Exception {
    return JSON.readTree(post("/admin/accounts/" + account + "/keys", "{\"name\":\"t\"}"))
        .get("token")
        .asText();
  }

  /** {@code n} queued events of {@code account} from the test's domain, with eventIds. */
  private Answer ingest(long account, int n) throws Exception {
    List<String> ids = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      String id = "e-" + UUID.randomUUID();
      ids.add(id);
      body.append("{\"eventId\":\"")
          .append(id)
          .append("\",\"type\":\"queued\",\"accountId\":")
          .append(account)
          .append(",\"refId\":\"outage")
          .append(refs.incrementAndGet())
          .append("\",\"recipientAddress\":\"r@x.org\",\"timestamp\":\"")
          .append(now)
          .append("\",\"fromAddress\":\"shop@")
          .append(DOMAIN)
          .append("\",\"subject\":\"s\"}\n");
    }
    Answer a =
        send(
            "ingest",
            request("/admin/events", ADMIN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    if (a.status() == 202) {
      acknowledged.addAll(ids);
    }
    return a;
  }

  private String post(String path, String json) throws Exception {
    Answer a = postAnswer(path, json);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.body();
  }

  private Answer postAnswer(String path, String json) throws Exception {
    return send(
        "admin",
        request(path, ADMIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private Answer get(String kind, String path, String token) throws Exception {
    return send(kind, request(path, token).GET().build());
  }

  private HttpResponse<InputStream> stream(String token, Long lastEventId) throws Exception {
    HttpRequest.Builder r =
        request("/api/domains/" + DOMAIN + "/log/stream", token)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      r.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return http.send(r.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private Answer streamAnswer(String token) throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> r = stream(token, null);
    try (InputStream body = r.body()) {
      String text = new String(body.readNBytes(4096));
      return new Answer("stream", r.statusCode(), text, start, millisSince(start));
    }
  }

  private Answer send(String kind, HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(kind, r.statusCode(), r.body(), start, millisSince(start));
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(15));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r;
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static List<Long> sequences(String query) throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
