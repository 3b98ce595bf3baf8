package io.emaillogs.client;

import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client of one email-logs server for one customer token: {@link #logs} (any created range, paged
 * and split into 7-day windows), {@link #timeline}, {@link #stats}, {@link #export}, {@link
 * #exportCsv} and the resuming live {@link #stream}. Every call is a GET with {@code Authorization:
 * Bearer <token>}; a 429 or 503 is retried after {@code Retry-After} as the {@link RetryPolicy}
 * allows; an error answer is thrown as its {@link ApiException} with the server's status and
 * message; no answer at all is a {@link TransportException}. Thread-safe; {@link #close} stops the
 * stream watchdog timer (open subscriptions keep their connection until closed).
 */
public final class EmailLogsClient implements AutoCloseable {
  private final Http http;
  private final Subscription.Backoff backoff;
  private final Duration idleTimeout;
  private final ScheduledExecutorService timer;

  private EmailLogsClient(Builder b) {
    HttpClient client =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .build();
    this.http = new Http(client, b.baseUri, b.token, b.retry, b.sleeper, b.requestTimeout);
    this.backoff = new Subscription.Backoff(b.backoffInitial, b.backoffMax);
    this.idleTimeout = b.idleTimeout;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "email-logs-client-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /** A builder for the server at {@code baseUri} (e.g. {@code http://127.0.0.1:8080}). */
  public static Builder builder(URI baseUri, String token) {
    return new Builder(baseUri, token);
  }

  /**
   * The logs of {@code query}, newest first, read lazily a page at a time ({@code GET
   * /v1/email/logs}, following {@code nextPageToken}). A created window of any length is read as
   * consecutive windows of at most 7 days, with no duplicate and no gap at their edges. Close the
   * stream when leaving it early (nothing is held open between pages, so it costs nothing).
   *
   * @throws ApiException from the stream's operations, when a page is refused
   */
  public Stream<EmailLog> logs(LogQuery query) {
    Objects.requireNonNull(query, "query");
    return stream(new LogPages(http, query));
  }

  /**
   * The timeline of one message ({@code GET /v1/email/logs/{refId}/events}).
   *
   * @throws NotFoundException {@code email log not found}
   * @throws BadRequestException {@code invalid refId}
   */
  public Timeline timeline(String refId) {
    Objects.requireNonNull(refId, "refId");
    return http.getJson(
        "/v1/email/logs/" + Http.encode(refId) + "/events", Map.of(), Timeline.class);
  }

  /** Delivery statistics ({@code GET /v1/email/stats}). */
  public DeliveryStats stats(StatsQuery query) {
    Objects.requireNonNull(query, "query");
    return http.getJson("/v1/email/stats", query.parameters(), DeliveryStats.class);
  }

  /**
   * Every log of {@code query} in one streamed export ({@code GET
   * /v1/email/logs/export?format=ndjson}), newest first, parsed as it arrives. The created window
   * is sent as it is (at most 93 days; without one, the last 7 days). The export holds one of the
   * account's stream slots until the returned stream is closed or read to its end: use
   * try-with-resources.
   */
  public Stream<EmailLog> export(LogQuery query) {
    HttpResponse<InputStream> response =
        http.get("/v1/email/logs/export", exportParameters(query, "ndjson"), null, "*/*");
    InputStream body = response.body();
    try {
      MappingIterator<EmailLog> logs = Http.JSON.readerFor(EmailLog.class).readValues(body);
      return stream(logs).onClose(() -> closeQuietly(body));
    } catch (IOException e) {
      closeQuietly(body);
      throw new TransportException("could not read the export: " + e, e);
    }
  }

  /**
   * Copies the CSV export of {@code query} ({@code format=csv}: a header row, RFC 4180 quoting,
   * CRLF line ends) to {@code out}; returns the bytes copied. {@code out} is not closed.
   */
  public long exportCsv(LogQuery query, OutputStream out) {
    HttpResponse<InputStream> response =
        http.get("/v1/email/logs/export", exportParameters(query, "csv"), null, "*/*");
    try (InputStream body = response.body()) {
      return body.transferTo(out);
    } catch (IOException e) {
      throw new TransportException("the CSV export was cut: " + e, e);
    }
  }

  /**
   * Subscribes to the live stream of the sending domain {@code domain} ({@code GET
   * /api/domains/{domain}/log/stream}); events go to {@code listener} on the subscription's own
   * thread, each once and in order, across reconnections (see {@link Subscription}). The first
   * connection is made before this returns.
   *
   * @throws NotFoundException {@code Domain not found or you do not own this domain}
   * @throws BadRequestException a filter the server refused
   * @throws IllegalStateException after {@link #close}
   */
  public Subscription stream(String domain, StreamFilters filters, StreamListener listener) {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(listener, "listener");
    if (timer.isShutdown()) {
      throw new IllegalStateException("the client is closed");
    }
    return Subscription.open(http, domain, filters, listener, backoff, idleTimeout, timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static Map<String, String> exportParameters(LogQuery query, String format) {
    Map<String, String> p = new LinkedHashMap<>(query.filterParameters());
    if (query.createdFrom() != null) {
      p.put("startCreatedAt", query.createdFrom().toString());
      p.put("endCreatedAt", query.createdTo().toString());
    }
    p.put("format", format);
    return p;
  }

  private static <T> Stream<T> stream(Iterator<T> iterator) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings of an {@link EmailLogsClient}; every one has a default. */
  public static final class Builder {
    private final URI baseUri;
    private final String token;
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration backoffInitial = Duration.ofMillis(250);
    private Duration backoffMax = Duration.ofSeconds(15);
    private Duration idleTimeout = Duration.ofSeconds(45);
    private Sleeper sleeper = Sleeper.REAL;

    private Builder(URI baseUri, String token) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      this.token = Objects.requireNonNull(token, "token");
    }

    /** Retries of a call answered 429 or 503 (default: 3, waits up to 1 minute). */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Time to connect (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Time to an answer's headers (default 30 s); a body, an export or a stream may take longer.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Delays between stream reconnections: {@code initial}, doubled after each failed attempt, up
     * to {@code max} (default 250 ms to 15 s).
     */
    public Builder streamBackoff(Duration initial, Duration max) {
      this.backoffInitial = Objects.requireNonNull(initial, "initial");
      this.backoffMax = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * A stream connection silent this long (not even a keep-alive, which the server sends at least
     * every 15 s) is taken for dropped and reconnected (default 45 s).
     */
    public Builder streamIdleTimeout(Duration timeout) {
      this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The JDK client to use instead of one of HTTP/1.1 with the connect timeout. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public EmailLogsClient build() {
      return new EmailLogsClient(this);
    }
  }
}
