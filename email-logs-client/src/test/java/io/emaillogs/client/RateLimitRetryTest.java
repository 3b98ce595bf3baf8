package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's real 429s (its limiter: in-process on the in-memory store, in the database on
 * PostgreSQL): the client waits the {@code Retry-After} the server sent and retries, a bounded
 * number of times, and never waits longer than its policy allows.
 */
class RateLimitRetryTest {
  private static final StatsQuery CHEAP =
      StatsQuery.builder().interval(StatsInterval.TOTAL).build();

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void a_429_is_retried_after_retry_after(String store) throws Exception {
    try (TestServer server = TestServer.start(store)) {
      // 60 a minute: one request back every second, so Retry-After is 1
      TestServer.Customer customer = server.customer("example.com", 60);
      try (EmailLogsClient probe =
          EmailLogsClient.builder(server.uri(), customer.token()).retry(RetryPolicy.NONE).build()) {
        TooManyRequestsException refused = drain(probe);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.serverMessage()).isEqualTo("Too many attempts. Please try again later.");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1));
      }
      List<Duration> waits = new CopyOnWriteArrayList<>();
      try (EmailLogsClient client =
          EmailLogsClient.builder(server.uri(), customer.token())
              .retry(new RetryPolicy(5, Duration.ofSeconds(5)))
              .sleeper(
                  d -> {
                    waits.add(d);
                    Thread.sleep(d.toMillis());
                  })
              .build()) {
        for (int i = 0; i < 3; i++) { // the bucket is empty: 3 calls need 3 refills
          assertThat(client.stats(CHEAP).interval()).isEqualTo(StatsInterval.TOTAL);
        }
      }
      assertThat(waits).isNotEmpty().allMatch(d -> d.equals(Duration.ofSeconds(1)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void retries_are_bounded_and_long_waits_are_not_taken(String store) throws Exception {
    try (TestServer server = TestServer.start(store)) {
      // 1 a minute: once refused, the next request passes only in up to a minute
      TestServer.Customer customer = server.customer("example.com", 1);
      try (EmailLogsClient probe =
          EmailLogsClient.builder(server.uri(), customer.token()).retry(RetryPolicy.NONE).build()) {
        drain(probe);
      }
      List<Duration> waits = new CopyOnWriteArrayList<>();
      try (EmailLogsClient client =
          EmailLogsClient.builder(server.uri(), customer.token())
              .retry(new RetryPolicy(2, Duration.ofMinutes(2)))
              .sleeper(waits::add) // records the wait, does not take it
              .build()) {
        assertThatThrownBy(() -> client.stats(CHEAP))
            .isInstanceOfSatisfying(
                TooManyRequestsException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(429);
                  assertThat(e.retryAfter().orElseThrow())
                      .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(60));
                });
      }
      assertThat(waits).hasSize(2).allMatch(d -> d.compareTo(Duration.ofSeconds(2)) >= 0);

      waits.clear();
      try (EmailLogsClient impatient =
          EmailLogsClient.builder(server.uri(), customer.token())
              .retry(new RetryPolicy(3, Duration.ofSeconds(1)))
              .sleeper(waits::add)
              .build()) {
        assertThatThrownBy(() -> impatient.stats(CHEAP))
            .isInstanceOf(TooManyRequestsException.class);
      }
      assertThat(waits).isEmpty(); // Retry-After over maxWait: thrown at once
    }
  }

  private static TooManyRequestsException drain(EmailLogsClient probe) {
    for (int i = 0; i < 1_000; i++) {
      try {
        probe.stats(CHEAP);
      } catch (TooManyRequestsException e) {
        return e;
      }
    }
    throw new AssertionError("never refused");
  }
}
