package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.ClickEntry;
import io.emaillogs.domain.OpenEntry;
import io.emaillogs.domain.Track;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00.123456Z");

  @Test
  void tagsRoundTripWithAnyCharacters() {
    List<String> tags =
        List.of("plain", "with \"quotes\" and \\", "\u00e9t\u00e9 \ud83d\ude80", "\n\t");

    String json = JsonColumns.writeTags(tags);

    assertThat(JsonColumns.readTags(json)).isEqualTo(tags);
    assertThat(JsonColumns.writeTags(List.of())).isEqualTo("[]");
    assertThat(JsonColumns.readTags("[]")).isEmpty();
    assertThat(JsonColumns.writeTags(List.of("a", "b"))).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void trackRoundTripsInOrderWithNullDetails() {
    Track track =
        new Track(
            List.of(
                new OpenEntry(T, "Mozilla/5.0", "10.0.0.1"),
                new OpenEntry(T.plusSeconds(1), null, null)),
            List.of(
                new ClickEntry(T.plusSeconds(2), "https://x.com/?a=1&b=\"2\"", null, "::1"),
                new ClickEntry(T.plusNanos(1), null, null, null)));

    String json = JsonColumns.writeTrack(track);

    assertThat(JsonColumns.readTrack(json)).isEqualTo(track);
    assertThat(json)
        .startsWith(
            "{\"opens\":[{\"timestamp\":\"2024-01-15T10:00:00.123456Z\",\"userAgent\":\"Mozilla/5.0\",\"ip\":\"10.0.0.1\"}");
    assertThat(JsonColumns.writeTrack(Track.EMPTY)).isEqualTo("{}");
    assertThat(JsonColumns.readTrack("{}")).isEqualTo(Track.EMPTY);
    Track clicksOnly = new Track(List.of(), List.of(new ClickEntry(T, "u", "a", "i")));
    assertThat(JsonColumns.readTrack(JsonColumns.writeTrack(clicksOnly))).isEqualTo(clicksOnly);
  }

  @Test
  void aCorruptColumnIsReportedNotMisread() {
    assertThatThrownBy(() -> JsonColumns.readTags("{\"a\":1}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonColumns.readTags("[1]")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonColumns.readTrack("{\"opens\":[{\"ip\":\"x\"}]}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonColumns.readTrack("{\"opens\":[{\"timestamp\":\"yesterday\"}]}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonColumns.readTrack("{\"views\":[]}"))
        .isInstanceOf(IllegalStateException.class);
  }
}
