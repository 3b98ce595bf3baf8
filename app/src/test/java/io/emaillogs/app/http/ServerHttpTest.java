package io.emaillogs.app.http;

import static io.emaillogs.app.http.HttpFixture.queued;
import static io.emaillogs.app.http.HttpFixture.refId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import io.emaillogs.app.http.HttpFixture.Stream;
import io.emaillogs.app.http.SseReader.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is not one endpoint's business: health, unknown paths and methods, unexpected failures. */
@Timeout(60)
class ServerHttpTest {
  static HttpFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.instrumented();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void the_server_tells_its_port_and_base_uri() {
    assertThat(f.server.port()).isPositive();
    assertThat(f.server.baseUri().toString())
        .isEqualTo("http://127.0.0.1:" + f.server.port() + "/");
    assertThat(HttpOptions.of(8080)).isEqualTo(new HttpOptions("127.0.0.1", 8080));
    assertThatThrownBy(() -> HttpOptions.of(70_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_port_in_use_fails_the_start() {
    assertThatThrownBy(
            () -> EmailLogsHttpServer.start(f.logs, HttpOptions.of(f.server.port())).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void health_is_up_or_down_and_needs_no_token() {
    Reply up = f.get("/health", null);
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(up.header("Content-Type")).isEqualTo("application/json");
    assertThat(up.header("Content-Length")).isEqualTo("15");

    f.instrumentedStore().healthy = false;
    try {
      Reply down = f.get("/health", null);
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");
    } finally {
      f.instrumentedStore().healthy = true;
    }
  }

  @Test
  void unknown_paths_are_404_json_and_wrong_methods_405() {
    Reply unknown = f.get("/nothing/here", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).isEqualTo("application/json");
    assertThat(unknown.body()).isEqualTo("{\"error\":\"Not found\"}");

    Reply unknownQueryPath = f.get("/v1/email/other", null);
    assertThat(unknownQueryPath.status()).isEqualTo(404);
    assertThat(unknownQueryPath.body()).isEqualTo("{\"success\":false,\"error\":\"Not found\"}");

    Reply post = f.send("POST", "/v1/email/logs", null, "application/json", "{}");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.body()).isEqualTo("{\"success\":false,\"error\":\"Method not allowed\"}");
    assertThat(post.header("Allow")).contains("GET");

    Reply delete = f.send("DELETE", "/health", null, null, null);
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.body()).isEqualTo("{\"error\":\"Method not allowed\"}");

    Reply trace = f.send("TRACE", "/health", "Bearer secret", null, null);
    assertThat(trace.status()).isEqualTo(405);
    assertThat(trace.body()).doesNotContain("secret");
  }

  @Test
  void an_unexpected_failure_is_500_unknown_error_without_its_details() {
    Customer c = f.customer();
    f.instrumentedStore().searchFailure = new IllegalStateException("db password is hunter2");
    try {
      Reply reply = f.customerGet("/v1/email/logs", c);
      assertThat(reply.status()).isEqualTo(500);
      assertThat(reply.body()).isEqualTo("{\"success\":false,\"error\":\"Unknown error\"}");
      assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
    } finally {
      f.instrumentedStore().searchFailure = null;
    }
  }

  @Test
  void a_failure_after_the_stream_began_is_an_error_event_then_the_end() throws Exception {
    Customer c = f.customer();
    f.ingest(List.of(queued(c, refId(), "a@x.org", f.clock.instant().minusSeconds(5))));
    f.instrumentedStore().scanFailure = new IllegalStateException("disk on fire at /var/db");
    try (Stream s = f.stream(c, "?end=" + f.clock.instant())) {
      assertThat(s.status()).isEqualTo(200);
      List<Frame> frames = s.frames().until(SseReader.EOF, Duration.ofSeconds(5));
      assertThat(frames).extracting(Frame::event).containsExactly("error", SseReader.EOF);
      assertThat(frames.get(0).data()).isEqualTo("{\"error\":\"Unknown error\"}");
    } finally {
      f.instrumentedStore().scanFailure = null;
    }
    assertThat(
            HttpFixture.eventually(
                Duration.ofSeconds(5), () -> f.limiter.openStreams(c.accountId()) == 0))
        .isTrue();
  }

  @Test
  void what_grizzly_refuses_itself_shows_no_page_and_no_trace() {
    String garbage = f.raw("GET /health HTTP/1.1\r\nContent-Length: nope");
    assertThat(garbage).doesNotContain("<html").doesNotContain("at org.");
  }

  @Test
  void a_malformed_query_string_is_400_in_json() {
    String plain = f.raw("GET /api/domains/example.com/log/stream?x=%G1 HTTP/1.1");
    assertThat(plain).startsWith("HTTP/1.1 400 ");
    assertThat(plain).contains("Content-Type: application/json");
    assertThat(plain).endsWith("\r\n\r\n{\"error\":\"Malformed query string\"}");
  }
}
