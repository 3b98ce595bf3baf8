package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.app.http.SseReader.Frame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 500,000-event history streams whole from a server in a JVM of its own with a small heap, also
 * when the client pauses: the stream's memory does not grow with its length or with a slow client.
 */
@Timeout(120)
class BoundedHeapStreamTest {
  static final int TOTAL = 500_000;

  /**
   * The specification asks for 256 MB; a quarter of it leaves no room for a stream that grows with
   * its length or piles up behind a slow client (it also passes at 24 MB).
   */
  static final String XMX = "-Xmx64m";

  @Test
  void a_500000_event_history_streams_from_a_server_with_a_small_heap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                XMX,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                SyntheticHistoryServer.class.getName(),
                String.valueOf(TOTAL))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertThat(ready).as("the server's first line").startsWith("READY ");
      String[] parts = ready.split(" ");

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + parts[1]
                          + "/api/domains/example.com/log/stream?limit=500000&end=2030-01-01T00:00:00Z"))
              .header("Authorization", "Bearer " + parts[2])
              .build();
      long start = System.nanoTime();
      HttpResponse<java.io.InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      long events = 0;
      long last = 0;
      Frame complete;
      try (SseReader frames = new SseReader(response.body())) {
        frames.pause(); // a client that stalls: the server must wait, not pile up
        Thread.sleep(1500);
        frames.resume();
        while (true) {
          Frame frame = frames.next(Duration.ofSeconds(30));
          assertThat(frame).as("a frame within 30 s after %d events", events).isNotNull();
          if (!frame.is("logs")) {
            complete = frame;
            break;
          }
          JsonNode batch = StreamHttpTest.json(frame.data());
          events += batch.size();
          long first = batch.get(0).get("id").asLong();
          assertThat(first).isEqualTo(last + 1);
          last = batch.get(batch.size() - 1).get("id").asLong();
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(complete.event()).isEqualTo("complete");
      assertThat(complete.data()).isEqualTo("{\"count\":500000,\"reason\":\"limit\"}");
      assertThat(events).isEqualTo(TOTAL);

      server.getOutputStream().close();
      String peak = out.readLine();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(peak).startsWith("PEAK_HEAP ");
      String[] heap = peak.split(" ");
      long usedMb = Long.parseLong(heap[1]) / (1024 * 1024);
      long liveMb = Long.parseLong(heap[2]) / (1024 * 1024);
      System.out.println(
          TOTAL
              + " events streamed in "
              + millis
              + " ms (incl. a 1.5 s client pause); server heap at "
              + XMX
              + ": at most "
              + usedMb
              + " MB used, at most "
              + liveMb
              + " MB still live after a collection");
      assertThat(liveMb).as("live heap after collections, MB").isLessThan(64);
    } finally {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
