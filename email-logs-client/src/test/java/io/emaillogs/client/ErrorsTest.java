package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refusals of the real server come out as typed exceptions with its status and its message. */
class ErrorsTest {
  private static TestServer server;
  private static TestServer.Customer customer;
  private static EmailLogsClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("mem");
    customer = server.customer("example.com", null);
    client = EmailLogsClient.builder(server.uri(), customer.token()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void a_delivered_window_over_7_days_is_the_servers_400() {
    Instant now = Instant.now();
    LogQuery query =
        LogQuery.builder().deliveredBetween(now.minus(Duration.ofDays(8)), now).build();
    assertThatThrownBy(() -> client.logs(query).findFirst())
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.serverMessage()).isEqualTo("date range cannot exceed 7 days");
            });
  }

  @Test
  void statistics_over_93_days_are_the_servers_400() {
    Instant now = Instant.now();
    StatsQuery query =
        StatsQuery.builder().createdBetween(now.minus(Duration.ofDays(94)), now).build();
    assertThatThrownBy(() -> client.stats(query))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("HTTP 400: date range cannot exceed 93 days");
  }

  @Test
  void an_unknown_message_is_404_and_a_malformed_ref_id_400() {
    assertThatThrownBy(() -> client.timeline("no-such-ref"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("email log not found"));
    assertThatThrownBy(() -> client.timeline("not a/ref id"))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("invalid refId"));
  }

  @Test
  void a_wrong_token_is_401() {
    try (EmailLogsClient stranger =
        EmailLogsClient.builder(server.uri(), "el_not-a-real-token").build()) {
      assertThatThrownBy(() -> stranger.logs(LogQuery.all()).count())
          .isInstanceOfSatisfying(
              UnauthorizedException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.serverMessage()).isEqualTo("Unauthorized");
              });
    }
  }

  @Test
  void a_stream_of_a_domain_not_ones_own_is_refused_before_subscribing() {
    assertThatThrownBy(
            () -> client.stream("other.example.net", StreamFilters.none(), event -> {}).close())
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e ->
                assertThat(e.serverMessage())
                    .isEqualTo("Domain not found or you do not own this domain"));
  }

  @Test
  void a_bad_stream_filter_is_the_servers_400() {
    Instant now = Instant.now();
    StreamFilters backwards =
        StreamFilters.builder().start(now).end(now.minus(Duration.ofHours(1))).build();
    assertThatThrownBy(() -> client.stream("example.com", backwards, event -> {}).close())
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("start cannot be after end"));
  }

  @Test
  void no_server_is_a_transport_exception() {
    try (EmailLogsClient nowhere =
        EmailLogsClient.builder(java.net.URI.create("http://127.0.0.1:1"), "t").build()) {
      assertThatThrownBy(() -> nowhere.timeline("x"))
          .isInstanceOf(TransportException.class)
          .isInstanceOf(EmailLogsClientException.class);
    }
  }
}
