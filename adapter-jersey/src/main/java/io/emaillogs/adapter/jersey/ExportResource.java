package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ExportLogsUseCase;
import io.emaillogs.application.ExportLogsUseCase.Export;
import io.emaillogs.application.ExportLogsUseCase.ExportRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedOutputStream;
import java.io.OutputStream;

/**
 * {@code GET /v1/email/logs/export}: the export is opened (validated, a stream slot reserved) on
 * the request thread before anything is committed, so its refusals are plain JSON errors; the logs
 * are then written by a {@link StreamingOutput} through a small buffer, with Grizzly's bounded
 * write queue as the backpressure, and the slot is freed when the walk ends or the client leaves.
 */
@Path("/v1/email/logs/export")
@Singleton
public final class ExportResource {
  private static final int BUFFER = 32 * 1024;

  private final ExportLogsUseCase exports;

  @Inject
  public ExportResource(EmailLogs logs) {
    this.exports = logs.exportLogs();
  }

  @GET
  @CustomerApi
  public Response export(@Context UriInfo uri, @Context ContainerRequestContext request) {
    long accountId = CustomerAuthFilter.account(request).id();
    Export export = exports.open(new ExportRequest(accountId, QueryParameters.of(uri)));
    String file = "email-logs." + export.format().wireName();
    if ("HEAD".equals(request.getMethod())) { // Jersey would drop the body unwritten: free the slot
      export.close();
      return Response.ok()
          .type(ExportWriter.mediaType(export.format()))
          .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
          .build();
    }
    StreamingOutput body =
        (OutputStream out) -> {
          try (export;
              BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
              ExportWriter writer = ExportWriter.of(export.format(), buffered)) {
            export.writeTo(writer);
          }
        };
    return Response.ok(body, ExportWriter.mediaType(export.format()))
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }
}
