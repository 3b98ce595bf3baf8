package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageTokenTest {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
  private static final DateWindow W = DateWindow.of(T.minusSeconds(60), T);

  @Test
  void needs_a_sixteen_byte_fingerprint_and_a_window() {
    assertThatThrownBy(() -> new PageToken(1, new byte[15], W, null, new Position(T, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PageToken(1, new byte[16], null, null, new Position(T, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PageToken(1, new byte[16], W, null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void keeps_its_own_copy_of_the_fingerprint_and_compares_by_content() {
    byte[] fp = new byte[16];
    PageToken a = new PageToken(1, fp, W, null, new Position(T, 1));
    fp[0] = 9;
    assertThat(a.fingerprint()[0]).isZero();
    a.fingerprint()[1] = 9;
    assertThat(a.fingerprint()[1]).isZero();

    PageToken b = new PageToken(1, new byte[16], W, null, new Position(T, 1));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new PageToken(2, new byte[16], W, null, new Position(T, 1)));
    assertThat(a).isNotEqualTo(new PageToken(1, fp, W, null, new Position(T, 1)));
  }
}
