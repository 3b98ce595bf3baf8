package io.emaillogs.app;

import io.emaillogs.adapter.jersey.HttpMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one metrics registry (Prometheus), with the JVM's meters bound: memory, GC,
 * threads, class loading, CPU and uptime. The adapters get it through their own APIs: {@link
 * #http()} for the HTTP server, {@link #registry()} for the Jdbi store's pool. Closing stops the GC
 * listener and closes the registry.
 */
public final class ServerMetrics implements AutoCloseable {
  /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  private ServerMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("application", "email-logs");
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** A fresh registry with the JVM meters bound. */
  public static ServerMetrics create() {
    return new ServerMetrics();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The HTTP server's meters, exposed at {@code GET /metrics}. */
  public HttpMetrics http() {
    return HttpMetrics.exposed(registry, registry::scrape, CONTENT_TYPE);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
