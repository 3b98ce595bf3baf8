package io.emaillogs.app.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.emaillogs.app.crash.ChildServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 3: two {@code serve} processes of the built jar on one PostgreSQL schema behave as
 * one service. A page token from one works on the other; an event ingested on one reaches a live
 * stream on the other within 100 ms; the account's limit is shared (requests spread over both:
 * exactly the limit pass); a key revoked on one is refused on the other within 1 s. Prints its
 * figures. Needs {@code EMAIL_LOGS_TEST_PG_URL}; skipped without it unless {@code CI=true}.
 */
@Timeout(300)
class TwoServersIT {
  private static final String ADMIN = "admin-token-for-two-servers";
  private static final String DOMAIN = "two.example";
  private static final int WARM_UP = 5;
  private static final int LIMIT = 20; // per minute: a burst refills less than one token
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void two_servers_on_one_database_are_one_service(@TempDir Path dir) throws Exception {
    String pg = System.getenv("EMAIL_LOGS_TEST_PG_URL");
    if (pg == null || pg.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("EMAIL_LOGS_TEST_PG_URL is not set but CI=true: PostgreSQL tests must run");
      }
      Assumptions.abort("EMAIL_LOGS_TEST_PG_URL is not set: the two-server test is skipped");
    }
    String schema = "two_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(pg);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String db = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    List<String> args =
        List.of("--db", db, "--admin-token", ADMIN, "--rate-limit", Integer.toString(LIMIT));
    Path oneDir = java.nio.file.Files.createDirectories(dir.resolve("one"));
    Path twoDir = java.nio.file.Files.createDirectories(dir.resolve("two"));
    try (ChildServer one = ChildServer.start(oneDir, args);
        ChildServer two = ChildServer.start(twoDir, args)) {
      run(one.base(), two.base());
    } finally {
      try (Connection c = DriverManager.getConnection(pg);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private void run(String one, String two) throws Exception {
    String account =
        group(
            send(one, "POST", "/admin/accounts", ADMIN, "{\"name\":\"Two\",\"tenantId\":2}", 201),
            "\"accountId\":(\\d+)");
    String key =
        send(one, "POST", "/admin/accounts/" + account + "/keys", ADMIN, "{\"name\":\"t\"}", 201);
    String token = group(key, "\"token\":\"([^\"]+)\"");
    String keyId = group(key, "\"keyId\":\"([^\"]+)\"");
    send(
        two,
        "POST",
        "/admin/accounts/" + account + "/domains",
        ADMIN,
        "{\"domain\":\"" + DOMAIN + "\",\"verified\":true}",
        201);

    // a page token from one server works on the other
    ingest(one, account, 0, 120);
    String first = send(one, "GET", "/v1/email/logs?pageSize=50", token, null, 200);
    String pageToken = group(first, "\"nextPageToken\":\"([^\"]+)\"");
    String onTwo =
        send(two, "GET", "/v1/email/logs?pageSize=50&pageToken=" + pageToken, token, null, 200);
    String onOne =
        send(one, "GET", "/v1/email/logs?pageSize=50&pageToken=" + pageToken, token, null, 200);
    assertThat(onTwo).as("page 2 on the other server").isEqualTo(onOne);
    assertThat(onTwo).contains("\"totalCount\":50");

    // an event ingested on one reaches a live stream on the other
    List<Long> latencies = new ArrayList<>();
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(two + "/api/domains/" + DOMAIN + "/log/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    Thread reader = readFrames(stream.body(), arrivals);
    Thread.sleep(500); // the stream is open and live
    for (int i = -WARM_UP; i < 20; i++) { // the first few warm both JVMs up, unmeasured
      long start = System.nanoTime();
      ingest(one, account, 1_000 + i, 1);
      Long at = arrivals.poll(5, TimeUnit.SECONDS);
      assertThat(at).as("event %d reached the other server's stream", i).isNotNull();
      if (i >= 0) {
        latencies.add(TimeUnit.NANOSECONDS.toMillis(at - start));
      }
      Thread.sleep(50);
    }
    reader.interrupt();
    stream.body().close();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();

    // the account's limit is shared: requests spread over both servers, exactly the limit pass
    // (a fresh account: its bucket is full, and LIMIT + 10 requests take far less than the 3 s
    // one token needs to refill)
    String fresh =
        group(
            send(one, "POST", "/admin/accounts", ADMIN, "{\"name\":\"L\",\"tenantId\":3}", 201),
            "\"accountId\":(\\d+)");
    String limited =
        group(
            send(two, "POST", "/admin/accounts/" + fresh + "/keys", ADMIN, "{\"name\":\"l\"}", 201),
            "\"token\":\"([^\"]+)\"");
    long burst = System.nanoTime();
    int passed = 0;
    int refused = 0;
    for (int i = 0; i < LIMIT + 10; i++) {
      int status = status(i % 2 == 0 ? one : two, "/v1/email/logs?pageSize=1", limited);
      if (status == 200) {
        passed++;
      } else {
        assertThat(status).isEqualTo(429);
        refused++;
      }
    }

    long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - burst);

    // a key revoked on one is refused on the other
    Thread.sleep(Duration.ofMinutes(1).toMillis() / LIMIT); // a token for the first request
    send(one, "DELETE", "/admin/accounts/" + account + "/keys/" + keyId, ADMIN, null, 204);
    long revoked = System.nanoTime();
    int status;
    while ((status = status(two, "/v1/email/logs?pageSize=1", token)) != 401
        && System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(2)) {
      Thread.sleep(20);
    }
    long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);

    System.out.printf(
        "TwoServersIT: page 2 by the first server's token identical on both; ingest on one ->"
            + " stream on the other over 20 events: p50 %d ms, max %d ms (in order %s); limit"
            + " %d/min: %d of %d requests over both passed, %d refused, in %d ms; a key revoked on"
            + " one refused on the other after %d ms%n",
        sorted[sorted.length / 2],
        sorted[sorted.length - 1],
        latencies,
        LIMIT,
        passed,
        LIMIT + 10,
        refused,
        burstMillis,
        refusedAfter);
    assertThat(sorted[sorted.length - 1])
        .as("ingest on one -> stream on the other, ms")
        .isLessThanOrEqualTo(100);
    assertThat(passed).as("requests passed over both servers").isEqualTo(LIMIT);
    assertThat(status).as("the revoked key on the other server").isEqualTo(401);
    assertThat(refusedAfter).isLessThanOrEqualTo(1_000);
  }

  /** Records the arrival time of each {@code logs} frame's events, one entry per event. */
  private static Thread readFrames(InputStream body, LinkedBlockingQueue<Long> arrivals) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                boolean logs = false;
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.equals("event: logs")) {
                    logs = true;
                  } else if (logs && line.startsWith("data:")) {
                    long now = System.nanoTime();
                    Matcher m = ID.matcher(line);
                    while (m.find()) {
                      arrivals.add(now);
                    }
                    logs = false;
                  }
                }
              } catch (Exception ended) {
                // closed by the test
              }
            },
            "two-servers-stream");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private void ingest(String base, String account, int from, int n) throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = from; i < from + n; i++) {
      body.append(i == from ? "" : ",")
          .append("{\"eventId\":\"two-")
          .append(i)
          .append("\",\"type\":\"queued\",\"accountId\":")
          .append(account)
          .append(",\"refId\":\"two")
          .append(i)
          .append("\",\"recipientAddress\":\"r")
          .append(i)
          .append("@x.org\",\"timestamp\":\"")
          .append(Instant.now())
          .append("\",\"fromAddress\":\"shop@")
          .append(DOMAIN)
          .append("\",\"subject\":\"s\"}");
    }
    send(base, "POST", "/admin/events", ADMIN, body.append("]").toString(), 202);
  }

  private String send(
      String base, String method, String path, String token, String json, int expected)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    r.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(expected);
    return answer.body();
  }

  private int status(String base, String path, String token) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String group(String body, String regex) {
    Matcher m = Pattern.compile(regex).matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }
}
