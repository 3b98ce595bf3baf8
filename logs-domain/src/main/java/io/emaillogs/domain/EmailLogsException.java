package io.emaillogs.domain;

/**
 * Base of every exception email-logs throws on purpose. Unchecked; each subclass documents when it
 * is thrown. Messages of {@link InvalidRequestException} and its subclasses are safe to show to the
 * caller verbatim; other messages are not.
 */
public abstract class EmailLogsException extends RuntimeException {
  protected EmailLogsException(String message) {
    super(message);
  }

  protected EmailLogsException(String message, Throwable cause) {
    super(message, cause);
  }
}
