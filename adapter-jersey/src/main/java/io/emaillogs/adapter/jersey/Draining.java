package io.emaillogs.adapter.jersey;

/**
 * Set once a shutdown begins: from then on {@link RequestGuard} answers new requests 503 {@code
 * service unavailable} (with {@code Connection: close}) and {@code /ready} says 503, while the
 * requests already running finish.
 */
public final class Draining {
  private volatile boolean draining;

  void begin() {
    draining = true;
  }

  /** True once the server has begun to stop. */
  public boolean isDraining() {
    return draining;
  }
}
