package io.emaillogs.application;

import io.emaillogs.domain.EmailLogsException;

/**
 * Thrown when a stream is refused for the whole server rather than for the account: every
 * server-wide stream slot is taken, or the server is shutting down. The message is safe to show.
 */
public final class ServerBusyException extends EmailLogsException {
  /** The refusal when every server-wide slot is taken. */
  public static final String TOO_MANY_STREAMS = "Too many open streams on this server";

  /** The refusal while the server stops. */
  public static final String SHUTTING_DOWN = "Server is shutting down";

  ServerBusyException(String message) {
    super(message);
  }
}
