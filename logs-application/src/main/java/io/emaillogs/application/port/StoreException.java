package io.emaillogs.application.port;

import io.emaillogs.domain.EmailLogsException;

/** Thrown when a store cannot do its work (connection lost, disk full); the message is internal. */
public class StoreException extends EmailLogsException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
