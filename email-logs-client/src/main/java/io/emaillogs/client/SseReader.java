package io.emaillogs.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events frames (the W3C event-stream format): {@code event:}, {@code id:},
 * {@code data:} lines up to a blank line; comment lines (keep-alives) only count as activity. A
 * frame cut by a dropped connection is never returned.
 */
final class SseReader {
  /** A whole frame; {@code id} is null when the frame had none. */
  record Frame(String event, String id, String data) {}

  private final BufferedReader lines;
  private final Runnable onActivity;

  SseReader(InputStream in, Runnable onActivity) {
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.onActivity = onActivity;
  }

  /** The next whole frame, or null at the end of the stream. */
  Frame next() throws IOException {
    String event = null;
    String id = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      onActivity.run();
      if (line.isEmpty()) {
        if (data != null || event != null) {
          return new Frame(
              event == null ? "message" : event, id, data == null ? "" : data.toString());
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "id" -> id = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {} // "retry" and unknown fields are ignored
      }
    }
    return null; // a frame without its blank line was cut: dropped
  }
}
