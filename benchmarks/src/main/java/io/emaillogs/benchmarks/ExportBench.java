package io.emaillogs.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * export_logs_per_s: logs/s of {@code GET /v1/email/logs/export} (NDJSON, 93-day window holding
 * every log of the read account) over HTTP from the built app jar ({@code serve}) started with
 * {@code -Xmx256m}, its heap watched through the GC log; beside it, in the same server JVM and run,
 * the events/s of the history stream ({@code stream_ratio}'s service side). One warm-up of each,
 * then {@code streamRuns} of each, alternating; medians.
 */
final class ExportBench {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private ExportBench() {}

  static void run(Bench b) throws IOException, InterruptedException {
    if (!Files.isRegularFile(b.appJar)) {
      throw new IllegalStateException("no app jar at " + b.appJar + " (mvn -pl app -am package)");
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + b.readerToken);
    Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant start = end.minus(Duration.ofDays(93));
    int events = b.sizes.streamEvents();
    try (ChildJvm app =
        ChildJvm.start(
            "export-app",
            b.workDir,
            b.jvmArgs("export-app", StreamBench.HEAP),
            List.of("-jar", b.appJar.toString(), "serve", "--db", b.db.url(), "--port", "0"),
            Map.of())) {
      int port = Integer.parseInt(app.awaitLine(LISTENING, Duration.ofSeconds(90)));
      URI export =
          URI.create(
              "http://127.0.0.1:"
                  + port
                  + "/v1/email/logs/export?format=ndjson&startCreatedAt="
                  + start
                  + "&endCreatedAt="
                  + end);
      URI stream =
          URI.create(
              "http://127.0.0.1:"
                  + port
                  + "/api/domains/"
                  + DataSet.DOMAIN
                  + "/log/stream?end="
                  + end
                  + "&limit="
                  + events);
      Duration timeout = Duration.ofMinutes(5);
      long first = read(client, export, auth, timeout, b.sizes.logs())[0];
      SseCount.read(client, stream, auth, timeout);
      List<Double> exportRates = new ArrayList<>();
      List<Double> streamRates = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < b.sizes.streamRuns(); i++) {
        long t0 = System.nanoTime();
        long[] r = read(client, export, auth, timeout, b.sizes.logs());
        exportRates.add(r[0] / ((System.nanoTime() - t0) / 1e9));
        bytes = r[1];
        SseCount.Result s = SseCount.read(client, stream, auth, timeout);
        if (s.status() != 200 || s.events() != events) {
          throw new IOException("history stream: status " + s.status() + ", " + s.events());
        }
        streamRates.add(s.eventsPerSecond());
      }
      double exportRate = median(exportRates);
      double streamRate = median(streamRates);
      GcLog gc = app.gc();
      boolean ok = app.isAlive() && !app.ranOutOfMemory();
      b.report.add(
          Figure.of("export_logs_per_s", exportRate, "logs/s")
              .with("history_stream_events_per_s", streamRate)
              .with("x_stream", exportRate / streamRate)
              .with("logs", first)
              .with("bytes_per_log", bytes / (double) Math.max(1, first))
              .with("heap_peak_mb", gc.peakBeforeMb())
              .with("heap_live_max_mb", gc.peakAfterMb())
              .with("gcs", gc.collections())
              .with("within_heap", ok)
              .with("heap_limit_mb", StreamBench.HEAP_MB)
              .withGoal(
                  "every log, no OutOfMemoryError at -Xmx256m", ok && first == b.sizes.logs()));
    }
  }

  /** Reads the whole export, counting lines; returns {lines, bytes}. */
  private static long[] read(
      HttpClient client, URI uri, Map<String, String> auth, Duration timeout, long expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    auth.forEach(request::header);
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    long lines = 0;
    long bytes = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    if (response.statusCode() != 200 || lines != expected) {
      throw new IOException(
          "export: status "
              + response.statusCode()
              + ", "
              + lines
              + " lines, expected "
              + expected);
    }
    return new long[] {lines, bytes};
  }

  private static double median(List<Double> values) {
    return Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray()).p50();
  }
}
