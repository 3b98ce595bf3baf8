package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** {@code GET /health}: 200 {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}; no auth. */
@Path("/health")
@Singleton
public final class HealthResource {
  private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DOWN = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);

  private final EmailLogs logs;

  @Inject
  public HealthResource(EmailLogs logs) {
    this.logs = logs;
  }

  @GET
  public Response health() {
    boolean up = logs.isHealthy();
    return Response.status(up ? 200 : 503)
        .type(Envelope.JSON)
        .header("Cache-Control", "no-store")
        .entity(up ? UP : DOWN)
        .build();
  }
}
