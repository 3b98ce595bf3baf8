package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.streams.Wire.Answer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, found by the fuzzer: the errors Grizzly's HTTP codec answers before any handler sees
 * the request had an empty body (14% of its error answers). Each is now in the API's envelope,
 * JSON, and the connection still answers /health afterwards on a new one.
 */
@Timeout(60)
class CodecErrorsHttpTest {

  @Test
  void errors_of_the_codec_are_in_the_envelope_of_their_path() throws Exception {
    try (StoreServer s = StoreServer.start("mem", 5)) {
      String token = s.customer("example.com");
      String auth = "Authorization: Bearer " + token + "\r\n";

      // a body on a GET (Grizzly reads none for it, so it is refused)
      expect(
          s,
          "GET /v1/email/logs HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 5\r\n\r\nhello",
          400,
          "{\"success\":false,\"error\":\"Bad Request\"}");
      expect(
          s,
          "DELETE /admin/accounts/1/keys/k HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
          400,
          "{\"error\":\"Bad Request\"}");
      // HTTP/1.1 without Host
      expect(s, "GET /health HTTP/1.1\r\n\r\n", 400, "{\"error\":\"Bad Request\"}");
      // a raw space in the target: the "protocol" is "b HTTP/1.1", a bad request, not a 505
      expect(s, "GET /v1/email/logs?x=a b HTTP/1.1\r\nHost: x\r\n\r\n", 400, null);
      // a version the server does not speak is still a 505
      expect(
          s,
          "GET /health HTTP/3.0\r\nHost: x\r\n\r\n",
          505,
          "{\"error\":\"HTTP Version Not Supported\"}");
      // a head over the size limit
      expect(
          s,
          "GET /v1/email/logs HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
          400,
          null);
      // a request line over the size limit: the path is never read, the envelope has both fields
      expect(
          s,
          "GET /v1/email/logs?refId=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
          400,
          "{\"success\":false,\"error\":\"Bad Request\"}");
      // a broken chunk on an ingest call
      expect(
          s,
          "POST /admin/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
              + "Content-Type: application/json\r\n\r\nzz\r\n[]\r\n0\r\n\r\n",
          400,
          "{\"error\":\"Bad Request\"}");

      // what Jersey and Grizzly's handler refuse before any resource: an unreadable media type,
      // an expectation other than 100-continue
      expect(
          s,
          "POST /admin/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + StoreServer.ADMIN
              + "\r\nContent-Type: application/json; charset=\u00ff\r\nContent-Length: 2\r\n\r\n[]",
          400,
          "{\"error\":\"Bad Request\"}");
      expect(
          s,
          "GET /v1/email/logs HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: garbage\r\n\r\n",
          400,
          null);
      expect(
          s,
          "GET /v1/email/logs HTTP/1.1\r\nHost: x\r\n" + auth + "Expect: tea\r\n\r\n",
          417,
          "{\"success\":false,\"error\":\"Expectation Failed\"}");

      try (Wire wire = new Wire(s.port(), 0)) {
        Answer health =
            wire.exchange(
                "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                false);
        assertThat(health.status()).isEqualTo(200);
      }
    }
  }

  /** Sends {@code request} on a connection of its own; {@code body} null: any JSON error body. */
  private static void expect(StoreServer s, String request, int status, String body)
      throws Exception {
    try (Wire wire = new Wire(s.port(), 0)) {
      Answer answer = wire.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
      String shown =
          (request.length() > 80 ? request.substring(0, 80) + "..." : request)
              + " -> "
              + answer.head()
              + answer.body();
      assertThat(answer.status()).as(shown).isEqualTo(status);
      if (!request.contains("a".repeat(10_000))) {
        // over the head's size limit Grizzly writes no header but Content-Length (measured)
        assertThat(answer.header("Content-Type")).as(shown).startsWith("application/json");
      }
      if (body == null) {
        assertThat(answer.body())
            .as(shown)
            .matches("\\{(\"success\":false,)?\"error\":\"[^\"]+\"}");
      } else {
        assertThat(answer.body()).as(shown).isEqualTo(body);
      }
    }
  }
}
