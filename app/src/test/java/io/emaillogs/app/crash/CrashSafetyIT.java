package io.emaillogs.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4: ingest in a loop and {@code kill -9} the server at random moments, then check
 * that every batch answered 202 is stored exactly once, that a batch in flight is all or nothing,
 * and that re-sending any batch with its eventIds stores nothing twice. On an H2 file and on
 * PostgreSQL. The seed of the kill moments is printed; {@code -Dcrash.seed=N} replays it.
 */
class CrashSafetyIT {
  private static final int KILLS = Integer.getInteger("crash.kills", 20);
  private static final int BATCH = 40;
  private static final int INGESTERS = 2;
  private static final String ADMIN = "crash-safety-admin-token";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

  private enum Outcome {
    /** Answered 202: must be stored, exactly once. */
    ACKNOWLEDGED,
    /** Sent, no answer (the server died): all of it or none of it. */
    IN_FLIGHT
  }

  @Test
  void acknowledged_batches_survive_kill_9_on_an_h2_file(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    killAndCheck(dir, "jdbc:h2:file:" + dir.resolve("db").resolve("email-logs"));
  }

  @Test
  void acknowledged_batches_survive_kill_9_on_postgresql(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    String pg = System.getenv("EMAIL_LOGS_TEST_PG_URL");
    if (pg == null || pg.isBlank()) {
      assertThat(System.getenv("CI"))
          .as("under CI=true the PostgreSQL test must run")
          .isNotEqualTo("true");
      Assumptions.abort("EMAIL_LOGS_TEST_PG_URL is not set: PostgreSQL crash test skipped");
    }
    String schema = "crash_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(pg);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      killAndCheck(dir, pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    } finally {
      try (Connection c = DriverManager.getConnection(pg);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private void killAndCheck(Path dir, String db) throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    String replay = "seed " + seed + " (-Dcrash.seed=" + seed + ")";
    List<String> args =
        List.of(
            "--db", db, "--admin-token", ADMIN, "--rate-limit", "1000000", "--retention-days", "0");
    String account;
    String token;
    try (ChildServer server = ChildServer.start(dir, args)) {
      HttpResponse<String> created =
          post(server.base() + "/admin/accounts", ADMIN, "{\"name\":\"Crash\",\"tenantId\":7}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      account = group(created.body(), "\"accountId\":(\\d+)");
      HttpResponse<String> key =
          post(server.base() + "/admin/accounts/" + account + "/keys", ADMIN, "{\"name\":\"ci\"}");
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      token = group(key.body(), "\"token\":\"([^\"]+)\"");
    }

    Map<Integer, Outcome> batches = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acknowledged = new AtomicInteger();
    List<String> unexpected = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      ChildServer server = ChildServer.start(dir, args);
      List<Thread> ingesters = new ArrayList<>();
      for (int t = 0; t < INGESTERS; t++) {
        Thread ingester =
            new Thread(
                () -> {
                  while (true) {
                    int batch = next.getAndIncrement();
                    batches.put(batch, Outcome.IN_FLIGHT);
                    try {
                      HttpResponse<String> answer =
                          post(server.base() + "/admin/events", ADMIN, batch(account, batch));
                      if (answer.statusCode() == 202
                          && answer
                              .body()
                              .equals("{\"accepted\":" + BATCH + ",\"duplicates\":0}")) {
                        batches.put(batch, Outcome.ACKNOWLEDGED);
                        acknowledged.incrementAndGet();
                      } else {
                        synchronized (unexpected) {
                          unexpected.add(batch + ": " + answer.statusCode() + " " + answer.body());
                        }
                      }
                    } catch (IOException e) {
                      return; // the server is gone; this batch stays in flight
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                },
                "ingester-" + t);
        ingester.start();
        ingesters.add(ingester);
      }
      // kill at a random moment once this life has acknowledged something (a loaded machine can
      // take seconds for the first answer of a fresh JVM)
      int before = acknowledged.get();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (acknowledged.get() == before && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(800));
      server.kill();
      for (Thread ingester : ingesters) {
        ingester.join(30_000);
        assertThat(ingester.isAlive()).as("an ingester hangs after the kill").isFalse();
      }
    }
    assertThat(unexpected).as(replay).isEmpty();

    try (ChildServer server = ChildServer.start(dir, args)) {
      int present = 0;
      int inFlightStored = 0;
      int inFlightAbsent = 0;
      for (Map.Entry<Integer, Outcome> entry : batches.entrySet()) {
        int stored = storedEvents(server.base(), token, entry.getKey());
        String what = "batch " + entry.getKey() + " " + entry.getValue() + ", " + replay;
        if (entry.getValue() == Outcome.ACKNOWLEDGED) {
          assertThat(stored).as(what).isEqualTo(BATCH);
          present++;
        } else {
          assertThat(stored).as(what + ": all or nothing").isIn(0, BATCH);
          if (stored == 0) {
            inFlightAbsent++;
          } else {
            inFlightStored++;
          }
        }
        // re-sent with its eventIds, a stored batch adds nothing and an absent one goes in whole
        HttpResponse<String> again =
            post(server.base() + "/admin/events", ADMIN, batch(account, entry.getKey()));
        assertThat(again.statusCode()).as(what).isEqualTo(202);
        assertThat(again.body())
            .as(what)
            .isEqualTo(
                stored == BATCH
                    ? "{\"accepted\":0,\"duplicates\":" + BATCH + "}"
                    : "{\"accepted\":" + BATCH + ",\"duplicates\":0}");
        assertThat(storedEvents(server.base(), token, entry.getKey())).as(what).isEqualTo(BATCH);
      }
      System.out.printf(
          "crash safety on %s: %d kills, %d batches of %d acknowledged (all present once),"
              + " %d in flight at a kill (%d stored whole, %d absent, none partial); %s%n",
          db.startsWith("jdbc:h2") ? "H2 file" : "PostgreSQL",
          KILLS,
          present,
          BATCH,
          inFlightStored + inFlightAbsent,
          inFlightStored,
          inFlightAbsent,
          replay);
      assertThat(present).as("every life acknowledged a batch").isGreaterThanOrEqualTo(KILLS);
    }
  }

  /** Events of batch {@code n} the timeline shows; 0 when the message is unknown (404). */
  private int storedEvents(String base, String token, int n) throws Exception {
    HttpResponse<String> timeline =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/email/logs/crash-" + n + "/events"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (timeline.statusCode() == 404) {
      return 0;
    }
    assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
    return count(timeline.body(), "\"eventType\":\"queued\"");
  }

  private String batch(String account, int n) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"eventId\":\"crash-")
          .append(n)
          .append('-')
          .append(i)
          .append("\",\"type\":\"queued\",\"accountId\":")
          .append(account)
          .append(",\"refId\":\"crash-")
          .append(n)
          .append("\",\"recipientAddress\":\"r")
          .append(i)
          .append("@example.org\",\"timestamp\":\"")
          .append(at)
          .append("\",\"fromAddress\":\"shop@mail.example.com\",\"subject\":\"batch ")
          .append(n)
          .append("\"}");
    }
    return json.append(']').toString();
  }

  private HttpResponse<String> post(String url, String bearer, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String group(String body, String regex) {
    Matcher m = Pattern.compile(regex).matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  private static int count(String body, String needle) {
    int n = 0;
    for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
