package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ListDomainsUseCase;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.account.SendingDomain;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /v1/domains}: the caller's sending domains, {@code
 * {"success":true,"domains":[{"domain":"...","verified":true}]}} (an addition to the SPEC, for
 * clients that offer a domain to stream; the query API's envelope and rules apply).
 */
@Path("/v1/domains")
@Singleton
public final class DomainsResource {
  private final ListDomainsUseCase domains;

  @Inject
  public DomainsResource(EmailLogs logs) {
    this.domains = logs.listDomains();
  }

  @GET
  @CustomerApi
  public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
    TreeSet<String> unknown = new TreeSet<>(QueryParameters.of(uri).keySet());
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException("Invalid query parameter: " + unknown.first());
    }
    long accountId = CustomerAuthFilter.account(request).id();
    return Response.ok(json(domains.list(accountId)), Envelope.JSON).build();
  }

  static byte[] json(List<SendingDomain> list) {
    return JsonOutput.write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("domains");
          for (SendingDomain d : list) {
            g.writeStartObject();
            g.writeStringField("domain", d.domain());
            g.writeBooleanField("verified", d.verified());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
