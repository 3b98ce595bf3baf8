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
   * @throws ServerBusyException the server holds as many streams as it may, or is shutting down
   */
  LogStream open(OpenStream command);

  /**
   * Ends every running stream with an {@code error} event and refuses new ones; used at shutdown.
   */
  void shutdown();

  /** The number of streams open in this process now (for a gauge and for tests). */
  int openStreams();

  /**
   * The live events queued in this process's open streams, waiting for their clients to read them
   * (at most 2,048 per stream); for a gauge. Approximate: each queue is read in turn.
   */
  long liveQueueDepth();

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
   * An opened stream. {@link #start} sends it asynchronously on the service's few stream workers;
   * {@link #run} sends it on the calling thread. {@link #close} (from any thread) ends it and frees
   * its slot. Always close it, also when it was never started.
   */
  interface LogStream extends AutoCloseable {

    /**
     * Sends history then live events to {@code sink} until the stream completes, the sink fails
     * (the client left), or the stream is closed; returns at once. No thread waits for this stream
     * while it has nothing to send or while its sink is not {@link StreamSink#ready ready}: the
     * history is read chunk by chunk between writes, and live events come from the process's one
     * live feed. {@link StreamSink#release} is called exactly once, when the stream is over.
     */
    void start(StreamSink sink);

    /**
     * Like {@link #start}, but every write happens on the calling thread, which returns once the
     * stream is over. For embedding, with a sink that blocks while its reader is slow.
     */
    void run(StreamSink sink);

    /** Ends the stream, frees the slot and lets the sink go; idempotent. */
    @Override
    void close();
  }

  /**
   * Where a stream writes; the adapter frames it. A method that throws {@link IOException} means
   * the client is gone: the stream stops and releases everything. Calls for one stream never
   * overlap; each write is preceded by a {@link #ready} that answered true.
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

    /**
     * True when the next write will not block. A non-blocking sink answers false while its client
     * has not read what was sent; the stream then waits for {@link #onReady} without a thread.
     */
    default boolean ready() throws IOException {
      return true;
    }

    /**
     * Runs {@code callback} once (on any thread), when the sink is ready again or its client is
     * gone. Only called after {@link #ready} answered false.
     */
    default void onReady(Runnable callback) {
      callback.run();
    }

    /** The stream is over: the sink finishes its response. Called once, on the writing thread. */
    default void release() {}

    /**
     * The stream must end without waiting for the client to read (shutdown, a client that has not
     * read for too long): drop the connection. May be called on any thread.
     */
    default void abort() {}
  }
}
