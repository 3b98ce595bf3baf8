package io.emaillogs.adapter.jersey;

import io.emaillogs.application.StreamLogsUseCase.LogStream;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs open streams, one thread each, off Grizzly's worker pool: a live stream blocks for as long
 * as the client stays, and short requests must not wait behind it. Threads are created on demand up
 * to {@code maxStreams} and end a minute after their stream; past the bound a stream is refused
 * with a 503 before anything is sent. Whatever happens, the use case's stream is closed when its
 * thread is done with it, which frees its slot and its store subscription.
 */
final class StreamRunner {
  static final String EVENT_STREAM = "text/event-stream";
  static final String SHUTTING_DOWN = "Server is shutting down";
  static final String BUSY = "Too many open streams on this server";

  private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);

  private final ExecutorService threads;
  private volatile boolean closing;

  StreamRunner(int maxStreams) {
    AtomicInteger counter = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            0,
            maxStreams,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "email-logs-stream-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Sends {@code stream} as the response, on a stream thread; closes it in every case. */
  void run(LogStream stream, AsyncResponse response) {
    try {
      threads.execute(
          () -> {
            try {
              response.resume(
                  Response.ok(new Output(stream), EVENT_STREAM)
                      .header("Cache-Control", "no-cache")
                      .header("X-Accel-Buffering", "no")
                      .build());
            } finally {
              stream.close();
            }
          });
    } catch (RejectedExecutionException e) {
      stream.close();
      response.resume(
          Envelope.PLAIN
              .error(503, closing ? SHUTTING_DOWN : BUSY)
              .header("Retry-After", 1)
              .build());
    }
  }

  boolean isClosing() {
    return closing;
  }

  /** Refuses new streams from now on. */
  void beginShutdown() {
    closing = true;
  }

  /** Waits up to {@code millis} for running streams to end, then interrupts what is left. */
  void shutdown(long millis) {
    closing = true;
    threads.shutdown();
    try {
      if (!threads.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  static Response shuttingDown() {
    return Envelope.PLAIN.error(503, SHUTTING_DOWN).build();
  }

  /** The response body: SSE frames written as the use case produces them. */
  private static final class Output implements StreamingOutput {
    private final LogStream stream;

    Output(LogStream stream) {
      this.stream = stream;
    }

    @Override
    public void write(OutputStream body) {
      try {
        SseWriter sink = new SseWriter(body);
        sink.start();
        stream.run(sink);
      } catch (IOException clientGone) {
        LOG.debug("stream client left before the first frame", clientGone);
      } finally {
        stream.close();
      }
    }
  }
}
