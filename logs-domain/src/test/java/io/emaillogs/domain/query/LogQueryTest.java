package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogQueryTest {
  private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");

  private static LogQuery parse(String... namesAndValues) {
    return LogQuery.parse(Params.of(namesAndValues));
  }

  private static void assertRefused(String message, String... namesAndValues) {
    assertThatThrownBy(() -> parse(namesAndValues))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void no_parameter_gives_the_defaults() {
    LogQuery q = parse();
    assertThat(q.filter()).isEqualTo(LogFilter.NONE);
    assertThat(q.createdWindow()).isNull();
    assertThat(q.deliveredWindow()).isNull();
    assertThat(q.pageSize()).isEqualTo(new PageSize(20));
    assertThat(q.pageToken()).isNull();
  }

  @Test
  void every_filter_is_read() {
    LogQuery q =
        parse(
            "email", "Bob@Example.com",
            "recipientDomain", "Example.COM",
            "refId", "Ref-1",
            "status", "bounced",
            "fromAddress", "News@Acme.com",
            "subject", "Hello World",
            "campaignId", "Camp",
            "recipientType", "cc",
            "failedReason", "Mailbox Full",
            "pageSize", "7",
            "pageToken", "abc");
    assertThat(q.filter())
        .isEqualTo(
            new LogFilter(
                "bob@example.com",
                "example.com",
                "Ref-1",
                LogStatus.BOUNCED,
                "news@acme.com",
                "Hello World",
                "Camp",
                RecipientType.CC,
                "Mailbox Full"));
    assertThat(q.pageSize().value()).isEqualTo(7);
    assertThat(q.pageToken()).isEqualTo("abc");
  }

  @Nested
  class ParameterNames {
    @Test
    void an_unknown_parameter_is_named() {
      assertRefused("Invalid query parameter: x", "x", "1");
      assertRefused("Invalid query parameter: Status", "Status", "sent");
      assertRefused("Invalid query parameter: page_size", "page_size", "5");
      assertRefused("Invalid query parameter: start", "start", "2024-01-15T10:00:00Z");
    }

    @Test
    void a_parameter_given_twice_is_named() {
      assertRefused("Duplicate query parameter: status", "status", "sent", "status", "opened");
      assertRefused("Duplicate query parameter: status", "status", "sent", "status", "sent");
      assertRefused("Duplicate query parameter: pageSize", "pageSize", "5", "pageSize", "5");
    }

    @Test
    void unknown_names_are_reported_before_repeats_and_in_alphabetical_order() {
      assertRefused("Invalid query parameter: b", "status", "x", "status", "y", "z", "1", "b", "2");
    }

    @Test
    void name_checks_come_before_value_checks() {
      assertRefused("Invalid query parameter: x", "pageSize", "0", "x", "1");
      assertRefused(
          "Duplicate query parameter: email", "pageSize", "0", "email", "a", "email", "b");
    }

    @Test
    void every_documented_parameter_is_accepted() {
      assertThat(LogQuery.PARAMETERS)
          .containsExactlyInAnyOrder(
              "email",
              "recipientDomain",
              "refId",
              "status",
              "fromAddress",
              "subject",
              "campaignId",
              "recipientType",
              "failedReason",
              "startCreatedAt",
              "endCreatedAt",
              "startDeliveredDate",
              "endDeliveredDate",
              "pageSize",
              "pageToken");
    }
  }

  @Nested
  class PageSizes {
    @ParameterizedTest
    @ValueSource(
        strings = {"0", "51", "abc", "-1", "", "1.5", " 5", "5 ", "+5", "1000", "99999999999"})
    void out_of_range_or_not_an_integer_is_refused_never_clamped(String raw) {
      assertRefused("pageSize must be between 1 and 50", "pageSize", raw);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "50, 50", "20, 20", "49, 49"})
    void in_range_is_kept(String raw, int value) {
      assertThat(parse("pageSize", raw).pageSize().value()).isEqualTo(value);
    }

    @Test
    void default_is_20() {
      assertThat(parse().pageSize().value()).isEqualTo(20);
    }
  }

  @Nested
  class CreatedWindow {
    @Test
    void exactly_seven_days_is_allowed() {
      LogQuery q =
          parse("startCreatedAt", "2024-01-08T10:00:00Z", "endCreatedAt", "2024-01-15T10:00:00Z");
      assertThat(q.createdWindow())
          .isEqualTo(
              DateWindow.of(
                  Instant.parse("2024-01-08T10:00:00Z"), Instant.parse("2024-01-15T10:00:00Z")));
    }

    @Test
    void seven_days_and_one_second_is_refused() {
      assertRefused(
          "date range cannot exceed 7 days",
          "startCreatedAt",
          "2024-01-08T10:00:00Z",
          "endCreatedAt",
          "2024-01-15T10:00:01Z");
    }

    @Test
    void seven_days_and_one_nanosecond_is_refused() {
      assertRefused(
          "date range cannot exceed 7 days",
          "startCreatedAt",
          "2024-01-08T10:00:00Z",
          "endCreatedAt",
          "2024-01-15T10:00:00.000000001Z");
    }

    @Test
    void offsets_are_converted_before_measuring() {
      // 12:00+02:00 is 10:00Z: exactly seven days
      LogQuery q =
          parse(
              "startCreatedAt", "2024-01-08T12:00:00+02:00",
              "endCreatedAt", "2024-01-15T10:00:00Z");
      assertThat(q.createdWindow().start()).isEqualTo(Instant.parse("2024-01-08T10:00:00Z"));
      assertThat(Duration.between(q.createdWindow().start(), q.createdWindow().end()))
          .isEqualTo(Duration.ofDays(7));
      // 10:00-00:01 is 10:01Z: seven days and a minute
      assertRefused(
          "date range cannot exceed 7 days",
          "startCreatedAt",
          "2024-01-08T10:00:00Z",
          "endCreatedAt",
          "2024-01-15T09:01:00-01:00");
    }

    @Test
    void a_zero_length_window_is_allowed() {
      LogQuery q =
          parse(
              "startCreatedAt",
              "2024-01-15T10:00:00Z",
              "endCreatedAt",
              "2024-01-15T12:00:00+02:00");
      assertThat(q.createdWindow().start()).isEqualTo(q.createdWindow().end());
    }

    @Test
    void one_bound_alone_is_refused() {
      assertRefused("endCreatedAt is required", "startCreatedAt", "2024-01-15T10:00:00Z");
      assertRefused("startCreatedAt is required", "endCreatedAt", "2024-01-15T10:00:00Z");
    }

    @Test
    void start_after_end_is_refused() {
      assertRefused(
          "startCreatedAt cannot be after endCreatedAt",
          "startCreatedAt",
          "2024-01-15T10:00:01Z",
          "endCreatedAt",
          "2024-01-15T10:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:00:00", "2024-01-15", "", "yesterday", "1705312800"})
    void a_date_without_a_zone_is_refused(String raw) {
      assertRefused(
          "Wrong date format: startCreatedAt must be RFC3339",
          "startCreatedAt",
          raw,
          "endCreatedAt",
          "2024-01-15T10:00:00Z");
      assertRefused(
          "Wrong date format: endCreatedAt must be RFC3339",
          "startCreatedAt",
          "2024-01-15T10:00:00Z",
          "endCreatedAt",
          raw);
    }

    @Test
    void a_bad_date_is_reported_even_when_its_partner_is_missing() {
      assertRefused(
          "Wrong date format: startCreatedAt must be RFC3339", "startCreatedAt", "2024-01-15");
    }
  }

  @Nested
  class DeliveredWindow {
    @Test
    void exactly_seven_days_is_allowed_and_one_second_more_is_not() {
      LogQuery q =
          parse(
              "startDeliveredDate", "2024-01-08T10:00:00Z",
              "endDeliveredDate", "2024-01-15T10:00:00Z");
      assertThat(q.deliveredWindow().end()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
      assertThat(q.createdWindow()).isNull();
      assertRefused(
          "date range cannot exceed 7 days",
          "startDeliveredDate",
          "2024-01-08T10:00:00Z",
          "endDeliveredDate",
          "2024-01-15T10:00:01Z");
    }

    @Test
    void one_bound_alone_is_refused() {
      assertRefused("endDeliveredDate is required", "startDeliveredDate", "2024-01-15T10:00:00Z");
      assertRefused("startDeliveredDate is required", "endDeliveredDate", "2024-01-15T10:00:00Z");
    }

    @Test
    void start_after_end_is_refused() {
      assertRefused(
          "startDeliveredDate cannot be after endDeliveredDate",
          "startDeliveredDate",
          "2024-01-16T00:00:00Z",
          "endDeliveredDate",
          "2024-01-15T00:00:00Z");
    }

    @Test
    void a_date_without_a_zone_is_refused() {
      assertRefused(
          "Wrong date format: startDeliveredDate must be RFC3339",
          "startDeliveredDate",
          "2024-01-15T10:00:00",
          "endDeliveredDate",
          "2024-01-15T11:00:00Z");
      assertRefused(
          "Wrong date format: endDeliveredDate must be RFC3339",
          "startDeliveredDate",
          "2024-01-15T10:00:00Z",
          "endDeliveredDate",
          "2024-01-15");
    }

    @Test
    void offsets_are_accepted_and_converted() {
      LogQuery q =
          parse(
              "startDeliveredDate", "2024-01-15T10:00:00+02:00",
              "endDeliveredDate", "2024-01-15T10:00:00Z");
      assertThat(q.deliveredWindow().start()).isEqualTo(Instant.parse("2024-01-15T08:00:00Z"));
    }

    @Test
    void both_windows_may_be_given_each_checked_on_its_own() {
      LogQuery q =
          parse(
              "startCreatedAt", "2024-01-01T00:00:00Z",
              "endCreatedAt", "2024-01-08T00:00:00Z",
              "startDeliveredDate", "2024-01-05T00:00:00Z",
              "endDeliveredDate", "2024-01-12T00:00:00Z");
      assertThat(q.createdWindow()).isNotNull();
      assertThat(q.deliveredWindow()).isNotNull();
      assertRefused(
          "endDeliveredDate is required",
          "startCreatedAt",
          "2024-01-01T00:00:00Z",
          "endCreatedAt",
          "2024-01-08T00:00:00Z",
          "startDeliveredDate",
          "2024-01-05T00:00:00Z");
    }
  }

  @Nested
  class DefaultWindow {
    @Test
    void with_no_bounds_at_all_the_created_window_is_the_last_seven_days() {
      assertThat(parse().resolveCreatedWindow(NOW))
          .isEqualTo(DateWindow.of(NOW.minus(Duration.ofDays(7)), NOW));
      assertThat(parse("status", "sent").resolveCreatedWindow(NOW).end()).isEqualTo(NOW);
    }

    @Test
    void with_delivered_bounds_only_no_created_window_applies() {
      LogQuery q =
          parse(
              "startDeliveredDate", "2023-01-01T00:00:00Z",
              "endDeliveredDate", "2023-01-02T00:00:00Z");
      assertThat(q.resolveCreatedWindow(NOW)).isNull();
    }

    @Test
    void with_created_bounds_the_callers_window_is_used() {
      LogQuery q =
          parse("startCreatedAt", "2023-01-01T00:00:00Z", "endCreatedAt", "2023-01-02T00:00:00Z");
      assertThat(q.resolveCreatedWindow(NOW)).isEqualTo(q.createdWindow());
    }
  }

  @Nested
  class Values {
    @Test
    void an_unknown_status_is_named() {
      assertRefused("Invalid status: x", "status", "x");
      assertRefused("Invalid status: Delivered", "status", "Delivered");
      assertRefused("Invalid status: deferred", "status", "deferred");
      assertRefused("Invalid status: ", "status", "");
    }

    @Test
    void an_unknown_recipient_type_is_named() {
      assertRefused("Invalid recipientType: x", "recipientType", "x");
      assertRefused("Invalid recipientType: BCC", "recipientType", "BCC");
    }

    @Test
    void every_status_is_accepted() {
      for (LogStatus s : LogStatus.values()) {
        assertThat(parse("status", s.wireName()).filter().status()).isEqualTo(s);
      }
    }
  }

  @Nested
  class Fingerprint {
    private byte[] fp(String... namesAndValues) {
      return parse(namesAndValues).fingerprint();
    }

    @Test
    void is_sixteen_bytes_and_stable() {
      assertThat(fp("status", "sent")).hasSize(PageToken.FINGERPRINT_LENGTH);
      assertThat(fp("status", "sent")).isEqualTo(fp("status", "sent"));
    }

    @Test
    void ignores_page_size_page_token_and_parameter_order() {
      byte[] base = fp("status", "sent", "email", "bob@example.com");
      assertThat(
              fp("email", "bob@example.com", "status", "sent", "pageSize", "3", "pageToken", "t"))
          .isEqualTo(base);
    }

    @Test
    void ignores_the_case_of_addresses_and_domains() {
      assertThat(
              fp("email", "Bob@Example.com", "fromAddress", "A@B.com", "recipientDomain", "X.COM"))
          .isEqualTo(
              fp("email", "bob@example.com", "fromAddress", "a@b.com", "recipientDomain", "x.com"));
    }

    @Test
    void changes_with_every_filter() {
      List<Map<String, List<String>>> queries =
          List.of(
              Params.of(),
              Params.of("email", "a@b.c"),
              Params.of("recipientDomain", "a@b.c"),
              Params.of("refId", "a@b.c"),
              Params.of("fromAddress", "a@b.c"),
              Params.of("subject", "a@b.c"),
              Params.of("subject", "A@b.c"),
              Params.of("campaignId", "a@b.c"),
              Params.of("failedReason", "a@b.c"),
              Params.of("status", "sent"),
              Params.of("status", "opened"),
              Params.of("recipientType", "to"),
              Params.of("recipientType", "cc"),
              Params.of("refId", "a", "subject", "b"),
              Params.of("refId", "a;1:b", "subject", "-"),
              Params.of("refId", "a", "campaignId", "b"),
              Params.of(
                  "startCreatedAt", "2024-01-01T00:00:00Z", "endCreatedAt", "2024-01-02T00:00:00Z"),
              Params.of(
                  "startCreatedAt", "2024-01-01T00:00:00Z", "endCreatedAt", "2024-01-03T00:00:00Z"),
              Params.of(
                  "startDeliveredDate", "2024-01-01T00:00:00Z",
                  "endDeliveredDate", "2024-01-02T00:00:00Z"));
      List<String> prints =
          queries.stream()
              .map(q -> java.util.HexFormat.of().formatHex(LogQuery.parse(q).fingerprint()))
              .toList();
      assertThat(prints).doesNotHaveDuplicates();
    }

    @Test
    void the_same_window_written_with_an_offset_is_the_same_query() {
      assertThat(
              fp(
                  "startCreatedAt",
                  "2024-01-01T02:00:00+02:00",
                  "endCreatedAt",
                  "2024-01-02T00:00:00Z"))
          .isEqualTo(
              fp("startCreatedAt", "2024-01-01T00:00:00Z", "endCreatedAt", "2024-01-02T00:00:00Z"));
    }
  }
}
