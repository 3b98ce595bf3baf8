package io.emaillogs.application;

import io.emaillogs.domain.LogEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The live event stream of one sending domain (SPEC section 5). */
public interface StreamLogsUseCase {

  /**
   * Validates a stream request and reserves one of the account's stream slots. Nothing is sent yet,
   * so every failure here is a plain HTTP error.
   *
   * @throws NotFoundException the domain is not the account's, or not verified
   * @throws io.emaillogs.domain.InvalidRequestException a parameter or Last-Event-ID breaks a rule
   * @throws RateLimitedException all the account's stream slots are taken
   */
  LogStream open(OpenStream command);

  /**
   * Ends every running stream with an {@code error} event and refuses new ones; used at shutdown.
   */
  void shutdown();

  /**
   * A stream request: the caller's account, the domain from the path, the raw query multimap, and
   * the {@code Last-Event-ID} header (null when absent).
   */
  record OpenStream(
      long accountId, String domain, Map<String, List<String>> parameters, String lastEventId) {
    public OpenStream {
      parameters = Map.copyOf(parameters);
    }
  }

  /** Why a stream completed. */
  enum Completion {
    /** The history up to {@code end} was sent. */
    END,
    /** {@code limit} events were sent. */
    LIMIT;

    /** The lower-case name used on the wire. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An opened stream. {@link #run} sends it on the calling thread; {@link #close} (from any thread)
   * ends it and frees its slot. Always close it, also when {@link #run} was never called.
   */
  interface LogStream extends AutoCloseable {

    /**
     * Sends history then live events to {@code sink} until the stream completes, the sink fails
     * (the client left), or the stream is closed. Returns normally in every case; a store failure
     * is reported to the sink as an {@code error} event.
     */
    void run(StreamSink sink);

    /** Ends the stream, wakes {@link #run} and frees the slot; idempotent. */
    @Override
    void close();
  }

  /**
   * Where a stream writes; the adapter frames it. A method that throws {@link IOException} means
   * the client is gone: the stream stops and releases everything.
   */
  interface StreamSink {
    /** A batch of at most {@code maxBatch} events, in sequence order. */
    void events(List<LogEvent> batch) throws IOException;

    /** Nothing to send for a while: a comment line keeps the connection alive. */
    void keepAlive() throws IOException;

    /** The stream ends normally after {@code count} events on this connection. */
    void complete(long count, Completion reason) throws IOException;

    /** The stream ends on a failure; {@code message} is safe to show. */
    void error(String message) throws IOException;
  }
}
