package io.emaillogs.adapter.jersey;

import io.emaillogs.application.DeliveryStatsUseCase;
import io.emaillogs.application.DeliveryStatsUseCase.StatsRequest;
import io.emaillogs.application.EmailLogs;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /v1/email/stats}: delivery statistics. */
@Path("/v1/email/stats")
@Singleton
public final class StatsResource {
  private final DeliveryStatsUseCase stats;

  @Inject
  public StatsResource(EmailLogs logs) {
    this.stats = logs.deliveryStats();
  }

  @GET
  @CustomerApi
  public Response stats(@Context UriInfo uri, @Context ContainerRequestContext request) {
    long accountId = CustomerAuthFilter.account(request).id();
    var answer = stats.stats(new StatsRequest(accountId, QueryParameters.of(uri)));
    return Response.ok(ReportJson.stats(answer), Envelope.JSON).build();
  }
}
