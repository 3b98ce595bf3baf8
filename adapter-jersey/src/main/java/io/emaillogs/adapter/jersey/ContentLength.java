package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Jersey's response buffering is off, so a stream's frames reach the client as they are written;
 * the JSON answers, all byte arrays, get their {@code Content-Length} here instead.
 */
final class ContentLength implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof byte[] body
        && !response.getHeaders().containsKey(HttpHeaders.CONTENT_LENGTH)) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, body.length);
    }
  }
}
