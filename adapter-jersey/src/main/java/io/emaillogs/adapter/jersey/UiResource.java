package io.emaillogs.adapter.jersey;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The browser viewer: the static files under {@code /ui/} on the class path, served at {@code
 * /ui/...} by {@link StaticAssets} (content type, ETag, 304). No authentication here: the page
 * holds no data, it asks the API with the token the user pastes. {@link SecurityHeaders} adds the
 * Content-Security-Policy.
 */
@Path("/ui")
@Singleton
public final class UiResource {
  static final String ROOT = "/ui/";
  static final String CACHE_CONTROL = StaticAssets.CACHE_CONTROL;

  /** Lower-case path segments that cannot be {@code .} or {@code ..}, with a known extension. */
  private static final Pattern FILE =
      Pattern.compile("([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9._-]*\\.(html|js|css|svg|txt|png)");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "txt", "text/plain; charset=utf-8",
          "png", "image/png");

  private final StaticAssets assets = new StaticAssets(ROOT, FILE, TYPES);

  /** {@code /ui} without its slash: the page's relative links need {@code /ui/}. */
  @GET
  public Response index(@Context UriInfo uri, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    if (!uri.getRequestUri().getRawPath().endsWith("/")) {
      return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(ROOT)).build();
    }
    return assets.serve("index.html", tag);
  }

  @GET
  @Path("{file: .+}")
  public Response file(
      @PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    return assets.serve(file, tag);
  }
}
