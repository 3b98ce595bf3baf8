package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import io.emaillogs.application.Settings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC section 6 over HTTP. The limiter's clock stands still, so no token refills unless a test
 * moves it.
 */
@Timeout(60)
class RateLimitHttpTest {
  static final String LOGS = "/v1/email/logs";
  static final String TOO_MANY =
      "{\"success\":false,\"message\":\"Too many attempts. Please try again later.\"}";

  static HttpFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static void assertLimited(Reply reply, String limit, String retryAfter) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(429);
    assertThat(reply.body()).isEqualTo(TOO_MANY);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("X-RateLimit-Limit")).isEqualTo(limit);
    assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(reply.header("Retry-After")).isEqualTo(retryAfter);
  }

  @Test
  void remaining_counts_down_4_3_2_1_0_then_429_with_retry_after() {
    Customer c = f.customer(5);
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Reply reply = f.customerGet(LOGS, c);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("5");
      remaining.add(reply.header("X-RateLimit-Remaining"));
    }
    assertThat(remaining).containsExactly("4", "3", "2", "1", "0");

    // 5 a minute: the next token comes 12 s after the bucket was drained
    assertLimited(f.customerGet(LOGS, c), "5", "12");
    assertLimited(f.get("/api/domains/example.com/log/stream", "Bearer " + c.token()), "5", "12");

    f.clock.advance(Duration.ofSeconds(12));
    Reply after = f.customerGet(LOGS, c);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("X-RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  void errors_of_an_admitted_call_carry_the_headers_and_count() {
    Customer c = f.customer(10);
    Reply invalid = f.customerGet(LOGS + "?status=nope", c);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.header("X-RateLimit-Limit")).isEqualTo("10");
    assertThat(invalid.header("X-RateLimit-Remaining")).isEqualTo("9");

    Reply notFound = f.customerGet("/api/domains/unknown.org/log/stream", c);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("X-RateLimit-Remaining")).isEqualTo("8");

    Reply badStream = f.customerGet("/api/domains/example.com/log/stream?limit=0", c);
    assertThat(badStream.status()).isEqualTo(400);
    assertThat(badStream.header("X-RateLimit-Remaining")).isEqualTo("7");
  }

  @Test
  void the_default_limit_is_the_servers_and_an_account_may_override_it() throws Exception {
    assertThat(f.customerGet(LOGS, f.customer()).header("X-RateLimit-Limit")).isEqualTo("120");
    assertThat(f.customerGet(LOGS, f.customer(600)).header("X-RateLimit-Limit")).isEqualTo("600");

    try (HttpFixture strict =
        HttpFixture.start(
            Settings.DEFAULTS.withRequestsPerMinute(2).withKeepAlive(Duration.ofMillis(300)),
            HttpFixture.ADMIN_TOKEN)) {
      Customer c = strict.customer();
      assertThat(strict.customerGet(LOGS, c).header("X-RateLimit-Remaining")).isEqualTo("1");
      assertThat(strict.customerGet(LOGS, c).header("X-RateLimit-Remaining")).isEqualTo("0");
      assertLimited(strict.customerGet(LOGS, c), "2", "30");
    }
  }

  @Test
  void n_concurrent_requests_against_a_limit_of_k_admit_exactly_k() throws Exception {
    int k = 7;
    int n = 40;
    Customer c = f.customer(k);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(
          f.http.sendAsync(
              f.request(LOGS, "Bearer " + c.token()).GET().build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    Map<Integer, Long> byStatus =
        calls.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(byStatus)
        .containsExactlyInAnyOrderEntriesOf(Map.of(200, (long) k, 429, (long) n - k));
    List<String> remaining =
        calls.stream()
            .map(CompletableFuture::join)
            .filter(r -> r.statusCode() == 200)
            .map(r -> r.headers().firstValue("X-RateLimit-Remaining").orElseThrow())
            .sorted()
            .collect(Collectors.toList());
    assertThat(remaining).containsExactly("0", "1", "2", "3", "4", "5", "6");
  }

  @Test
  void the_stream_answer_carries_the_headers_and_a_full_set_of_slots_is_429() throws Exception {
    Customer c = f.customer();
    List<HttpFixture.Stream> open = new ArrayList<>();
    try {
      for (int i = 0; i < f.settings.maxStreamsPerAccount(); i++) {
        HttpFixture.Stream stream = f.stream(c, "");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("X-RateLimit-Limit")).hasValue("120");
        assertThat(stream.response().headers().firstValue("X-RateLimit-Remaining"))
            .hasValue(String.valueOf(119 - i));
        open.add(stream);
      }

      Reply refused = f.customerGet("/api/domains/example.com/log/stream", c);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.body()).isEqualTo(TOO_MANY);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("120");
      assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("114");

      // the query API is not affected by the streams
      assertThat(f.customerGet(LOGS, c).status()).isEqualTo(200);
    } finally {
      open.forEach(HttpFixture.Stream::close);
    }
  }
}
