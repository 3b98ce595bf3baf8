package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code X-Content-Type-Options: nosniff} on every response; on the browser viewer's ({@code
 * /ui...}, errors included) a strict Content-Security-Policy (only the server's own scripts, styles
 * and connections: no inline script or style, no framing) and no referrer. The API reference
 * ({@code /docs...}) gets the same policy but for styles: Redoc (styled-components) writes its CSS
 * into {@code <style>} elements at run time, so {@code style-src} allows inline styles there (and
 * there only); its scripts stay the server's own (no {@code eval}: Redoc's search then runs without
 * its worker), images and fonts may be {@code data:} URLs, and every other origin is refused (Redoc
 * 3.0.1 asks for a logo on its CDN and sends telemetry: both are blocked here).
 */
final class SecurityHeaders implements ContainerResponseFilter {
  static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  static final String DOCS_CSP =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " font-src 'self' data:; worker-src 'self' blob:; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("X-Content-Type-Options", "nosniff");
    String path = request.getUriInfo().getPath();
    String p = path.startsWith("/") ? path.substring(1) : path;
    boolean ui = p.equals("ui") || p.startsWith("ui/");
    boolean docs = p.equals("docs") || p.startsWith("docs/");
    if (ui || docs) {
      headers.putSingle("Content-Security-Policy", ui ? CSP : DOCS_CSP);
      headers.putSingle("Referrer-Policy", "no-referrer");
      headers.putSingle("X-Frame-Options", "DENY");
    }
  }
}
