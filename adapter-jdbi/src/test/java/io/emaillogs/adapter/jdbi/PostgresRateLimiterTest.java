package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.RateLimiter.StreamSlot;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresRateLimiterTest {
  private Databases.Fresh database;
  private JdbiStores stores;
  private RateLimiter limiter;

  @BeforeEach
  void open() {
    database = Databases.postgres();
    stores = database.open();
    limiter = stores.sharedRateLimiter().orElseThrow();
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void remainingCountsDownThenRetryAfterSaysWhenATokenIsBack() {
    for (long remaining = 4; remaining >= 0; remaining--) {
      assertThat(limiter.tryConsume(7, 5)).isEqualTo(new RateDecision(true, 5, remaining, 0));
    }

    assertThat(limiter.tryConsume(7, 5)).isEqualTo(new RateDecision(false, 5, 0, 12));
    assertThat(limiter.tryConsume(8, 5).remaining()).isEqualTo(4); // accounts do not share
  }

  @Test
  void theBucketRefillsSmoothlyOverAMinute() {
    for (int i = 0; i < 5; i++) {
      limiter.tryConsume(7, 5);
    }
    ageBucket(7, 6); // half a token back (5 per 60 s)
    assertThat(limiter.tryConsume(7, 5)).isEqualTo(new RateDecision(false, 5, 0, 6));

    ageBucket(7, 6); // the second half
    assertThat(limiter.tryConsume(7, 5)).isEqualTo(new RateDecision(true, 5, 0, 0));

    ageBucket(7, 3_600); // never more than the limit
    assertThat(limiter.tryConsume(7, 5).remaining()).isEqualTo(4);
  }

  @Test
  void aLowerLimitCapsTheBucket() {
    limiter.tryConsume(7, 100);

    assertThat(limiter.tryConsume(7, 3).remaining()).isEqualTo(2);
  }

  @Test
  void streamSlotsAreCountedPerAccount() {
    Optional<StreamSlot> first = limiter.tryOpenStream(7, 2);
    Optional<StreamSlot> second = limiter.tryOpenStream(7, 2);
    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(limiter.tryOpenStream(7, 2)).isEmpty();
    assertThat(limiter.tryOpenStream(8, 2)).isPresent();

    first.get().close();
    first.get().close(); // idempotent: frees one slot only

    assertThat(limiter.tryOpenStream(7, 2)).isPresent();
    assertThat(limiter.tryOpenStream(7, 2)).isEmpty();
  }

  private void ageBucket(long accountId, int seconds) {
    database.execute(
        "UPDATE rate_buckets SET refilled_at = refilled_at - INTERVAL '"
            + seconds
            + " seconds' WHERE account_id = "
            + accountId);
  }
}
