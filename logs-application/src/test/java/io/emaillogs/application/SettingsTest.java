package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void defaults_are_the_specs() {
    assertThat(Settings.DEFAULTS).isEqualTo(new Settings(120, 5, Duration.ofSeconds(15), 1000));
  }

  @Test
  void limits_must_be_positive() {
    assertThatThrownBy(() -> new Settings(0, 5, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(1, 0, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(1, 1, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(1, 1, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(1, 1, Duration.ofMillis(-1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withers_change_one_setting() {
    assertThat(Settings.DEFAULTS.withRequestsPerMinute(7))
        .isEqualTo(new Settings(7, 5, Duration.ofSeconds(15), 1000));
    assertThat(Settings.DEFAULTS.withMaxStreamsPerAccount(2))
        .isEqualTo(new Settings(120, 2, Duration.ofSeconds(15), 1000));
    assertThat(Settings.DEFAULTS.withKeepAlive(Duration.ofMillis(50)))
        .isEqualTo(new Settings(120, 5, Duration.ofMillis(50), 1000));
  }
}
