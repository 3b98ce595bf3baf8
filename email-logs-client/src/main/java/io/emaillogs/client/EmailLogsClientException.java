package io.emaillogs.client;

/**
 * The one unchecked base of every failure of {@link EmailLogsClient}: either the server answered
 * with an error ({@link ApiException} and its subclasses) or no answer came ({@link
 * TransportException}).
 */
public class EmailLogsClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmailLogsClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
