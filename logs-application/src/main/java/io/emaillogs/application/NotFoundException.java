package io.emaillogs.application;

import io.emaillogs.domain.EmailLogsException;

/**
 * Thrown when a call names something that does not exist; the message says what, for the caller.
 */
public class NotFoundException extends EmailLogsException {
  public NotFoundException(String message) {
    super(message);
  }

  /** The stream's 404: the domain is not the caller's, or not verified. */
  public static NotFoundException domain() {
    return new NotFoundException("Domain not found or you do not own this domain");
  }
}
