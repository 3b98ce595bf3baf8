package io.emaillogs.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown when the server answered with an error status; carries that status and the server's own
 * message (the {@code error} field of its body, or {@code message} for a 429). Statuses without a
 * subclass of their own (405, 413, 500...) are thrown as this class.
 */
public class ApiException extends EmailLogsClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String serverMessage;
  private final Duration retryAfter;

  public ApiException(int status, String serverMessage, Duration retryAfter) {
    super("HTTP " + status + ": " + serverMessage, null);
    this.status = status;
    this.serverMessage = serverMessage;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status the server answered. */
  public int status() {
    return status;
  }

  /** The server's message, as it sent it (e.g. {@code date range cannot exceed 7 days}). */
  public String serverMessage() {
    return serverMessage;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The exception of this status: a subclass for 400, 401, 404, 429 and 503. */
  static ApiException of(int status, String message, Duration retryAfter) {
    return switch (status) {
      case 400 -> new BadRequestException(message);
      case 401 -> new UnauthorizedException(message);
      case 404 -> new NotFoundException(message);
      case 429 -> new TooManyRequestsException(message, retryAfter);
      case 503 -> new ServiceUnavailableException(message, retryAfter);
      default -> new ApiException(status, message, retryAfter);
    };
  }
}
