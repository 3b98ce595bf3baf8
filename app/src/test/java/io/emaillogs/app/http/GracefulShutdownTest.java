package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.Stores;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 item 7: a server stopped under load ({@link EmailLogsServer#close}, what the SIGTERM
 * hook calls; PackagedJarIT sends the real signal) lets its in-flight requests finish, refuses new
 * ones, ends open streams with {@code event: error}, loses no acknowledged event, and a client
 * resumes on a new instance on the same database by {@code Last-Event-ID} without a gap. On an H2
 * file and on PostgreSQL (a schema of its own; skipped without {@code EMAIL_LOGS_TEST_PG_URL}
 * unless {@code CI=true}). Prints its figures.
 */
@Timeout(120)
class GracefulShutdownTest {
  private static final String ADMIN = "admin-token-for-shutdown-tests";
  private static final String DOMAIN = "drain.example";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SECRET =
      "cursor-secret-for-shutdown-tests".getBytes(StandardCharsets.UTF_8);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicInteger refs = new AtomicInteger();

  /** An answer, or the exception instead of one; when it came. */
  record Answer(int status, String body, long endNanos) {}

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_stop_under_load_finishes_in_flight_work_and_a_new_instance_resumes(
      String store, @TempDir Path dir) throws Exception {
    String db = database(store, dir);
    try {
      run(store, db);
    } finally {
      dropSchema(store, db);
    }
  }

  private void run(String store, String db) throws Exception {
    Stores stores = Stores.open(db, null, null, Clock.systemUTC());
    InstrumentedStore gated = new InstrumentedStore(stores.logStore());
    EmailLogsServer first =
        EmailLogsServer.launch(logs(stores, gated), "127.0.0.1", 0, List.of(stores));
    int port = first.port();
    long account;
    String token;
    List<String> stopped;
    long lastSeen;
    long closeMillis;
    long afterRelease;
    int held;
    int answeredAfterRelease;
    ConcurrentLinkedQueue<Answer> load = new ConcurrentLinkedQueue<>();
    try {
      account =
          json(port, "/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":1}")
              .get("accountId")
              .asLong();
      token =
          json(port, "/admin/accounts/" + account + "/keys", "{\"name\":\"t\"}")
              .get("token")
              .asText();
      json(
          port,
          "/admin/accounts/" + account + "/domains",
          "{\"domain\":\"" + DOMAIN + "\",\"verified\":true}");
      assertThat(ingest(port, account, 10).status()).isEqualTo(202);

      HttpResponse<InputStream> live = stream(port, token, null);
      assertThat(live.statusCode()).isEqualTo(200);
      SseReader stream = new SseReader(live.body());
      Socket keptAlive = keptAlive(port);
      Socket keptAliveBefore = keptAlive(port);
      assertThat(exchange(keptAlive, "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200")
          .endsWith("{\"status\":\"READY\"}");

      AtomicBoolean loading = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      for (int i = 0; i < 4; i++) {
        threads.submit(
            () -> {
              while (loading.get()) {
                Answer a = ingest(port, account, 10);
                load.add(a);
                if (a.status() != 202) {
                  Thread.sleep(5); // refused: do not spin
                }
              }
              return null;
            });
      }
      Thread.sleep(1_000);
      assertThat(load).as("load before the stop").anyMatch(a -> a.status() == 202);

      // every append from now on waits: the four load requests are in flight when the stop begins
      CountDownLatch gate = new CountDownLatch(1);
      gated.appendGate = gate;
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (gated.heldAppends.get() < 4 && System.nanoTime() < waitUntil) {
        Thread.sleep(10);
      }
      held = gated.heldAppends.get();
      assertThat(held).isEqualTo(4);
      long closing = System.nanoTime();
      CompletableFuture<Void> close = CompletableFuture.runAsync(first::close);

      // the open stream: event: error, then the end
      List<SseReader.Frame> frames = stream.until("error", Duration.ofSeconds(5));
      assertThat(frames.get(frames.size() - 1).data())
          .isEqualTo("{\"error\":\"Server is shutting down\"}");
      assertThat(stream.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo(SseReader.EOF);
      lastSeen =
          frames.stream()
              .filter(f -> f.is("logs"))
              .mapToLong(f -> Long.parseLong(f.id()))
              .max()
              .orElseThrow(() -> new AssertionError("no live event before the stop: " + frames));

      // draining: a new connection is refused, a new request on a kept-alive one is a 503
      assertThat(refusesConnections(port, Duration.ofSeconds(3)))
          .as("new connections refused within 3 s of the stop")
          .isTrue();
      String refused =
          exchange(
              keptAlive,
              "GET /v1/email/logs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + token
                  + "\r\n\r\n");
      assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
      assertThat(refused).endsWith("{\"success\":false,\"error\":\"service unavailable\"}");
      Socket second = keptAliveBefore; // a second kept-alive connection: /ready is 503 too
      assertThat(exchange(second, "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 503")
          .endsWith("{\"error\":\"service unavailable\"}");
      Thread.sleep(300);
      assertThat(close).as("the stop waits for the in-flight requests").isNotDone();

      long released = System.nanoTime();
      gate.countDown();
      close.get(10, TimeUnit.SECONDS);
      closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
      afterRelease = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
      loading.set(false);
      threads.shutdown();
      assertThat(threads.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
      answeredAfterRelease =
          (int) load.stream().filter(a -> a.status() == 202 && a.endNanos() > released).count();
      assertThat(answeredAfterRelease).as("the held requests finished with 202").isEqualTo(held);
      assertThat(load)
          .as("202, 503, or a connection closed or refused; never a 500")
          .allMatch(a -> a.status() == 202 || a.status() == 503 || a.status() == -1);
      stopped = List.copyOf(acknowledged);
    } finally {
      first.close();
    }

    // a new instance on the same database: nothing acknowledged is lost, the tail resumes
    Stores again = Stores.open(db, null, null, Clock.systemUTC());
    try (EmailLogsServer second =
        EmailLogsServer.launch(logs(again, again.logStore()), "127.0.0.1", 0, List.of(again))) {
      Set<String> stored =
          new HashSet<>(
              strings(db, "SELECT event_id FROM log_events WHERE account_id = " + account));
      assertThat(stored).containsAll(stopped);
      List<Long> expected =
          longs(
              db,
              "SELECT sequence FROM log_events WHERE account_id = "
                  + account
                  + " AND sequence > "
                  + lastSeen
                  + " ORDER BY sequence");
      assertThat(expected).as("acknowledged after the stream's last event").isNotEmpty();
      HttpResponse<InputStream> resumed = stream(second.port(), token, lastSeen);
      assertThat(resumed.statusCode()).isEqualTo(200);
      List<Long> received = new ArrayList<>();
      try (SseReader tail = new SseReader(resumed.body())) {
        while (received.size() < expected.size()) {
          SseReader.Frame frame = tail.nextEvent(Duration.ofSeconds(10));
          assertThat(frame).as("resumed tail: %s of %s", received, expected).isNotNull();
          assertThat(frame.event()).as(frame.toString()).isEqualTo("logs");
          for (JsonNode event : JSON.readTree(frame.data())) {
            received.add(event.get("id").asLong());
          }
        }
      }
      assertThat(received).isEqualTo(expected);
      System.out.printf(
          "GracefulShutdownTest[%s]: %d requests in flight at the stop, all answered 202;"
              + " close() returned %d ms after they were let go, %d ms after it began; %d load answers, %d events acknowledged,"
              + " all stored; the new instance resumed %d events after id %d, no gap%n",
          store,
          held,
          afterRelease,
          closeMillis,
          load.size(),
          stopped.size(),
          received.size(),
          lastSeen);
    }
  }

  private static EmailLogs logs(Stores stores, io.emaillogs.application.port.LogStore store) {
    return EmailLogs.builder()
        .store(store)
        .directory(stores.directory())
        .rateLimiter(stores.rateLimiter())
        .clock(Clock.systemUTC())
        .settings(Settings.DEFAULTS)
        .pageTokenSecret(SECRET)
        .adminToken(ADMIN)
        .build();
  }

  private static String database(String store, Path dir) throws Exception {
    if (store.equals("h2")) {
      return "jdbc:h2:file:" + dir.resolve("logs").toAbsolutePath();
    }
    String url = System.getenv("EMAIL_LOGS_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
      }
      assumeTrue(false, "EMAIL_LOGS_TEST_PG_URL is not set: skipping the PostgreSQL run");
    }
    String schema = "drain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static void dropSchema(String store, String db) throws Exception {
    if (store.equals("postgresql")) {
      String schema = db.substring(db.indexOf("currentSchema=") + "currentSchema=".length());
      try (Connection c = DriverManager.getConnection(db);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /** {@code n} queued events with eventIds; -1 when the connection was closed or refused. */
  private Answer ingest(int port, long account, int n) {
    List<String> ids = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String id = "d-" + UUID.randomUUID();
      ids.add(id);
      body.append("{\"eventId\":\"")
          .append(id)
          .append("\",\"type\":\"queued\",\"accountId\":")
          .append(account)
          .append(",\"refId\":\"drain")
          .append(refs.incrementAndGet())
          .append("\",\"recipientAddress\":\"r@x.org\",\"timestamp\":\"")
          .append(Instant.now())
          .append("\",\"fromAddress\":\"shop@")
          .append(DOMAIN)
          .append("\",\"subject\":\"s\"}\n");
    }
    try {
      HttpResponse<String> r =
          http.send(
              request(port, "/admin/events", ADMIN)
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 202) {
        acknowledged.addAll(ids);
      }
      return new Answer(r.statusCode(), r.body(), System.nanoTime());
    } catch (IOException e) {
      return new Answer(-1, e.toString(), System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-2, e.toString(), System.nanoTime());
    }
  }

  private JsonNode json(int port, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            request(port, path, ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private HttpResponse<InputStream> stream(int port, String token, Long lastEventId)
      throws Exception {
    HttpRequest.Builder r =
        request(port, "/api/domains/" + DOMAIN + "/log/stream", token)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      r.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return http.send(r.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token);
  }

  /**
   * True once a new connection to {@code port} is refused, within {@code patience}: Grizzly closes
   * its listening socket on its selector thread and waits up to a second for it, so on a loaded
   * machine the refusal can trail the stream's error event.
   */
  private static boolean refusesConnections(int port, Duration patience) throws Exception {
    long until = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < until) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      } catch (ConnectException refused) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** A connection that has had one answer (/health) and is kept alive. */
  private static Socket keptAlive(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    assertThat(exchange(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
    return socket;
  }

  /** Sends {@code request} and reads one answer framed by Content-Length. */
  private static String exchange(Socket socket, String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the headers: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static List<String> strings(String db, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<Long> longs(String db, String query) throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}
