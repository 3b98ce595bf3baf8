package io.emaillogs.client;

/** Thrown when no answer could be read: connection refused or reset, timeout, bad JSON. */
public class TransportException extends EmailLogsClientException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
