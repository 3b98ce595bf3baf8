package io.emaillogs.adapter.jersey;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /docs}: the API reference, the OpenAPI document ({@code /openapi.json}) rendered by
 * Redoc. Its standalone bundle is vendored at a pinned version under {@code /docs/} on the class
 * path with its licence ({@code /docs/redoc.standalone.js}, {@code /docs/redoc.LICENSE}), so the
 * page renders offline. No authentication. {@link SecurityHeaders} gives these paths a
 * Content-Security-Policy of their own.
 */
@Path("/docs")
@Singleton
public final class DocsResource {
  static final String ROOT = "/docs/";

  private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.(html|js|LICENSE)");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "LICENSE", "text/plain; charset=utf-8");

  private final StaticAssets assets = new StaticAssets(ROOT, FILE, TYPES);

  @GET
  public Response page(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    return assets.serve("index.html", tag);
  }

  @GET
  @Path("{file: [^/]+}")
  public Response file(
      @PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    return assets.serve(file, tag);
  }
}
