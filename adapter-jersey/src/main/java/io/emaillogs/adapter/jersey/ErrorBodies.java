package io.emaillogs.adapter.jersey;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Gives an error that Jersey answers itself without a body - a {@code Content-Type} it cannot parse
 * (a bad charset, a type without a subtype) is a 400 before any resource or exception mapper runs -
 * the API's envelope, with the status's reason as its message. An error that has a body keeps it.
 */
@Priority(Priorities.ENTITY_CODER)
final class ErrorBodies implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400 || response.hasEntity() || "HEAD".equals(request.getMethod())) {
      return;
    }
    Response.StatusType status = response.getStatusInfo();
    String reason = status.getReasonPhrase();
    String message =
        reason == null || reason.isBlank() ? "Error " + status.getStatusCode() : reason;
    byte[] body = Envelope.forPath(request.getUriInfo().getPath()).body(message);
    response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    response.setEntity(body);
  }
}
