package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, item 4: every error answer is framed (a {@code Content-Length}, chunked, or closed
 * after its body) so that a client knows where it ends, whatever the method - also {@code CONNECT},
 * {@code TRACE} and made-up ones - and the connection then either serves the next request or is
 * closed. Over a raw socket, since an HTTP client library would hide exactly this.
 */
@Timeout(60)
class ErrorFramingTest {
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static StoreServer server;

  @BeforeAll
  static void start() throws Exception {
    server = StoreServer.start("mem", 5);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CONNECT /health",
        "CONNECT 127.0.0.1:80",
        "TRACE /health",
        "TRACE /v1/email/logs",
        "FOO /health",
        "PROPFIND /v1/email/logs",
        "DELETE /health",
        "POST /api/domains/example.com/log/stream",
        "PUT /api/domains/example.com/log/stream",
        "GET /no/such/path",
        "GET /api/domains/example.com/log/stream"
      })
  void the_error_is_framed_and_the_connection_serves_on_or_closes(String requestLine)
      throws Exception {
    String request = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String follow = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    try (RawStream raw = RawStream.send(server.port(), request + follow)) {
      String answer = raw.readToEnd(700);
      System.out.println("--- " + requestLine + "\n" + answer);
      assertThat(answer).matches("(?s)HTTP/1\\.1 [45]\\d\\d .*");
      String head = answer.substring(0, answer.indexOf("\r\n\r\n") + 4);
      String rest = answer.substring(head.length());
      Matcher length = LENGTH.matcher(head);
      boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
      boolean closeDelimited =
          head.toLowerCase(Locale.ROOT).contains("connection: close") && rest.endsWith("<closed>");
      assertThat(length.find() || chunked || closeDelimited)
          .as("framed by Content-Length, chunked, or closed after the body: %s", answer)
          .isTrue();
      assertThat(answer).doesNotContainIgnoringCase("<html").doesNotContain("at org.");
      if (closeDelimited) {
        assertThat(rest)
            .isEqualTo(
                (requestLine.contains("/v1/") ? "{\"success\":false,\"error\":" : "{\"error\":")
                    + "\"Method not allowed\"}<closed>");
        return;
      }
      if (!chunked) {
        int n = Integer.parseInt(length.group(1));
        assertThat(rest.length()).as("body of %s bytes", n).isGreaterThanOrEqualTo(n);
        assertThat(rest.substring(0, n)).startsWith("{").endsWith("}");
        rest = rest.substring(n);
      }
      boolean closed = rest.endsWith("<closed>");
      boolean servedOn = rest.startsWith("HTTP/1.1 200 ");
      assertThat(closed || servedOn)
          .as("after the error: the next request is served or the connection is closed: %s", rest)
          .isTrue();
    }
  }

  /**
   * Issue 13 (found by {@link HostileInputTest}): Grizzly never reads a TRACE body, so it was read
   * as the next request (a 505 for the next client request on that connection). Now the answer is a
   * 405 and the connection closes, so no byte of the body is taken for a request.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TRACE /admin/events", "TRACE /v1/email/logs"})
  void a_body_grizzly_would_not_read_closes_the_connection(String requestLine) throws Exception {
    String smuggled = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String request =
        requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + smuggled.length()
            + "\r\n\r\n"
            + smuggled;
    try (RawStream raw = RawStream.send(server.port(), request)) {
      String answer = raw.readToEnd(700);
      assertThat(answer).startsWith("HTTP/1.1 405 ").endsWith("\"Method not allowed\"}<closed>");
      assertThat(answer).doesNotContain("HTTP/1.1 200");
    }
  }
}
