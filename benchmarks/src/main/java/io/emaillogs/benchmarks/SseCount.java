package io.emaillogs.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole SSE response as fast as the socket gives it and counts the events in it: the
 * {@code {"id":} openings of the log events in the {@code data} arrays, and the count the closing
 * {@code complete} event claims. Pattern matching runs over the raw bytes, so the client costs
 * the shared cores little.
 */
final class SseCount {
  private static final byte[] EVENT_OPENING = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern COMPLETE =
      Pattern.compile("event: complete\\s*\\ndata: \\{\"count\":(\\d+),\"reason\":\"(\\w+)\"\\}");
  private static final int TAIL = 4096;

  private int state;
  private long events;
  private long bytes;
  private final byte[] tail = new byte[TAIL];
  private int tailLength;

  /** What one stream delivered. */
  record Result(
      int status,
      long events,
      long completeCount,
      String reason,
      long bytes,
      double seconds,
      double firstByteMs,
      String tail) {
    double eventsPerSecond() {
      return events / seconds;
    }

    boolean completed() {
      return completeCount >= 0;
    }
  }

  /** Feeds {@code n} bytes of the response. */
  void accept(byte[] buf, int off, int n) {
    bytes += n;
    int s = state;
    for (int i = off; i < off + n; i++) {
      byte b = buf[i];
      if (b == EVENT_OPENING[s]) {
        s++;
        if (s == EVENT_OPENING.length) {
          events++;
          s = 0;
        }
      } else {
        s = b == EVENT_OPENING[0] ? 1 : 0;
      }
    }
    state = s;
    if (n >= TAIL) {
      System.arraycopy(buf, off + n - TAIL, tail, 0, TAIL);
      tailLength = TAIL;
    } else {
      int keep = Math.min(tailLength, TAIL - n);
      System.arraycopy(tail, tailLength - keep, tail, 0, keep);
      System.arraycopy(buf, off, tail, keep, n);
      tailLength = keep + n;
    }
  }

  long events() {
    return events;
  }

  long bytes() {
    return bytes;
  }

  String tail() {
    return new String(tail, 0, tailLength, StandardCharsets.UTF_8);
  }

  /** The count of the closing {@code complete} event, or -1 when there is none. */
  long completeCount() {
    Matcher m = COMPLETE.matcher(tail());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  String completeReason() {
    Matcher m = COMPLETE.matcher(tail());
    return m.find() ? m.group(2) : null;
  }

  /** Opens {@code url} and reads it to the end (or {@code timeout}). */
  static Result read(HttpClient client, URI url, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "text/event-stream");
    headers.forEach(rb::header);
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    SseCount count = new SseCount();
    double firstByteMs = -1;
    byte[] buf = new byte[1 << 16];
    long deadline = start + timeout.toNanos();
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (firstByteMs < 0 && n > 0) {
          firstByteMs = (System.nanoTime() - start) / 1e6;
        }
        count.accept(buf, 0, n);
        if (System.nanoTime() > deadline) {
          throw new IOException("stream not finished within " + timeout);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        response.statusCode(),
        count.events(),
        count.completeCount(),
        count.completeReason(),
        count.bytes(),
        seconds,
        firstByteMs,
        count.tail());
  }
}
