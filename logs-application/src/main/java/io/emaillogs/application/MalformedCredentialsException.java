package io.emaillogs.application;

import io.emaillogs.domain.EmailLogsException;

/**
 * Thrown when an Authorization header is present but is not {@code Bearer <non-empty token>}: 400
 * {@code User authentication missing}.
 */
public class MalformedCredentialsException extends EmailLogsException {
  public MalformedCredentialsException() {
    super("User authentication missing");
  }
}
