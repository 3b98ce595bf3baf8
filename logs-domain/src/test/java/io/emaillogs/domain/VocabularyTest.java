package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VocabularyTest {

  @Test
  void status_vocabulary_is_the_spec_list() {
    assertThat(Arrays.stream(LogStatus.values()).map(LogStatus::wireName))
        .containsExactly(
            "queued",
            "sent",
            "delivered",
            "bounced",
            "failed",
            "opened",
            "clicked",
            "spam",
            "unsubscribed");
  }

  @Test
  void event_type_vocabulary_is_the_spec_list() {
    assertThat(Arrays.stream(EventType.values()).map(EventType::wireName))
        .containsExactlyInAnyOrder(
            "queued",
            "sent",
            "delivered",
            "deferred",
            "temporary_fail",
            "permanent_fail",
            "bounced",
            "failed",
            "opened",
            "clicked",
            "spam",
            "unsubscribed");
  }

  @ParameterizedTest
  @EnumSource(LogStatus.class)
  void every_status_round_trips_through_its_wire_name(LogStatus status) {
    assertThat(LogStatus.parse(status.wireName())).isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_event_type_round_trips_through_its_wire_name(EventType type) {
    assertThat(EventType.parse(type.wireName(), "event_type")).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "", "Delivered", "DELIVERED", " delivered", "deferred", "deliver"})
  void an_unknown_status_names_the_value(String value) {
    assertThatThrownBy(() -> LogStatus.parse(value))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid status: " + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "", "TO", "To", "from", "bcc "})
  void an_unknown_recipient_type_names_the_value(String value) {
    assertThatThrownBy(() -> RecipientType.parse(value))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid recipientType: " + value);
  }

  @Test
  void recipient_types_are_to_cc_bcc() {
    assertThat(List.of("to", "cc", "bcc").stream().map(RecipientType::parse))
        .containsExactly(RecipientType.TO, RecipientType.CC, RecipientType.BCC);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "", "QUEUED", "temporary-fail", "open"})
  void an_unknown_event_type_names_the_field_and_value(String value) {
    assertThatThrownBy(() -> EventType.parse(value, "event_type"))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid event_type: " + value);
    assertThatThrownBy(() -> EventType.parse(value, "type")).hasMessage("Invalid type: " + value);
  }

  @Test
  void priorities_are_normal_and_high() {
    assertThat(Priority.parse("normal")).isEqualTo(Priority.NORMAL);
    assertThat(Priority.parse("high")).isEqualTo(Priority.HIGH);
    assertThatThrownBy(() -> Priority.parse("urgent")).hasMessage("Invalid priority: urgent");
    assertThatThrownBy(() -> Priority.parse("HIGH")).hasMessage("Invalid priority: HIGH");
  }

  @Test
  void null_values_are_refused_with_the_message() {
    assertThatThrownBy(() -> LogStatus.parse(null)).hasMessage("Invalid status: null");
    assertThatThrownBy(() -> RecipientType.parse(null)).hasMessage("Invalid recipientType: null");
  }

  @Test
  void precedence_low_to_high_with_the_delivered_bounced_failed_tie() {
    assertThat(LogStatus.QUEUED.rank()).isLessThan(LogStatus.SENT.rank());
    assertThat(LogStatus.SENT.rank()).isLessThan(LogStatus.DELIVERED.rank());
    assertThat(LogStatus.DELIVERED.rank())
        .isEqualTo(LogStatus.BOUNCED.rank())
        .isEqualTo(LogStatus.FAILED.rank());
    assertThat(LogStatus.FAILED.rank()).isLessThan(LogStatus.OPENED.rank());
    assertThat(LogStatus.OPENED.rank()).isLessThan(LogStatus.CLICKED.rank());
    assertThat(LogStatus.CLICKED.rank()).isLessThan(LogStatus.SPAM.rank());
    assertThat(LogStatus.SPAM.rank()).isLessThan(LogStatus.UNSUBSCRIBED.rank());
  }

  @Test
  void event_types_map_to_statuses_as_the_spec_says() {
    assertThat(EventType.QUEUED.status()).contains(LogStatus.QUEUED);
    assertThat(EventType.SENT.status()).contains(LogStatus.SENT);
    assertThat(EventType.DELIVERED.status()).contains(LogStatus.DELIVERED);
    assertThat(EventType.BOUNCED.status()).contains(LogStatus.BOUNCED);
    assertThat(EventType.FAILED.status()).contains(LogStatus.FAILED);
    assertThat(EventType.PERMANENT_FAIL.status()).contains(LogStatus.FAILED);
    assertThat(EventType.OPENED.status()).contains(LogStatus.OPENED);
    assertThat(EventType.CLICKED.status()).contains(LogStatus.CLICKED);
    assertThat(EventType.SPAM.status()).contains(LogStatus.SPAM);
    assertThat(EventType.UNSUBSCRIBED.status()).contains(LogStatus.UNSUBSCRIBED);
    assertThat(EventType.DEFERRED.status()).isEmpty();
    assertThat(EventType.TEMPORARY_FAIL.status()).isEmpty();
  }
}
