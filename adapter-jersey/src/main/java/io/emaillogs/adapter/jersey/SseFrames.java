package io.emaillogs.adapter.jersey;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.domain.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Server-Sent Events frames of SPEC section 5, each encoded whole into one byte array, so a
 * frame leaves in one write. Nothing is kept between frames: a stream whose client stalls holds
 * only the frame Grizzly has not sent yet. Thread-safe.
 */
final class SseFrames {
  static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");
  private static final byte[] END_OF_FRAME = ascii("\n\n");
  private static final byte[] COMPLETE = ascii("event: complete\ndata: ");
  private static final byte[] ERROR = ascii("event: error\ndata: ");

  /** {@code event: logs}, {@code id:} the batch's last sequence, the events as a JSON array. */
  byte[] events(List<LogEvent> batch) {
    long last = batch.get(batch.size() - 1).sequence();
    return frame(
        ascii("event: logs\nid: " + last + "\ndata: "), g -> JsonOutput.writeEvents(g, batch));
  }

  /** {@code event: complete} with the count and the reason. */
  byte[] complete(long count, Completion reason) {
    return frame(
        COMPLETE,
        g -> {
          g.writeStartObject();
          g.writeNumberField("count", count);
          g.writeStringField("reason", reason.wireName());
          g.writeEndObject();
        });
  }

  /** {@code event: error} with a message safe to show. */
  byte[] error(String message) {
    return frame(
        ERROR,
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  private static byte[] frame(byte[] head, JsonOutput.Body data) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    try {
      buffer.write(head);
      JsonOutput.write(buffer, data);
      buffer.write(END_OF_FRAME);
    } catch (IOException impossible) { // a byte array does not fail
      throw new UncheckedIOException(impossible);
    }
    return buffer.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
