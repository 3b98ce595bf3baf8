package io.emaillogs.adapter.jersey;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the registry's text (Prometheus exposition format), to the operator token:
 * {@link AdminGate} guards it as the operator API (404 when no admin token is configured, 401
 * without the token). 404 also when the server was started without an exposed registry.
 */
@Path("/metrics")
@Singleton
public final class MetricsResource {
  private final HttpMetrics metrics;

  @Inject
  public MetricsResource(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  @GET
  public Response scrape() {
    if (!metrics.exposed()) {
      return Envelope.PLAIN.error(404, ErrorMappers.NOT_FOUND).build();
    }
    return Response.ok(metrics.scrape().getBytes(StandardCharsets.UTF_8))
        .type(metrics.contentType())
        .header("Cache-Control", "no-store")
        .build();
  }
}
