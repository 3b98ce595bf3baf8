package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code X-Content-Type-Options: nosniff} on every response; on the browser viewer's ({@code
 * /ui...}, errors included) a strict Content-Security-Policy (only the server's own scripts, styles
 * and connections: no inline script or style, no framing) and no referrer.
 */
final class SecurityHeaders implements ContainerResponseFilter {
  static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("X-Content-Type-Options", "nosniff");
    String path = request.getUriInfo().getPath();
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.equals("ui") || p.startsWith("ui/")) {
      headers.putSingle("Content-Security-Policy", CSP);
      headers.putSingle("Referrer-Policy", "no-referrer");
      headers.putSingle("X-Frame-Options", "DENY");
    }
  }
}
