package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The static files of one class-path folder, read once and cached, served with their content type
 * and an ETag ({@code Cache-Control: no-cache}: revalidated on each load, answered 304 when
 * unchanged). Only names matching the folder's pattern are looked up, so no path can climb out of
 * it. Thread-safe.
 */
final class StaticAssets {
  static final String CACHE_CONTROL = "no-cache";

  private final String root;
  private final Pattern names;
  private final Map<String, String> types;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  record Asset(byte[] body, String type, String etag) {}

  /**
   * @param root the class-path folder, with a leading and a trailing slash
   * @param names the file names served (relative to {@code root})
   * @param types the content type of each extension {@code names} allows
   */
  StaticAssets(String root, Pattern names, Map<String, String> types) {
    this.root = root;
    this.names = names;
    this.types = Map.copyOf(types);
  }

  /** 200 with the file, 304 when {@code ifNoneMatch} names its ETag; a 404 when there is none. */
  Response serve(String file, String ifNoneMatch) {
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
    if (!names.matcher(file).matches()) {
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

  private Optional<Asset> load(String file) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(root + file)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      String extension = file.substring(file.lastIndexOf('.') + 1);
      return Optional.of(new Asset(body, types.get(extension), etag(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root + file, e);
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
