package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.MessageTimelineUseCase;
import io.emaillogs.application.MessageTimelineUseCase.TimelineQuery;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /v1/email/logs/{refId}/events}: a message's timeline. */
@Path("/v1/email/logs/{refId}/events")
@Singleton
public final class TimelineResource {
  private final MessageTimelineUseCase timeline;

  @Inject
  public TimelineResource(EmailLogs logs) {
    this.timeline = logs.messageTimeline();
  }

  @GET
  @CustomerApi
  public Response timeline(
      @PathParam("refId") String refId,
      @Context UriInfo uri,
      @Context ContainerRequestContext request) {
    long accountId = CustomerAuthFilter.account(request).id();
    QueryParameters.noneExpected(uri);
    var answer = timeline.timeline(new TimelineQuery(accountId, refId));
    return Response.ok(ReportJson.timeline(answer), Envelope.JSON).build();
  }
}
