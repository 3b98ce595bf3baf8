package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.domain.AnEvent;
import io.emaillogs.domain.EmailLog;
import org.junit.jupiter.api.Test;

class PositionTest {
  private static EmailLog log(long createdSecond, long id) {
    return AnEvent.queued().ref("r" + id).atSecond(createdSecond).log(id);
  }

  @Test
  void newest_first_by_created_at_then_id() {
    Position p = Position.of(log(10, 5));
    assertThat(p).isEqualTo(new Position(AnEvent.T0.plusSeconds(10), 5));
    assertThat(p.precedes(log(9, 99))).as("older").isTrue();
    assertThat(p.precedes(log(10, 4))).as("same time, lower id").isTrue();
    assertThat(p.precedes(log(10, 5))).as("itself").isFalse();
    assertThat(p.precedes(log(10, 6))).as("same time, higher id").isFalse();
    assertThat(p.precedes(log(11, 1))).as("newer").isFalse();
  }
}
