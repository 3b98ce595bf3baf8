package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /ready}: readiness, for a load balancer. 200 {@code {"status":"READY"}} when the store
 * answers a cheap check (bounded by the pool's connection timeout, 1 s), 503 {@code
 * {"status":"NOT_READY"}} with {@code Retry-After: 1} while it cannot be reached, or when the
 * server began to stop while this request was under way (requests arriving after that are answered
 * 503 by {@link RequestGuard}). No auth. {@code /health} is the liveness check of the
 * specification.
 */
@Path("/ready")
@Singleton
public final class ReadyResource {
  private static final byte[] READY = "{\"status\":\"READY\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_READY =
      "{\"status\":\"NOT_READY\"}".getBytes(StandardCharsets.UTF_8);

  private final EmailLogs logs;
  private final Draining draining;

  @Inject
  public ReadyResource(EmailLogs logs, Draining draining) {
    this.logs = logs;
    this.draining = draining;
  }

  @GET
  public Response ready() {
    boolean ready = !draining.isDraining() && logs.isHealthy();
    Response.ResponseBuilder response =
        Response.status(ready ? 200 : 503)
            .type(Envelope.JSON)
            .header("Cache-Control", "no-store")
            .entity(ready ? READY : NOT_READY);
    if (!ready) {
      response.header("Retry-After", 1);
    }
    return response.build();
  }
}
