package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateWindowTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");

  @Test
  void between_returns_null_when_neither_bound_is_given() {
    assertThat(DateWindow.between("s", null, "e", null)).isNull();
  }

  @Test
  void between_names_the_bounds_in_its_messages() {
    assertThatThrownBy(() -> DateWindow.between("from", "2024-01-15T10:00:00Z", "to", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("to is required");
    assertThatThrownBy(() -> DateWindow.between("from", null, "to", "2024-01-15T10:00:00Z"))
        .hasMessage("from is required");
    assertThatThrownBy(
            () -> DateWindow.between("from", "2024-01-16T10:00:00Z", "to", "2024-01-15T10:00:00Z"))
        .hasMessage("from cannot be after to");
    assertThatThrownBy(() -> DateWindow.between("from", "x", "to", "2024-01-15T10:00:00Z"))
        .hasMessage("Wrong date format: from must be RFC3339");
  }

  @Test
  void the_limit_is_seven_days_inclusive() {
    assertThat(DateWindow.MAX_LENGTH).isEqualTo(Duration.ofDays(7));
    DateWindow w = DateWindow.between("s", "2024-01-08T10:00:00Z", "e", "2024-01-15T10:00:00Z");
    assertThat(w).isEqualTo(new DateWindow(T.minus(Duration.ofDays(7)), T));
    assertThatThrownBy(
            () -> DateWindow.between("s", "2024-01-08T09:59:59Z", "e", "2024-01-15T10:00:00Z"))
        .hasMessage("date range cannot exceed 7 days");
  }

  @Test
  void last_days_ends_now() {
    assertThat(DateWindow.lastDays(T, 7)).isEqualTo(DateWindow.of(T.minus(Duration.ofDays(7)), T));
  }

  @Test
  void contains_both_ends_and_nothing_outside() {
    DateWindow w = DateWindow.of(T, T.plusSeconds(60));
    assertThat(w.contains(T)).isTrue();
    assertThat(w.contains(T.plusSeconds(60))).isTrue();
    assertThat(w.contains(T.plusSeconds(30))).isTrue();
    assertThat(w.contains(T.minusNanos(1))).isFalse();
    assertThat(w.contains(T.plusSeconds(60).plusNanos(1))).isFalse();
  }

  @Test
  void a_window_cannot_end_before_it_starts() {
    assertThatThrownBy(() -> DateWindow.of(T, T.minusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DateWindow.of(T, T).contains(T)).isTrue();
  }
}
