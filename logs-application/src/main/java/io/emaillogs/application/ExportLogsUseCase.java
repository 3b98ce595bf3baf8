package io.emaillogs.application;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.query.ExportFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The bulk export of an account's logs ({@code GET /v1/email/logs/export}): every log of the
 * filters and window, newest first, streamed in chunks so memory stays constant whatever the size.
 */
public interface ExportLogsUseCase {

  /**
   * Validates the request and reserves one of the account's stream slots; nothing is written yet,
   * so every failure here is a plain HTTP error. The window is resolved (a default {@code now}
   * frozen) here.
   *
   * @throws io.emaillogs.domain.InvalidRequestException a parameter breaks a rule
   * @throws RateLimitedException all the account's stream slots are taken
   */
  Export open(ExportRequest request);

  /** An export request of account {@code accountId} with the raw query-string multimap. */
  record ExportRequest(long accountId, Map<String, List<String>> parameters) {
    public ExportRequest {
      parameters = Map.copyOf(parameters);
    }
  }

  /**
   * An opened export. {@link #writeTo} walks the logs on the calling thread; {@link #close} frees
   * the stream slot. Always close it, also when {@link #writeTo} was never called.
   */
  interface Export extends AutoCloseable {
    /** The format the caller asked for. */
    ExportFormat format();

    /**
     * Hands every selected log to {@code sink}, newest first; returns how many. An {@link
     * IOException} from the sink (the client left) stops the walk and propagates.
     */
    long writeTo(LogSink sink) throws IOException;

    /** Frees the stream slot; idempotent. */
    @Override
    void close();
  }

  /** Where an export writes; the adapter formats each log. */
  @FunctionalInterface
  interface LogSink {
    void log(EmailLog log) throws IOException;
  }
}
