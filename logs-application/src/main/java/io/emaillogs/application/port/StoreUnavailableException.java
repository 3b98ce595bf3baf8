package io.emaillogs.application.port;

/**
 * Thrown when the store cannot be reached at all (the database is down, restarting, or refuses
 * connections): the caller may try again later. The HTTP adapter answers 503 {@code service
 * unavailable}; the message is internal.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
