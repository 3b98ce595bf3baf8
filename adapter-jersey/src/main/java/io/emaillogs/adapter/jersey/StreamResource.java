package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.StreamLogsUseCase;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/domains/{domain}/log/stream} (SPEC section 5). The stream is opened here, on the
 * request thread, before anything is committed, so its refusals are plain JSON errors; it then runs
 * on a {@link StreamRunner} thread.
 */
@Path("/api/domains/{domain}/log/stream")
@Singleton
public final class StreamResource {
  private final StreamLogsUseCase streams;
  private final StreamRunner runner;

  @Inject
  public StreamResource(EmailLogs logs, StreamRunner runner) {
    this.streams = logs.streamLogs();
    this.runner = runner;
  }

  @GET
  @CustomerApi
  public void stream(
      @PathParam("domain") String domain,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context UriInfo uri,
      @Context ContainerRequestContext request,
      @Suspended AsyncResponse response) {
    if (runner.isClosing()) {
      response.resume(StreamRunner.shuttingDown());
      return;
    }
    long accountId = CustomerAuthFilter.account(request).id();
    LogStream stream;
    try {
      stream =
          streams.open(new OpenStream(accountId, domain, QueryParameters.of(uri), lastEventId));
    } catch (IllegalStateException e) {
      if (runner.isClosing()) { // open() raced with shutdown
        response.resume(StreamRunner.shuttingDown());
        return;
      }
      throw e;
    }
    runner.run(stream, response);
  }
}
