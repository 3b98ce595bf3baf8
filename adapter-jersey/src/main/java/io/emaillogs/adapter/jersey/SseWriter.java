package io.emaillogs.adapter.jersey;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.domain.LogEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames a stream as Server-Sent Events (SPEC section 5) and writes each frame through at once.
 * Writes block while the client is slow (the connection's pending bytes are bounded), so a stream
 * never holds more than one batch and the buffers. An {@link IOException} means the client left.
 * Not thread-safe: one stream writes from one thread.
 */
final class SseWriter implements StreamSink {
  private static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");
  private static final byte[] END_OF_FRAME = ascii("\n\n");
  private static final int BUFFER = 32 * 1024;

  private final OutputStream raw;
  private final OutputStream out;

  SseWriter(OutputStream raw) {
    this.raw = raw;
    this.out = new BufferedOutputStream(raw, BUFFER);
  }

  /**
   * Sends the response headers now rather than with the first frame (which may be a keep-alive
   * interval away). With Jersey's response buffering off, any write commits the response, even an
   * empty one, so nothing but the headers goes out.
   */
  void start() throws IOException {
    raw.write(new byte[0], 0, 0);
    raw.flush();
  }

  @Override
  public void events(List<LogEvent> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    long last = batch.get(batch.size() - 1).sequence();
    out.write(ascii("event: logs\nid: " + last + "\ndata: "));
    JsonOutput.write(out, g -> JsonOutput.writeEvents(g, batch));
    endFrame();
  }

  @Override
  public void keepAlive() throws IOException {
    out.write(KEEP_ALIVE);
    out.flush();
  }

  @Override
  public void complete(long count, Completion reason) throws IOException {
    out.write(ascii("event: complete\ndata: "));
    JsonOutput.write(
        out,
        g -> {
          g.writeStartObject();
          g.writeNumberField("count", count);
          g.writeStringField("reason", reason.wireName());
          g.writeEndObject();
        });
    endFrame();
  }

  @Override
  public void error(String message) throws IOException {
    out.write(ascii("event: error\ndata: "));
    JsonOutput.write(
        out,
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
    endFrame();
  }

  private void endFrame() throws IOException {
    out.write(END_OF_FRAME);
    out.flush();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
