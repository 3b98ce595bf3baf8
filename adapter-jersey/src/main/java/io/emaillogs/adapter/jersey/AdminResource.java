package io.emaillogs.adapter.jersey;

import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.NotFoundException;
import io.emaillogs.application.ProvisioningUseCase;
import io.emaillogs.application.ProvisioningUseCase.NewKey;
import io.emaillogs.application.RecordEventsUseCase;
import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.SendingDomain;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * The operator API (SPEC section 7). {@link AdminGate} has checked the admin token before any of
 * these runs. Bodies are JSON whatever their Content-Type, except {@code POST /admin/events}, which
 * reads NDJSON when the type is {@code application/x-ndjson}.
 */
@Path("/admin")
@Singleton
public final class AdminResource {
  static final MediaType NDJSON = new MediaType("application", "x-ndjson");
  static final String ACCOUNT_NOT_FOUND = "Account not found";

  private final ProvisioningUseCase provisioning;
  private final RecordEventsUseCase record;
  private final long maxBodyBytes;
  private final HttpMetrics metrics;

  @Inject
  public AdminResource(EmailLogs logs, HttpOptions options, HttpMetrics metrics) {
    this.provisioning = logs.provisioning();
    this.record = logs.recordEvents();
    this.maxBodyBytes = options.maxBodyBytes();
    this.metrics = metrics;
  }

  @POST
  @Path("accounts")
  public Response createAccount(InputStream body) {
    Account account =
        provisioning.createAccount(
            JsonInput.createAccount(JsonInput.object(BodyLimit.of(body, maxBodyBytes), false)));
    return created(
        g -> {
          g.writeStartObject();
          g.writeNumberField("accountId", account.id());
          g.writeNumberField("tenantId", account.tenantId());
          g.writeStringField("name", account.name());
          g.writeEndObject();
        });
  }

  @POST
  @Path("accounts/{id}/keys")
  public Response createKey(@PathParam("id") String id, InputStream body) {
    long accountId = accountId(id);
    String name = JsonInput.keyName(JsonInput.object(BodyLimit.of(body, maxBodyBytes), true));
    NewKey key = provisioning.createKey(accountId, name);
    return created(
        g -> {
          g.writeStartObject();
          g.writeStringField("keyId", key.keyId());
          g.writeStringField("token", key.token());
          g.writeEndObject();
        });
  }

  @DELETE
  @Path("accounts/{id}/keys/{keyId}")
  public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
    provisioning.revokeKey(accountId(id), keyId);
    return Response.noContent().build();
  }

  @POST
  @Path("accounts/{id}/domains")
  public Response registerDomain(@PathParam("id") String id, InputStream body) {
    long accountId = accountId(id);
    JsonInput.DomainBody request =
        JsonInput.domain(JsonInput.object(BodyLimit.of(body, maxBodyBytes), false));
    SendingDomain domain =
        provisioning.registerDomain(accountId, request.domain(), request.verified());
    return created(
        g -> {
          g.writeStartObject();
          g.writeStringField("domain", domain.domain());
          g.writeBooleanField("verified", domain.verified());
          g.writeEndObject();
        });
  }

  @POST
  @Path("events")
  public Response ingest(@Context HttpHeaders headers, InputStream body) {
    MediaType type = headers.getMediaType();
    InputStream limited = BodyLimit.of(body, maxBodyBytes);
    List<RawEvent> events =
        type != null && type.isCompatible(NDJSON)
            ? JsonInput.eventsNdjson(limited)
            : JsonInput.eventsArray(limited);
    AppendResult result = record.record(events);
    metrics.ingested(result.accepted(), result.duplicates());
    byte[] answer =
        JsonOutput.write(
            g -> {
              g.writeStartObject();
              g.writeNumberField("accepted", result.accepted());
              g.writeNumberField("duplicates", result.duplicates());
              g.writeEndObject();
            });
    return Response.accepted().type(Envelope.JSON).entity(answer).build();
  }

  /** An account id from the path; anything that cannot be one names no account. */
  static long accountId(String raw) {
    if (raw == null || !raw.matches("[0-9]{1,18}")) {
      throw new NotFoundException(ACCOUNT_NOT_FOUND);
    }
    return Long.parseLong(raw);
  }

  private static Response created(JsonOutput.Body body) {
    return Response.status(201).type(Envelope.JSON).entity(JsonOutput.write(body)).build();
  }
}
