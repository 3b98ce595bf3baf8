package io.emaillogs.adapter.jersey;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser viewer: the static files under {@code /ui/} on the class path, served at {@code
 * /ui/...} with their content type and an ETag ({@code Cache-Control: no-cache}: revalidated on
 * each load, answered 304 when unchanged). No authentication here: the page holds no data, it asks
 * the API with the token the user pastes. {@link SecurityHeaders} adds the Content-Security-Policy.
 */
@Path("/ui")
@Singleton
public final class UiResource {
  static final String ROOT = "/ui/";
  static final String CACHE_CONTROL = "no-cache";

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

  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  record Asset(byte[] body, String type, String etag) {}

  /** {@code /ui} without its slash: the page's relative links need {@code /ui/}. */
  @GET
  public Response index(@Context UriInfo uri, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    if (!uri.getRequestUri().getRawPath().endsWith("/")) {
      return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(ROOT)).build();
    }
    return serve("index.html", tag);
  }

  @GET
  @Path("{file: .+}")
  public Response file(
      @PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String tag) {
    return serve(file, tag);
  }

  private Response serve(String file, String ifNoneMatch) {
    Asset asset = find(file).orElseThrow(NotFoundException::new);
    if (ifNoneMatch != null && Arrays.asList(ifNoneMatch.split("\\s*,\\s*")).contains(asset.etag)) {
      return Response.notModified()
          .header(HttpHeaders.ETAG, asset.etag)
          .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
          .build();
    }
    return Response.ok(asset.body, asset.type)
        .header(HttpHeaders.ETAG, asset.etag)
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
        .build();
  }

  Optional<Asset> find(String file) {
    if (!FILE.matcher(file).matches()) {
      return Optional.empty();
    }
    Asset cached = cache.get(file);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Asset> loaded = load(file);
    loaded.ifPresent(a -> cache.put(file, a));
    return loaded;
  }

  private static Optional<Asset> load(String file) {
    try (InputStream in = UiResource.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      String extension = file.substring(file.lastIndexOf('.') + 1);
      return Optional.of(new Asset(body, TYPES.get(extension), etag(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + file, e);
    }
  }

  private static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12))
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }
}
