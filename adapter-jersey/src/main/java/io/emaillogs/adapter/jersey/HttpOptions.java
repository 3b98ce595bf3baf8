package io.emaillogs.adapter.jersey;

import java.util.Objects;

/**
 * Where the HTTP server listens: {@code host} (an address of this machine; {@code 127.0.0.1} by
 * default) and {@code port} (0 asks for a free port).
 */
public record HttpOptions(String host, int port) {
  /** The default host: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public HttpOptions {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
  }

  /** Listens on {@code 127.0.0.1:port}; port 0 picks a free port. */
  public static HttpOptions of(int port) {
    return new HttpOptions(DEFAULT_HOST, port);
  }
}
