package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramesTest {
  private final SseFrames frames = new SseFrames();

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

  private static String text(byte[] frame) {
    return new String(frame, StandardCharsets.UTF_8);
  }

  @Test
  void a_batch_is_one_logs_frame_with_the_last_sequence_as_id() {
    assertThat(text(frames.events(List.of(event(4, "a"), event(9, "line\nbreak\r")))))
        .isEqualTo(
            "event: logs\nid: 9\ndata: [{\"id\":4,\"eventType\":\"delivered\","
                + "\"timestamp\":\"2024-01-15T10:30:00Z\",\"refId\":\"r1\",\"domain\":\"example.com\","
                + "\"sender\":\"a@example.com\",\"recipient\":\"b@x.org\",\"subject\":\"a\","
                + "\"campaignId\":null,\"tags\":[],\"details\":{}},"
                + "{\"id\":9,\"eventType\":\"delivered\",\"timestamp\":\"2024-01-15T10:30:00Z\","
                + "\"refId\":\"r1\",\"domain\":\"example.com\",\"sender\":\"a@example.com\","
                + "\"recipient\":\"b@x.org\",\"subject\":\"line\\nbreak\\r\",\"campaignId\":null,"
                + "\"tags\":[],\"details\":{}}]\n\n");
  }

  @Test
  void a_large_batch_is_still_one_complete_frame() {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      batch.add(event(i, "subject " + i));
    }
    String text = text(frames.events(batch));
    assertThat(text).startsWith("event: logs\nid: 1000\ndata: [{\"id\":1,").endsWith("}]\n\n");
    assertThat(text.split("\n")).hasSize(3);
  }

  @Test
  void frames_do_not_leak_into_each_other_through_the_reused_buffer() {
    byte[] first = frames.events(List.of(event(1, "a long subject, longer than the next")));
    byte[] second = frames.complete(1, Completion.END);
    assertThat(text(first)).startsWith("event: logs\nid: 1\n").endsWith("}]\n\n");
    assertThat(text(second))
        .isEqualTo("event: complete\ndata: {\"count\":1,\"reason\":\"end\"}\n\n");
  }

  @Test
  void complete_error_and_keep_alive_frames() {
    assertThat(text(frames.complete(12, Completion.END)))
        .isEqualTo("event: complete\ndata: {\"count\":12,\"reason\":\"end\"}\n\n");
    assertThat(text(frames.complete(50000, Completion.LIMIT)))
        .isEqualTo("event: complete\ndata: {\"count\":50000,\"reason\":\"limit\"}\n\n");
    assertThat(text(frames.error("Server is shutting down")))
        .isEqualTo("event: error\ndata: {\"error\":\"Server is shutting down\"}\n\n");
    assertThat(text(SseFrames.KEEP_ALIVE)).isEqualTo(": keep-alive\n\n");
  }
}
