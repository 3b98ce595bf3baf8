package io.emaillogs.application;

import io.emaillogs.domain.EmailLogsException;

/** Thrown when a call carries no credentials, or an unknown or revoked token: 401. */
public class UnauthorizedException extends EmailLogsException {
  public UnauthorizedException() {
    super("Unauthorized");
  }
}
