package io.emaillogs.adapter.jersey;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.domain.LogEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.http.io.NIOOutputStream;
import org.glassfish.grizzly.http.server.Response;

/**
 * A stream's frames on a suspended Grizzly response, written without blocking: {@link #ready} asks
 * Grizzly whether the connection's pending bytes are under their bound ({@link
 * NIOOutputStream#canWrite}), after which one frame - one write and a flush - is guaranteed not to
 * block; {@link #onReady} is Grizzly's write-possible notification. No thread waits for a slow
 * client.
 *
 * <p>The client leaving is noticed from the connection's close event, whether or not anything is
 * being written: Grizzly keeps reading a connection whose response is suspended, so a close, a
 * reset or a half-close (Grizzly closes the connection when it reads the end of the stream) cancels
 * the suspended response, and its completion handler runs {@code onGone} at once, which frees the
 * stream's slot. A cancelled response is never recycled by Grizzly, so a late write on it fails
 * instead of touching another request.
 */
final class GrizzlySseSink implements StreamSink {
  private final Response response;
  private final NIOOutputStream out;
  private final Connection<?> connection;
  private final SseFrames frames = new SseFrames();
  private final HttpMetrics metrics;
  private final LongConsumer onReleased;
  private volatile boolean gone;
  private boolean released;
  private long eventsSent;

  /**
   * Suspends {@code response} (no timeout); {@code onGone} runs once if the client leaves, {@code
   * onReleased} once when the stream is over, with the number of events written (each batch is
   * counted in {@code metrics} as it leaves).
   */
  GrizzlySseSink(Response response, Runnable onGone, HttpMetrics metrics, LongConsumer onReleased) {
    this.response = response;
    this.metrics = metrics;
    this.onReleased = onReleased;
    this.out = response.getNIOOutputStream();
    this.connection = response.getRequest().getContext().getConnection();
    response.suspend(
        -1,
        TimeUnit.MILLISECONDS,
        new EmptyCompletionHandler<>() {
          @Override
          public void cancelled() {
            gone = true;
            onGone.run();
          }
        });
  }

  /**
   * Sends the status line and headers now, before the first frame, and watches the connection: a
   * suspended request's connection is not read any more, and reading it again lets Grizzly see the
   * end of the stream (or a reset) at once and close the connection, which cancels the response. A
   * stream request has no body, so nothing else can arrive.
   */
  void sendHeaders() throws IOException {
    out.flush();
    connection.enableIOEvent(IOEvent.READ);
  }

  @Override
  public boolean ready() throws IOException {
    if (gone) {
      throw new IOException("client gone");
    }
    return out.canWrite();
  }

  @Override
  public void onReady(Runnable callback) {
    try {
      out.notifyCanWrite(
          new WriteHandler() {
            @Override
            public void onWritePossible() {
              callback.run();
            }

            @Override
            public void onError(Throwable t) {
              gone = true;
              callback.run();
            }
          });
    } catch (RuntimeException e) { // a handler registered already, or the connection is closed
      gone = true;
      callback.run();
    }
  }

  @Override
  public void events(List<LogEvent> batch) throws IOException {
    if (!batch.isEmpty()) {
      send(frames.events(batch));
      eventsSent += batch.size();
      metrics.streamEvents(batch.size());
    }
  }

  @Override
  public void keepAlive() throws IOException {
    send(SseFrames.KEEP_ALIVE);
  }

  @Override
  public void complete(long count, Completion reason) throws IOException {
    send(frames.complete(count, reason));
  }

  @Override
  public void error(String message) throws IOException {
    send(frames.error(message));
  }

  private void send(byte[] frame) throws IOException {
    if (gone) {
      throw new IOException("client gone");
    }
    out.write(frame);
    out.flush();
  }

  @Override
  public void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (!gone && response.isSuspended()) {
        response.resume(); // finishes the chunked body; the connection may serve another request
      }
    } finally {
      onReleased.accept(eventsSent);
    }
  }

  @Override
  public void abort() {
    gone = true;
    connection.closeSilently();
  }
}
