package io.emaillogs.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server of the fanout benchmark: the app jar's {@code serve} in a JVM of its own with {@code
 * -Xmx256m}, on a PostgreSQL database of its own (so {@code pg_stat_database} counts this server's
 * transactions only, not those of other work on the shared server), with the stream caps raised for
 * 10,000 streams of one account. Provisions that account through the operator API, ingests through
 * it, and samples the process's thread count.
 */
final class FanoutServer implements AutoCloseable {
  static final String HEAP = "-Xmx256m";
  static final int MAX_STREAMS = 20_000;
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");
  private static final Pattern GC_AFTER = Pattern.compile("->(\\d+(?:\\.\\d+)?)([KMG])\\(");

  final ChildJvm jvm;
  final int port;
  final String dbName;
  final String baseUrl;
  final long accountId;
  final String token;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger peakThreads = new AtomicInteger();

  private FanoutServer(
      ChildJvm jvm,
      int port,
      String baseUrl,
      String dbName,
      String adminToken,
      List<String> domains)
      throws IOException, InterruptedException {
    this.jvm = jvm;
    this.port = port;
    this.baseUrl = baseUrl;
    this.dbName = dbName;
    this.adminToken = adminToken;
    this.accountId =
        admin("/admin/accounts", "{\"name\":\"Fanout\",\"tenantId\":4242}")
            .get("accountId")
            .asLong();
    this.token =
        admin("/admin/accounts/" + accountId + "/keys", "{\"name\":\"f\"}").get("token").asText();
    for (String d : domains) {
      admin(
          "/admin/accounts/" + accountId + "/domains",
          "{\"domain\":\"" + d + "\",\"verified\":true}");
    }
    sampler.scheduleAtFixedRate(
        () -> peakThreads.accumulateAndGet(threads(), Math::max), 0, 200, TimeUnit.MILLISECONDS);
  }

  static FanoutServer start(
      Bench b, String name, String baseUrl, String dbName, List<String> domains)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(b.appJar)) {
      throw new IllegalStateException("no app jar at " + b.appJar + " (mvn -pl app -am package)");
    }
    String adminToken = b.adminToken;
    List<String> command =
        List.of(
            "-jar",
            b.appJar.toString(),
            "serve",
            "--db",
            BenchDb.withDatabase(baseUrl, dbName),
            "--port",
            "0",
            "--admin-token",
            adminToken,
            "--rate-limit",
            Integer.toString(Bench.NO_LIMIT),
            "--max-streams",
            Integer.toString(MAX_STREAMS),
            "--max-server-streams",
            Integer.toString(MAX_STREAMS));
    ChildJvm jvm = ChildJvm.start(name, b.workDir, b.jvmArgs(name, HEAP), command, Map.of());
    try {
      int port = Integer.parseInt(jvm.awaitLine(LISTENING, Duration.ofSeconds(120)));
      return new FanoutServer(jvm, port, baseUrl, dbName, adminToken, domains);
    } catch (IOException | RuntimeException | InterruptedException e) {
      jvm.close();
      throw e;
    }
  }

  private JsonNode admin(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = post(path, body, "application/json");
    if (r.statusCode() != 201) {
      throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }

  private HttpResponse<String> post(String path, String body, String type)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", type)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Ingests a JSON array of events; throws unless all are accepted. */
  void ingest(String events, int count) throws IOException, InterruptedException {
    HttpResponse<String> r = post("/admin/events", events, "application/json");
    if (r.statusCode() != 202 || json.readTree(r.body()).get("accepted").asInt() != count) {
      throw new IOException("ingest answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** The server's thread count now ({@code /proc/<pid>/status}), or -1 if unreadable. */
  int threads() {
    try {
      Matcher m =
          THREADS.matcher(Files.readString(Paths.get("/proc", Long.toString(jvm.pid()), "status")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The highest thread count sampled since the last call (every 200 ms). */
  int takePeakThreads() {
    return peakThreads.getAndSet(threads());
  }

  /** Runs a full GC in the server ({@code jcmd GC.run}) and returns the heap after it, in MB. */
  double heapAfterFullGcMb() throws IOException, InterruptedException {
    String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, Long.toString(jvm.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor(60, TimeUnit.SECONDS);
    Thread.sleep(500);
    List<String> lines = Files.readAllLines(jvm.gcLogFile());
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = GC_AFTER.matcher(lines.get(i));
      if (lines.get(i).contains("Pause Full") && m.find()) {
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
          case "K" -> v / 1024;
          case "G" -> v * 1024;
          default -> v;
        };
      }
    }
    return -1;
  }

  /** Commits plus rollbacks of the server's database so far ({@code pg_stat_database}). */
  long transactions() throws SQLException {
    return queryLong("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?");
  }

  /** Connections open to the server's database ({@code pg_stat_activity}). */
  long connections() throws SQLException {
    return queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = ?");
  }

  private long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, dbName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void createDatabase(String baseUrl, String dbName) throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl)) {
      c.createStatement().execute("CREATE DATABASE " + dbName);
    }
  }

  static void dropDatabase(String baseUrl, String dbName) throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    jvm.close();
  }
}
