package io.emaillogs.domain.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.AnEvent;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamFilterTest {

  private static Map<String, List<String>> params(String... namesAndValues) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      raw.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return raw;
  }

  private static StreamFilter parse(String... namesAndValues) {
    return StreamFilter.parse(params(namesAndValues));
  }

  private static void assertRefused(String message, String... namesAndValues) {
    assertThatThrownBy(() -> parse(namesAndValues))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Nested
  class Parsing {
    @Test
    void no_parameter_gives_a_live_stream_of_50000_events() {
      StreamFilter f = parse();
      assertThat(f.start()).isNull();
      assertThat(f.end()).isNull();
      assertThat(f.sender()).isNull();
      assertThat(f.recipient()).isNull();
      assertThat(f.subject()).isNull();
      assertThat(f.eventType()).isNull();
      assertThat(f.tags()).isNull();
      assertThat(f.limit()).isEqualTo(50_000).isEqualTo(StreamFilter.DEFAULT_LIMIT);
      assertThat(f.hasHistory()).isFalse();
    }

    @Test
    void every_parameter_is_read() {
      StreamFilter f =
          parse(
              "start", "2024-01-15T12:00:00+02:00",
              "end", "2024-01-16T10:00:00Z",
              "sender", "News@Acme.com",
              "recipient", "Bob@Example.com",
              "subject", "Invoice",
              "event_type", "temporary_fail",
              "tags", "Promo",
              "limit", "10");
      assertThat(f.start()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
      assertThat(f.end()).isEqualTo(Instant.parse("2024-01-16T10:00:00Z"));
      assertThat(f.sender()).isEqualTo("news@acme.com");
      assertThat(f.recipient()).isEqualTo("bob@example.com");
      assertThat(f.subject()).isEqualTo("invoice");
      assertThat(f.eventType()).isEqualTo(EventType.TEMPORARY_FAIL);
      assertThat(f.tags()).isEqualTo("promo");
      assertThat(f.limit()).isEqualTo(10);
      assertThat(f.hasHistory()).isTrue();
    }

    @Test
    void an_unknown_parameter_is_named() {
      assertRefused("Invalid query parameter: x", "x", "1");
      assertRefused(
          "Invalid query parameter: startCreatedAt", "startCreatedAt", "2024-01-15T10:00:00Z");
      assertRefused("Invalid query parameter: eventType", "eventType", "sent");
    }

    @Test
    void a_repeated_parameter_is_named() {
      assertRefused("Duplicate query parameter: limit", "limit", "1", "limit", "2");
      assertRefused("Duplicate query parameter: tags", "tags", "a", "tags", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:00:00", "2024-01-15", "", "now"})
    void dates_must_be_rfc3339_with_a_zone(String raw) {
      assertRefused("Wrong date format: start must be RFC3339", "start", raw);
      assertRefused("Wrong date format: end must be RFC3339", "end", raw);
    }

    @Test
    void start_cannot_be_after_end() {
      assertRefused(
          "start cannot be after end",
          "start",
          "2024-01-15T10:00:01Z",
          "end",
          "2024-01-15T10:00:00Z");
      StreamFilter same =
          parse("start", "2024-01-15T12:00:00+02:00", "end", "2024-01-15T10:00:00Z");
      assertThat(same.start()).isEqualTo(same.end());
    }

    @Test
    void one_bound_alone_is_allowed_and_has_no_seven_day_limit() {
      assertThat(parse("start", "2024-01-15T10:00:00Z").end()).isNull();
      assertThat(parse("end", "2024-01-15T10:00:00Z").start()).isNull();
      assertThat(parse("end", "2024-01-15T10:00:00Z").hasHistory()).isTrue();
      assertThat(parse("start", "2020-01-01T00:00:00Z", "end", "2024-01-01T00:00:00Z").hasHistory())
          .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "500001", "abc", "-1", "", "1.5", "+5", "99999999", "1e3"})
    void limit_must_be_between_1_and_500000(String raw) {
      assertRefused("limit must be between 1 and 500000", "limit", raw);
    }

    @Test
    void limit_bounds_are_inclusive() {
      assertThat(parse("limit", "1").limit()).isEqualTo(1);
      assertThat(parse("limit", "500000").limit())
          .isEqualTo(500_000)
          .isEqualTo(StreamFilter.MAX_LIMIT);
    }

    @Test
    void the_constructor_checks_the_limit_too() {
      assertThatThrownBy(() -> new StreamFilter(null, null, null, null, null, null, null, 0))
          .hasMessage("limit must be between 1 and 500000");
      assertThatThrownBy(() -> new StreamFilter(null, null, null, null, null, null, null, 500_001))
          .hasMessage("limit must be between 1 and 500000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "", "Delivered", "open", "temporary-fail"})
    void an_unknown_event_type_is_named(String raw) {
      assertRefused("Invalid event_type: " + raw, "event_type", raw);
    }

    @Test
    void every_event_type_is_accepted() {
      for (EventType t : EventType.values()) {
        assertThat(parse("event_type", t.wireName()).eventType()).isEqualTo(t);
      }
    }
  }

  @Nested
  class LastEventId {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "123", "999999999999999999"})
    void a_non_negative_integer_is_a_sequence(String raw) {
      assertThat(StreamFilter.parseLastEventId(raw)).isEqualTo(Long.parseLong(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "", " 1", "1.5", "1234567890123456789", "0x10"})
    void anything_else_is_refused(String raw) {
      assertThatThrownBy(() -> StreamFilter.parseLastEventId(raw))
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage("Invalid Last-Event-ID: " + raw);
    }

    @Test
    void null_is_refused() {
      assertThatThrownBy(() -> StreamFilter.parseLastEventId(null))
          .hasMessage("Invalid Last-Event-ID: null");
    }
  }

  @Nested
  class Matching {
    private final EmailLog log =
        AnEvent.queued()
            .from("News@Acme.com")
            .to("Bob@Example.com")
            .subject("Your Invoice #42")
            .tags("Promo-Spring", "vip")
            .log(1);

    private LogEvent event(EventType type, long second) {
      return LogEvent.of(AnEvent.of(type).to("Bob@Example.com").atSecond(second).build(), log);
    }

    @Test
    void no_filter_matches_everything() {
      assertThat(parse().matches(event(EventType.SENT, 0))).isTrue();
    }

    @Test
    void start_and_end_are_inclusive() {
      StreamFilter f = parse("start", "2024-01-15T10:00:10Z", "end", "2024-01-15T10:00:20Z");
      assertThat(f.matches(event(EventType.SENT, 9))).isFalse();
      assertThat(f.matches(event(EventType.SENT, 10))).isTrue();
      assertThat(f.matches(event(EventType.SENT, 20))).isTrue();
      assertThat(f.matches(event(EventType.SENT, 21))).isFalse();
    }

    @Test
    void sender_and_recipient_are_exact_and_case_insensitive() {
      assertThat(parse("sender", "news@acme.com").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("sender", "NEWS@ACME.COM").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("sender", "news@acme").matches(event(EventType.SENT, 0))).isFalse();
      assertThat(parse("recipient", "BOB@example.com").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("recipient", "bob").matches(event(EventType.SENT, 0))).isFalse();
    }

    @Test
    void subject_is_partial_and_case_insensitive() {
      assertThat(parse("subject", "invoice").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("subject", "YOUR INVOICE #42").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("subject", "receipt").matches(event(EventType.SENT, 0))).isFalse();
    }

    @Test
    void tags_match_partially_on_any_tag() {
      assertThat(parse("tags", "spring").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("tags", "VIP").matches(event(EventType.SENT, 0))).isTrue();
      assertThat(parse("tags", "gold").matches(event(EventType.SENT, 0))).isFalse();
      EmailLog untagged = AnEvent.queued().log(2);
      LogEvent e = LogEvent.of(AnEvent.of(EventType.SENT).build(), untagged);
      assertThat(parse("tags", "a").matches(e)).isFalse();
    }

    @Test
    void event_type_is_exact() {
      StreamFilter f = parse("event_type", "delivered");
      assertThat(f.matches(event(EventType.DELIVERED, 0))).isTrue();
      assertThat(f.matches(event(EventType.SENT, 0))).isFalse();
    }
  }
}
