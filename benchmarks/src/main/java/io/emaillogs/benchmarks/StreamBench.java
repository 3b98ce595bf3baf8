package io.emaillogs.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * stream_ratio: events/s of a history stream of {@code streamEvents} events over HTTP from the
 * built app jar ({@code serve} on the benchmark schema) started with {@code -Xmx256m}, against a
 * bare SSE endpoint pushing as many pre-built events of the same size (one real batch of the
 * service's, repeated) from a JVM with the same heap. Both heaps are watched through their GC logs.
 * One warm-up stream each, then {@code streamRuns} each, alternating; medians compared.
 */
final class StreamBench {
  static final String HEAP = "-Xmx256m";
  static final int HEAP_MB = 256;
  static final double GOAL = 0.5;
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private StreamBench() {}

  static void run(Bench b) throws IOException, InterruptedException {
    if (!Files.isRegularFile(b.appJar)) {
      throw new IllegalStateException("no app jar at " + b.appJar + " (mvn -pl app -am package)");
    }
    int n = b.sizes.streamEvents();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + b.readerToken);
    String end = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    Duration timeout = Duration.ofMinutes(5);
    try (ChildJvm app =
        ChildJvm.start(
            "stream-app",
            b.workDir,
            b.jvmArgs("stream-app", HEAP),
            List.of("-jar", b.appJar.toString(), "serve", "--db", b.db.url(), "--port", "0"),
            Map.of())) {
      int appPort = Integer.parseInt(app.awaitLine(LISTENING, Duration.ofSeconds(90)));
      URI real =
          URI.create(
              "http://127.0.0.1:"
                  + appPort
                  + "/api/domains/"
                  + DataSet.DOMAIN
                  + "/log/stream?end="
                  + end
                  + "&limit="
                  + n);
      Path sample = b.workDir.resolve("stream-batch.jsonl");
      Files.write(sample, oneBatch(client, real, auth), StandardCharsets.UTF_8);
      try (ChildJvm bareJvm =
          ChildJvm.start(
              "stream-bare",
              b.workDir,
              b.jvmArgs("stream-bare", HEAP),
              List.of("-cp", b.classpath, BareSseServer.class.getName(), sample.toString()),
              Map.of())) {
        int barePort = Integer.parseInt(bareJvm.awaitLine(LISTENING, Duration.ofSeconds(60)));
        URI bare = URI.create("http://127.0.0.1:" + barePort + "/bare/stream?count=" + n);
        check(SseCount.read(client, real, auth, timeout), n, "service warm-up");
        check(SseCount.read(client, bare, Map.of(), timeout), n, "bare warm-up");
        List<SseCount.Result> reals = new ArrayList<>();
        List<SseCount.Result> bares = new ArrayList<>();
        for (int i = 0; i < b.sizes.streamRuns(); i++) {
          reals.add(check(SseCount.read(client, real, auth, timeout), n, "service"));
          bares.add(check(SseCount.read(client, bare, Map.of(), timeout), n, "bare"));
        }
        double realEps = median(reals);
        double bareEps = median(bares);
        double ratio = realEps / bareEps;
        GcLog appGc = app.gc();
        GcLog bareGc = bareJvm.gc();
        boolean appOk = app.isAlive() && !app.ranOutOfMemory();
        boolean bareOk = bareJvm.isAlive() && !bareJvm.ranOutOfMemory();
        SseCount.Result last = reals.get(reals.size() - 1);
        b.report.add(
            Figure.of("stream_ratio", ratio, "")
                .with("service_events_per_s", realEps)
                .with("bare_events_per_s", bareEps)
                .with("events", n)
                .with("bytes_per_event", last.bytes() / (double) n)
                .with("service_first_byte_ms", last.firstByteMs())
                .with("service_heap_peak_mb", appGc.peakBeforeMb())
                .with("service_heap_live_max_mb", appGc.peakAfterMb())
                .with("service_gcs", appGc.collections())
                .with("service_within_heap", appOk)
                .with("bare_heap_peak_mb", bareGc.peakBeforeMb())
                .with("bare_within_heap", bareOk)
                .with("heap_limit_mb", HEAP_MB)
                .withGoal(">= 0.5 and no OutOfMemoryError at -Xmx256m", ratio >= GOAL && appOk));
      }
    }
  }

  /** The events of the first batch the service sends, one JSON object a line. */
  static List<String> oneBatch(HttpClient client, URI stream, Map<String, String> auth)
      throws IOException, InterruptedException {
    String uri = stream.toString().replaceAll("limit=\\d+", "limit=1000");
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
    auth.forEach(request::header);
    var response = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("stream answered " + response.statusCode() + ": " + response.body());
    }
    return eventsOfFirstBatch(response.body());
  }

  static List<String> eventsOfFirstBatch(String sse) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String frame : sse.split("\n\n")) {
      if (frame.startsWith("event: logs\n")) {
        for (String line : frame.split("\n")) {
          if (line.startsWith("data: ")) {
            List<String> events = new ArrayList<>();
            for (JsonNode event : json.readTree(line.substring(6))) {
              events.add(json.writeValueAsString(event));
            }
            return events;
          }
        }
      }
    }
    throw new IOException("no logs event in: " + sse.substring(0, Math.min(500, sse.length())));
  }

  private static SseCount.Result check(SseCount.Result r, long expected, String what)
      throws IOException {
    if (r.status() != 200 || r.events() != expected || r.completeCount() != expected) {
      throw new IOException(
          what
              + ": status "
              + r.status()
              + ", "
              + r.events()
              + " events counted, complete says "
              + r.completeCount()
              + ", expected "
              + expected
              + "; tail: "
              + r.tail());
    }
    return r;
  }

  private static double median(List<SseCount.Result> results) {
    double[] eps = results.stream().mapToDouble(SseCount.Result::eventsPerSecond).toArray();
    return Stats.of(eps).p50();
  }
}
