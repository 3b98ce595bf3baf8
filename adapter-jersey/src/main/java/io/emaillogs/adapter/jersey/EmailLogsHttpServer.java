package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service of email-logs on Grizzly and Jersey: the query API, the SSE stream, the operator
 * API and {@code /health} (SPEC sections 3-8), the caller's domains ({@code /v1/domains}), the
 * browser viewer's static files ({@code /ui/}), the OpenAPI document ({@code /openapi.json}, {@code
 * /openapi.yaml}) and its rendering ({@code /docs}), {@code /ready} and {@code /metrics}. Every
 * request is measured ({@link HttpMetrics}) and logged ({@code io.emaillogs.access}) by route
 * template.
 *
 * <p>Threads: short requests run on Grizzly's worker pool ({@value #WORKER_THREADS} threads). Open
 * streams hold no thread: {@link StreamHandler} suspends their responses and the stream use case
 * writes to them from its few shared workers, only when Grizzly says the connection can take more
 * ({@value #MAX_PENDING_BYTES} bytes pending at most, plus one frame), so a stream's memory is
 * bounded whatever its length and a client that never reads costs a buffer, not a thread.
 */
public final class EmailLogsHttpServer implements AutoCloseable {
  static final int WORKER_THREADS = 16;
  static final int MAX_PENDING_BYTES = 64 * 1024;
  static final long GRACE_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(EmailLogsHttpServer.class);

  private final EmailLogs logs;
  private final HttpServer server;
  private final InFlightRequests inFlight;
  private final HeadTimeout headTimeout;
  private final Draining draining;
  private final URI baseUri;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmailLogsHttpServer(
      EmailLogs logs,
      HttpServer server,
      InFlightRequests inFlight,
      HeadTimeout headTimeout,
      Draining draining,
      String host,
      int port) {
    this.logs = logs;
    this.server = server;
    this.inFlight = inFlight;
    this.headTimeout = headTimeout;
    this.draining = draining;
    this.port = port;
    this.baseUri = URI.create("http://" + uriHost(host) + ":" + port + "/");
  }

  /**
   * Starts Grizzly + Jersey serving all endpoints of {@code logs}, measuring nothing; returns once
   * it accepts.
   */
  public static EmailLogsHttpServer start(EmailLogs logs, HttpOptions options) throws IOException {
    return start(logs, options, HttpMetrics.none());
  }

  /**
   * Starts Grizzly + Jersey serving all endpoints of {@code logs}, measuring into {@code metrics}
   * (and serving them at {@code GET /metrics} when exposed); returns once it accepts.
   */
  public static EmailLogsHttpServer start(EmailLogs logs, HttpOptions options, HttpMetrics metrics)
      throws IOException {
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    DisconnectLogFilter.install();
    InFlightRequests inFlight = new InFlightRequests();
    Draining draining = new Draining();
    URI bindUri = URI.create("http://" + bracketed(options.host()) + ":" + options.port() + "/");
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            bindUri,
            application(logs, options, draining, metrics)
                .register(inFlight)
                .register(new RequestObserver(metrics)),
            false);
    guard(server.getServerConfiguration(), logs, draining, metrics);
    metrics.bindStreams(logs.streamLogs());
    NetworkListener listener = server.getListeners().iterator().next();
    listener.registerAddOn(new CodecErrors()); // first: it replaces the codec the next looks up
    HeadTimeout headTimeout = HeadTimeout.of(options.headTimeout());
    listener.registerAddOn(headTimeout);
    listener
        .getTransport()
        .getAsyncQueueIO()
        .getWriter()
        .setMaxPendingBytesPerConnection(MAX_PENDING_BYTES);
    listener
        .getTransport()
        .setWorkerThreadPoolConfig(
            ThreadPoolConfig.defaultConfig()
                .setPoolName("email-logs-http")
                .setCorePoolSize(WORKER_THREADS)
                .setMaxPoolSize(WORKER_THREADS));
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      server.shutdownNow();
      headTimeout.shutdown();
      throw e;
    }
    return new EmailLogsHttpServer(
        logs, server, inFlight, headTimeout, draining, options.host(), listener.getPort());
  }

  static ResourceConfig application(
      EmailLogs logs, HttpOptions options, Draining draining, HttpMetrics metrics) {
    ResourceConfig config =
        new ResourceConfig()
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            // every JSON shape is written and read here, by hand: no provider may step in
            .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_SERVER, true)
            // unbuffered, so each SSE frame leaves on flush (JSON answers get Content-Length)
            .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0)
            .register(
                new AbstractBinder() {
                  @Override
                  protected void configure() {
                    bind(logs).to(EmailLogs.class);
                    bind(options).to(HttpOptions.class);
                    bind(draining).to(Draining.class);
                    bind(metrics).to(HttpMetrics.class);
                  }
                })
            .register(LogsResource.class)
            .register(ExportResource.class)
            .register(TimelineResource.class)
            .register(StatsResource.class)
            .register(AdminResource.class)
            .register(HealthResource.class)
            .register(ReadyResource.class)
            .register(MetricsResource.class)
            .register(DomainsResource.class)
            .register(UiResource.class)
            .register(DocsResource.class)
            .register(OpenApiResource.load())
            .register(new ContentLength())
            .register(new SecurityHeaders())
            .register(new ErrorBodies())
            .register(new CustomerAuthFilter(logs.access()))
            .register(new CustomerAuthFilter.LimitHeaders())
            .register(new AdminGate(logs.access()));
    for (Object mapper : ErrorMappers.all()) {
      config.register(mapper);
    }
    return config;
  }

  /**
   * Puts {@link RequestGuard} and the {@link StreamHandler} in front of Jersey's handler, at the
   * same mapping.
   */
  private static void guard(
      ServerConfiguration config, EmailLogs logs, Draining draining, HttpMetrics metrics) {
    config.setDefaultErrorPageGenerator(RequestGuard.ERROR_PAGES);
    Map<HttpHandler, HttpHandlerRegistration[]> handlers =
        new HashMap<>(config.getHttpHandlersWithMapping());
    handlers.forEach(
        (handler, mapping) -> {
          config.removeHttpHandler(handler);
          config.addHttpHandler(
              new RequestGuard(
                  new StreamHandler(handler, logs.access(), logs.streamLogs(), metrics), draining),
              mapping);
        });
  }

  /** The bound port (the real one when 0 was asked). */
  public int port() {
    return port;
  }

  /** {@code http://<host>:<port>/}; a wildcard host is given as 127.0.0.1. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * Stops accepting requests (new connections are refused; a new request on a kept-alive one is 503
   * {@code service unavailable} with {@code Connection: close}, and {@code /ready} says 503), ends
   * open streams with an {@code error} event, lets the requests already running finish, and stops
   * Grizzly after a grace period of at most five seconds. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    draining.begin();
    for (NetworkListener listener : server.getListeners()) {
      listener.getTransport().unbindAll(); // no new connections from here on
    }
    logs.streamLogs().shutdown(); // each open stream sends its error event and ends
    try {
      if (!inFlight.awaitIdle(remainingMillis(deadline))) {
        LOG.warn(
            "{} request(s) still running after {} ms; stopping anyway",
            inFlight.count(),
            GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      awaitStreams(deadline);
      server.shutdownNow();
      headTimeout.shutdown();
    }
  }

  /** Gives the streams' final frames until the deadline to leave. */
  private void awaitStreams(long deadlineNanos) {
    while (logs.streamLogs().openStreams() > 0 && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private static String uriHost(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
        ? "127.0.0.1"
        : bracketed(host);
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
