package io.emaillogs.app;

import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpMetrics;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running email-logs server: the use cases, their HTTP server, and what they run on. {@link
 * #close} stops the HTTP server first (open streams end with an {@code error} event), then the
 * other resources in the order given (background jobs, then the stores).
 */
public final class EmailLogsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmailLogsServer.class);

  /** How often the retention job runs. */
  static final Duration RETENTION_EVERY = Duration.ofHours(1);

  private final EmailLogs logs;
  private final EmailLogsHttpServer http;
  private final List<AutoCloseable> resources;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private EmailLogsServer(EmailLogs logs, EmailLogsHttpServer http, List<AutoCloseable> resources) {
    this.logs = logs;
    this.http = http;
    this.resources = resources;
  }

  /**
   * Opens the configured stores (migrating the schema), wires the use cases and starts serving. The
   * port is opened only once the migrations are done: until then the server is not listening, which
   * a load balancer's readiness check sees as not ready.
   */
  public static EmailLogsServer start(ServerConfig config, Clock clock) throws IOException {
    ServerMetrics metrics = ServerMetrics.create();
    LOG.info(
        "store: {} {}: opening{}",
        config.storeKind(),
        StoreKind.describe(config.db()),
        config.storeKind() == StoreKind.MEMORY
            ? ""
            : " (the schema is migrated before the port opens)");
    Stores stores;
    try {
      stores =
          Stores.open(config.db(), config.dbUser(), config.dbPassword(), clock, metrics.registry());
    } catch (RuntimeException | Error e) {
      metrics.close();
      throw e;
    }
    List<AutoCloseable> resources = new ArrayList<>();
    EmailLogs logs;
    try {
      logs =
          EmailLogs.builder()
              .store(stores.logStore())
              .directory(stores.directory())
              .rateLimiter(stores.rateLimiter())
              .clock(clock)
              .settings(config.settings())
              .pageTokenSecret(config.cursorSecretBytes())
              .adminToken(config.adminToken())
              .build();
      if (!config.retention().isZero()) {
        resources.add(stores.startRetention(clock, config.retention(), RETENTION_EVERY));
      }
    } catch (RuntimeException | Error e) {
      resources.add(stores);
      resources.add(metrics);
      closeAll(resources);
      throw e;
    }
    resources.add(stores);
    resources.add(metrics);
    LOG.info(
        "store: {} {} ready; operator API and /metrics {}",
        stores.kind(),
        StoreKind.describe(config.db()),
        config.adminToken() == null ? "off (no --admin-token)" : "on");
    LOG.info(
        "limits: {} requests/min per account, {} streams per account, {} streams per server,"
            + " head timeout {} s, max body {} bytes, retention {}",
        config.requestsPerMinute(),
        config.maxStreams(),
        config.maxServerStreams(),
        config.headTimeout().toSeconds(),
        config.maxBodyBytes(),
        config.retention().isZero() ? "off" : config.retention().toDays() + " days");
    return launch(logs, config.http(), metrics.http(), resources);
  }

  /**
   * Starts serving {@code logs}; {@code resources} are closed, in order, after the HTTP server.
   * When the server cannot start they are closed too.
   */
  public static EmailLogsServer launch(
      EmailLogs logs, String host, int port, List<AutoCloseable> resources) throws IOException {
    return launch(logs, new HttpOptions(host, port), resources);
  }

  /**
   * Starts serving {@code logs} with {@code options}; see {@link #launch(EmailLogs, String, int,
   * List)}.
   */
  public static EmailLogsServer launch(
      EmailLogs logs, HttpOptions options, List<AutoCloseable> resources) throws IOException {
    ServerMetrics metrics = ServerMetrics.create();
    List<AutoCloseable> all = new ArrayList<>(resources);
    all.add(metrics);
    return launch(logs, options, metrics.http(), all);
  }

  /**
   * Starts serving {@code logs} with {@code options}, measuring into {@code metrics}; see {@link
   * #launch(EmailLogs, String, int, List)}.
   */
  public static EmailLogsServer launch(
      EmailLogs logs, HttpOptions options, HttpMetrics metrics, List<AutoCloseable> resources)
      throws IOException {
    EmailLogsHttpServer http;
    try {
      http = EmailLogsHttpServer.start(logs, options, metrics);
    } catch (IOException | RuntimeException | Error e) {
      closeAll(resources);
      throw e;
    }
    LOG.info("listening on port {} ({})", http.port(), options.host());
    return new EmailLogsServer(logs, http, List.copyOf(resources));
  }

  public EmailLogs logs() {
    return logs;
  }

  /** The port accepting connections (the chosen one when 0 was asked). */
  public int port() {
    return http.port();
  }

  /** The address to print: {@code http://<host>:<port>} (127.0.0.1 for a wildcard host). */
  public String address() {
    String uri = http.baseUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops serving and releases everything; idempotent, safe from a shutdown hook. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down");
    try {
      try {
        http.close();
      } catch (RuntimeException e) {
        LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
      }
      closeAll(resources);
      LOG.info("stopped");
    } finally {
      stopped.countDown();
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("could not close {}: {}", resource, e.toString());
      }
    }
  }
}
