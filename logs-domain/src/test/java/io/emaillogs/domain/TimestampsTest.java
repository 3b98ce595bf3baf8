package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T10:00:00Z, 2024-01-15T10:00:00Z",
    "2024-01-15T12:00:00+02:00, 2024-01-15T10:00:00Z",
    "2024-01-15T01:30:00+02:00, 2024-01-14T23:30:00Z",
    "2024-01-15T05:00:00-05:00, 2024-01-15T10:00:00Z",
    "2024-01-15T10:00:00+00:00, 2024-01-15T10:00:00Z",
    "2024-01-15T10:00:00.5Z, 2024-01-15T10:00:00.500Z",
    "2024-01-15T10:00:00.123456789Z, 2024-01-15T10:00:00.123456789Z",
    "2024-01-15t10:00:00z, 2024-01-15T10:00:00Z",
    "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z"
  })
  void parses_rfc3339_with_a_zone_and_converts_offsets_to_utc(String raw, String utc) {
    assertThat(Timestamps.parse("startCreatedAt", raw)).isEqualTo(Instant.parse(utc));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-15T10:00:00",
        "2024-01-15",
        "",
        "abc",
        "2024-01-15 10:00:00Z",
        "2024-01-15T10:00Z",
        "2024-01-15T10:00:00+0200",
        "2024-01-15T10:00:00+02",
        "2024-01-15T10:00:00.Z",
        "2024-13-01T10:00:00Z",
        "2023-02-29T10:00:00Z",
        "2024-01-15T24:00:00Z",
        "1705312800",
        "2024-01-15T10:00:00Z[Europe/Paris]",
        " 2024-01-15T10:00:00Z",
        "2024-01-15T10:00:00Z "
      })
  void rejects_anything_else_with_the_spec_message(String raw) {
    assertThatThrownBy(() -> Timestamps.parse("startCreatedAt", raw))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Wrong date format: startCreatedAt must be RFC3339");
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "end", "timestamp", "endDeliveredDate"})
  void the_message_names_the_parameter(String name) {
    assertThatThrownBy(() -> Timestamps.parse(name, "2024-01-15"))
        .hasMessage("Wrong date format: " + name + " must be RFC3339");
  }

  @org.junit.jupiter.api.Test
  void a_year_must_have_exactly_four_digits() {
    for (String raw : new String[] {"+12024-01-15T10:00:00Z", "12024-01-15T10:00:00Z"}) {
      assertThatThrownBy(() -> Timestamps.parse("start", raw))
          .as(raw)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage("Wrong date format: start must be RFC3339");
    }
  }

  @org.junit.jupiter.api.Test
  void null_is_rejected_with_the_spec_message() {
    assertThatThrownBy(() -> Timestamps.parse("end", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Wrong date format: end must be RFC3339");
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T10:30:00Z, 2024-01-15T10:30:00Z",
    "2024-01-15T10:30:00.250Z, 2024-01-15T10:30:00.250Z",
    "2024-01-15T10:30:00.100Z, 2024-01-15T10:30:00.100Z",
    "2024-01-15T10:30:00.000001Z, 2024-01-15T10:30:00.000001Z",
    "2024-01-15T10:30:00.000000001Z, 2024-01-15T10:30:00.000000001Z"
  })
  void formats_in_utc_with_z_and_fraction_only_when_non_zero(String instant, String text) {
    assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void a_parsed_offset_is_formatted_back_in_utc() {
    assertThat(Timestamps.format(Timestamps.parse("t", "2024-01-15T12:30:00+02:00")))
        .isEqualTo("2024-01-15T10:30:00Z");
  }

  @org.junit.jupiter.api.Test
  void format_then_parse_is_the_identity() {
    Instant[] samples = {
      Instant.parse("2024-01-15T10:30:00Z"),
      Instant.parse("2024-01-15T10:30:00.5Z"),
      Instant.parse("1999-12-31T23:59:59.999999999Z"),
      Instant.EPOCH
    };
    for (Instant i : samples) {
      assertThat(Timestamps.parse("t", Timestamps.format(i))).isEqualTo(i);
    }
  }
}
