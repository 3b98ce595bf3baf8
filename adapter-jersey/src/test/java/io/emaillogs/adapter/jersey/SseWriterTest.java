package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseWriterTest {
  private final RecordingStream out = new RecordingStream();
  private final SseWriter sse = new SseWriter(out);

  static LogEvent event(long sequence, String subject) {
    return new LogEvent(
        sequence,
        "e" + sequence,
        EventType.DELIVERED,
        Instant.parse("2024-01-15T10:30:00Z"),
        7,
        "r1",
        "b@x.org",
        "a@example.com",
        "example.com",
        subject,
        null,
        List.of(),
        EventDetails.NONE);
  }

  @Test
  void a_batch_is_one_logs_frame_with_the_last_sequence_as_id_flushed_at_once() throws IOException {
    sse.events(List.of(event(4, "a"), event(9, "line\nbreak\r")));

    assertThat(out.text())
        .isEqualTo(
            "event: logs\nid: 9\ndata: [{\"id\":4,\"eventType\":\"delivered\","
                + "\"timestamp\":\"2024-01-15T10:30:00Z\",\"refId\":\"r1\",\"domain\":\"example.com\","
                + "\"sender\":\"a@example.com\",\"recipient\":\"b@x.org\",\"subject\":\"a\","
                + "\"campaignId\":null,\"tags\":[],\"details\":{}},"
                + "{\"id\":9,\"eventType\":\"delivered\",\"timestamp\":\"2024-01-15T10:30:00Z\","
                + "\"refId\":\"r1\",\"domain\":\"example.com\",\"sender\":\"a@example.com\","
                + "\"recipient\":\"b@x.org\",\"subject\":\"line\\nbreak\\r\",\"campaignId\":null,"
                + "\"tags\":[],\"details\":{}}]\n\n");
    assertThat(out.flushedText()).isEqualTo(out.text());
  }

  @Test
  void a_large_batch_still_goes_out_as_one_complete_frame() throws IOException {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      batch.add(event(i, "subject " + i));
    }
    sse.events(batch);

    String text = out.flushedText();
    assertThat(text).startsWith("event: logs\nid: 1000\ndata: [{\"id\":1,").endsWith("}]\n\n");
    assertThat(text.split("\n")).hasSize(3);
  }

  @Test
  void complete_error_and_keep_alive_frames() throws IOException {
    sse.complete(12, Completion.END);
    sse.complete(50000, Completion.LIMIT);
    sse.error("Server is shutting down");
    sse.keepAlive();

    assertThat(out.flushedText())
        .isEqualTo(
            "event: complete\ndata: {\"count\":12,\"reason\":\"end\"}\n\n"
                + "event: complete\ndata: {\"count\":50000,\"reason\":\"limit\"}\n\n"
                + "event: error\ndata: {\"error\":\"Server is shutting down\"}\n\n"
                + ": keep-alive\n\n");
  }

  @Test
  void start_commits_the_response_without_a_byte_of_body() throws IOException {
    sse.start();
    assertThat(out.text()).isEmpty();
    assertThat(out.flushes).isEqualTo(1);
  }

  @Test
  void an_empty_batch_writes_nothing() throws IOException {
    sse.events(List.of());
    assertThat(out.text()).isEmpty();
  }

  @Test
  void a_client_that_left_is_an_io_exception() {
    SseWriter broken =
        new SseWriter(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
              }
            });
    assertThatThrownBy(broken::keepAlive).isInstanceOf(IOException.class);
  }

  /** Records what was written, and what had reached it at the last flush. */
  private static final class RecordingStream extends ByteArrayOutputStream {
    private int flushed;
    private int flushes;

    @Override
    public void flush() {
      flushed = size();
      flushes++;
    }

    String text() {
      return toString(StandardCharsets.UTF_8);
    }

    String flushedText() {
      return new String(toByteArray(), 0, flushed, StandardCharsets.UTF_8);
    }
  }
}
