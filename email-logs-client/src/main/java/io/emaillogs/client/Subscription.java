package io.emaillogs.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live subscription to the stream of one sending domain ({@link EmailLogsClient#stream}). A
 * daemon thread reads the stream and calls the listener. When the connection drops (a reset, the
 * server's {@code error} event, its end without {@code complete}, or nothing at all - not even a
 * keep-alive - for the idle timeout) it reconnects with the same filters and {@code Last-Event-ID}
 * of the last event received, after an exponential backoff (at least the server's {@code
 * Retry-After} on a 429 or 503), and skips any event it already delivered: the listener sees each
 * event once, in order. Before any event was received there is no id to resume from; a stream
 * opened without {@code start} and {@code end} then resumes from the time it was opened ({@code
 * start}). Thread-safe; {@link #close} is idempotent.
 */
public final class Subscription implements AutoCloseable {
  private static final TypeReference<List<LogEvent>> EVENTS = new TypeReference<>() {};

  private final Http http;
  private final String path;
  private final StreamFilters filters;
  private final StreamListener listener;
  private final Backoff backoff;
  private final Duration idleTimeout;
  private final Instant openedAt;
  private final CountDownLatch closedSignal = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  private volatile boolean closed;
  private volatile InputStream current;
  private volatile long lastActivity = System.nanoTime();
  private volatile Long lastId;
  private volatile long delivered;
  private volatile int connections;
  private Thread reader;
  private ScheduledFuture<?> watchdog;

  /**
   * Exponential reconnection delays: {@code initial}, doubled after each failure, up to {@code
   * max}.
   */
  record Backoff(Duration initial, Duration max) {
    Duration delay(int attempt) {
      long millis = initial.toMillis() << Math.min(attempt - 1, 20);
      return Duration.ofMillis(Math.min(Math.max(millis, 0), max.toMillis()));
    }
  }

  private Subscription(
      Http http,
      String path,
      StreamFilters filters,
      StreamListener listener,
      Backoff backoff,
      Duration idleTimeout,
      Instant openedAt) {
    this.http = http;
    this.path = path;
    this.filters = filters;
    this.listener = listener;
    this.backoff = backoff;
    this.idleTimeout = idleTimeout;
    this.openedAt = openedAt;
    this.lastId = filters.lastEventId();
  }

  /** Connects (throwing the server's refusal) and starts the reader thread. */
  static Subscription open(
      Http http,
      String domain,
      StreamFilters filters,
      StreamListener listener,
      Backoff backoff,
      Duration idleTimeout,
      ScheduledExecutorService timer) {
    Subscription s =
        new Subscription(
            http,
            "/api/domains/" + Http.encode(domain) + "/log/stream",
            filters,
            listener,
            backoff,
            idleTimeout,
            Instant.now());
    HttpResponse<InputStream> first = s.connect();
    s.reader = new Thread(() -> s.run(first), "email-logs-stream-" + domain);
    s.reader.setDaemon(true);
    s.watchdog = timer.scheduleWithFixedDelay(s::checkIdle, 250, 250, TimeUnit.MILLISECONDS);
    s.reader.start();
    return s;
  }

  /** The id of the last event delivered, if any. */
  public OptionalLong lastEventId() {
    Long id = lastId;
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /** Events delivered to the listener so far. */
  public long eventsReceived() {
    return delivered;
  }

  /** Connections opened so far (1 + the reconnections). */
  public int connections() {
    return connections;
  }

  /** False once closed, completed, or given up. */
  public boolean isOpen() {
    return finished.getCount() > 0 && !closed;
  }

  /** Waits until the subscription ends (completed, given up or closed); false on timeout. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops reading and closes the connection; the listener gets nothing more. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closedSignal.countDown();
    closeCurrent();
    if (reader != null && reader != Thread.currentThread()) {
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private HttpResponse<InputStream> connect() {
    Map<String, String> p = new LinkedHashMap<>(filters.parameters());
    Instant start = filters.start();
    if (start == null && lastId == null && connections > 0 && !p.containsKey("end")) {
      start = openedAt;
    }
    if (start != null) {
      p.put("start", start.toString());
    }
    if (filters.limit() != null) {
      p.put("limit", Long.toString(filters.limit() - delivered));
    }
    Long id = lastId;
    HttpResponse<InputStream> response =
        http.get(path, p, id == null ? null : id.toString(), "text/event-stream");
    connections++;
    return response;
  }

  private void run(HttpResponse<InputStream> first) {
    try {
      HttpResponse<InputStream> response = first;
      int attempt = 0;
      while (response != null) {
        Outcome outcome = consume(response);
        response = null;
        if (outcome.cause == null) {
          return; // completed, closed or given up
        }
        attempt = outcome.progressed ? 1 : attempt + 1;
        response = reconnect(attempt, outcome.cause);
      }
    } finally {
      watchdog.cancel(false);
      finished.countDown();
    }
  }

  /** Reconnects after backoff until it works; null when closed, finished or given up. */
  private HttpResponse<InputStream> reconnect(int firstAttempt, String firstCause) {
    int attempt = firstAttempt;
    String cause = firstCause;
    Duration wait = backoff.delay(attempt);
    while (!closed) {
      if (filters.limit() != null && delivered >= filters.limit()) {
        finish("limit");
        return null;
      }
      int n = attempt;
      Duration delay = wait;
      String why = cause;
      safely(() -> listener.onReconnect(n, delay, why));
      if (!pause(wait)) {
        return null;
      }
      try {
        return connect();
      } catch (TooManyRequestsException | ServiceUnavailableException e) {
        Duration retryAfter = e.retryAfter().orElse(Duration.ZERO);
        wait = max(backoff.delay(++attempt), retryAfter);
        cause = e.getMessage();
      } catch (TransportException e) {
        wait = backoff.delay(++attempt);
        cause = e.getMessage();
      } catch (ApiException e) {
        fail(e);
        return null;
      }
    }
    return null;
  }

  /** Reads one connection to its end. */
  private Outcome consume(HttpResponse<InputStream> response) {
    boolean progressed = false;
    current = response.body();
    lastActivity = System.nanoTime();
    try (InputStream in = response.body()) {
      if (closed) {
        return Outcome.DONE;
      }
      SseReader frames = new SseReader(in, () -> lastActivity = System.nanoTime());
      SseReader.Frame frame;
      while ((frame = frames.next()) != null) {
        switch (frame.event()) {
          case "logs" -> {
            if (!deliver(Http.JSON.readValue(frame.data(), EVENTS))) {
              return Outcome.DONE;
            }
            progressed = true;
          }
          case "complete" -> {
            JsonNode body = Http.JSON.readTree(frame.data());
            finish(body.path("reason").asText("end"));
            return Outcome.DONE;
          }
          case "error" -> {
            return new Outcome(
                "the server ended the stream: " + Http.message(frame.data(), 200), progressed);
          }
          default -> {} // unknown events are ignored
        }
      }
      return closed ? Outcome.DONE : new Outcome("the server closed the stream", progressed);
    } catch (IOException e) {
      return closed ? Outcome.DONE : new Outcome("connection lost: " + e, progressed);
    } finally {
      current = null;
    }
  }

  /** Hands new events to the listener; false when the subscription ended meanwhile. */
  private boolean deliver(List<LogEvent> events) {
    for (LogEvent event : events) {
      if (closed) {
        return false;
      }
      Long last = lastId;
      if (last != null && event.id() <= last) {
        continue; // already delivered before a reconnection
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        fail(new EmailLogsClientException("the stream listener failed: " + e, e));
        return false;
      }
      lastId = event.id();
      delivered++;
    }
    return true;
  }

  private void finish(String reason) {
    if (!closed) {
      closed = true;
      safely(() -> listener.onComplete(delivered, reason));
    }
  }

  private void fail(EmailLogsClientException error) {
    if (!closed) {
      closed = true;
      closeCurrent();
      safely(() -> listener.onError(error));
    }
  }

  private boolean pause(Duration wait) {
    try {
      return !closedSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Closes a connection that has been silent for the idle timeout: the reader reconnects. */
  private void checkIdle() {
    if (current != null && System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
      lastActivity = System.nanoTime();
      closeCurrent();
    }
  }

  private void closeCurrent() {
    InputStream in = current;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is all that is wanted
      }
    }
  }

  private static void safely(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException ignored) {
      // a listener's failure in a notification must not kill the reader
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** How a connection ended: {@code cause} null when the subscription is over. */
  private record Outcome(String cause, boolean progressed) {
    static final Outcome DONE = new Outcome(null, false);
  }
}
