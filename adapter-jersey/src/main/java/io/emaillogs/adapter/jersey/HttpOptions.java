package io.emaillogs.adapter.jersey;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the HTTP server listens and what it accepts from a client.
 *
 * @param host an address of this machine ({@code 127.0.0.1} by default)
 * @param port the port; 0 asks for a free one
 * @param headTimeout how long a request's line and headers may take to arrive from their first byte
 *     before the connection is closed (slow-loris); default {@link #DEFAULT_HEAD_TIMEOUT}
 * @param maxBodyBytes the largest request body read; more answers 413; default {@link
 *     #DEFAULT_MAX_BODY_BYTES}
 */
public record HttpOptions(String host, int port, Duration headTimeout, long maxBodyBytes) {
  /** The default host: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default head timeout: ten seconds. */
  public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);

  /** The default body limit: 64 MiB, well above a full batch of 10,000 events. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  public HttpOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(headTimeout, "headTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    if (headTimeout.isNegative() || headTimeout.isZero()) {
      throw new IllegalArgumentException("head timeout must be positive: " + headTimeout);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("max body bytes must be positive: " + maxBodyBytes);
    }
  }

  /** {@code host:port} with the default head timeout and body limit. */
  public HttpOptions(String host, int port) {
    this(host, port, DEFAULT_HEAD_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
  }

  /** Listens on {@code 127.0.0.1:port}; port 0 picks a free port. */
  public static HttpOptions of(int port) {
    return new HttpOptions(DEFAULT_HOST, port);
  }

  /** The same options with another head timeout. */
  public HttpOptions withHeadTimeout(Duration timeout) {
    return new HttpOptions(host, port, timeout, maxBodyBytes);
  }

  /** The same options with another body limit. */
  public HttpOptions withMaxBodyBytes(long bytes) {
    return new HttpOptions(host, port, headTimeout, bytes);
  }
}
