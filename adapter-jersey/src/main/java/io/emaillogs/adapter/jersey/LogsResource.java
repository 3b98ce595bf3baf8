package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.SearchLogsUseCase;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /v1/email/logs}: one page of the caller's logs (SPEC section 4). */
@Path("/v1/email/logs")
@Singleton
public final class LogsResource {
  private final SearchLogsUseCase search;

  @Inject
  public LogsResource(EmailLogs logs) {
    this.search = logs.searchLogs();
  }

  @GET
  @CustomerApi
  public Response search(@Context UriInfo uri, @Context ContainerRequestContext request) {
    long accountId = CustomerAuthFilter.account(request).id();
    LogPage page = search.search(new SearchLogsQuery(accountId, QueryParameters.of(uri)));
    return Response.ok(JsonOutput.logPage(page), Envelope.JSON).build();
  }
}
