package io.emaillogs.domain;

/**
 * Thrown when a caller's input breaks a rule of the specification. The message is the
 * specification's exact wording and is meant to be returned to the caller as is.
 */
public class InvalidRequestException extends EmailLogsException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
