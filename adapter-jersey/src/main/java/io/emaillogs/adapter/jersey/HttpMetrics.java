package io.emaillogs.adapter.jersey;

import io.emaillogs.application.StreamLogsUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the HTTP server measures, and where: a Micrometer registry the caller owns (the app creates
 * a Prometheus one) and, optionally, the text {@code GET /metrics} answers. The meters:
 *
 * <ul>
 *   <li>{@code http.server.requests} (timer, histogram buckets from 5 ms to 10 s): tags {@code
 *       method}, {@code route} (the JAX-RS template, {@code unmatched} when none matched) and
 *       {@code status}; a stream is timed from its request to its end;
 *   <li>{@code email_logs.rate_limited} (counter): the 429 answers, by {@code route};
 *   <li>{@code email_logs.events.ingested} (counter): ingested events, {@code result} {@code
 *       accepted} or {@code duplicate};
 *   <li>{@code email_logs.stream.events.sent} (counter): events written to streams;
 *   <li>{@code email_logs.streams.open} and {@code email_logs.streams.live_queue_depth} (gauges).
 * </ul>
 *
 * Thread-safe.
 */
public final class HttpMetrics {
  /** The route tag of a request no resource matched (never the raw path: bounded cardinality). */
  static final String UNMATCHED = "unmatched";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Supplier<String> scrape;
  private final String contentType;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter streamEvents;

  private HttpMetrics(MeterRegistry registry, Supplier<String> scrape, String contentType) {
    this.registry = registry;
    this.scrape = scrape;
    this.contentType = contentType;
    this.accepted =
        Counter.builder("email_logs.events.ingested")
            .description("Events ingested through POST /admin/events")
            .tag("result", "accepted")
            .register(registry);
    this.duplicates =
        Counter.builder("email_logs.events.ingested")
            .description("Events ingested through POST /admin/events")
            .tag("result", "duplicate")
            .register(registry);
    this.streamEvents =
        Counter.builder("email_logs.stream.events.sent")
            .description("Events written to open streams")
            .register(registry);
  }

  /**
   * Measures into {@code registry}; {@code GET /metrics} answers {@code scrape.get()} with {@code
   * contentType}, to the operator token (as the operator API).
   */
  public static HttpMetrics exposed(
      MeterRegistry registry, Supplier<String> scrape, String contentType) {
    return new HttpMetrics(
        Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(scrape, "scrape"),
        Objects.requireNonNull(contentType, "contentType"));
  }

  /** Measures into {@code registry}; {@code GET /metrics} is 404 (the caller exposes it). */
  public static HttpMetrics recordOnly(MeterRegistry registry) {
    return new HttpMetrics(Objects.requireNonNull(registry, "registry"), null, null);
  }

  /** Measures nothing anyone can read; {@code GET /metrics} is 404. */
  public static HttpMetrics none() {
    return recordOnly(new CompositeMeterRegistry());
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  boolean exposed() {
    return scrape != null;
  }

  String scrape() {
    return scrape.get();
  }

  String contentType() {
    return contentType;
  }

  /**
   * The method as a tag: the standard ones as they are, any other {@code OTHER}, so a client cannot
   * make up new series.
   */
  static String method(String method) {
    return METHODS.contains(method) ? method : "OTHER";
  }

  void request(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests, by route template and status")
        .tag("method", method(method))
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
    if (status == 429) {
      Counter.builder("email_logs.rate_limited")
          .description("Requests refused by the rate limiter or the stream-slot limit (429)")
          .tag("route", route)
          .register(registry)
          .increment();
    }
  }

  void ingested(long acceptedEvents, long duplicateEvents) {
    accepted.increment(acceptedEvents);
    duplicates.increment(duplicateEvents);
  }

  void streamEvents(int count) {
    streamEvents.increment(count);
  }

  /** The gauges of the stream machinery of {@code streams}. */
  void bindStreams(StreamLogsUseCase streams) {
    Gauge.builder("email_logs.streams.open", streams, StreamLogsUseCase::openStreams)
        .description("Streams open in this process")
        .register(registry);
    Gauge.builder("email_logs.streams.live_queue_depth", streams, s -> s.liveQueueDepth())
        .description("Live events queued for the clients of open streams")
        .register(registry);
  }
}
