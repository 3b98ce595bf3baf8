package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.streams.Wire.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, found on main: a NUL reached PostgreSQL (500 "Unknown error") from a query parameter,
 * the stream's domain path, an ingested subject and an account name, and a lone surrogate was
 * stored. Now each is the same 400 with a clear message on every store, before any store is asked.
 */
@Timeout(120)
class ForbiddenTextHttpTest {
  private static final String RULE = " must not contain NUL characters or unpaired surrogates";

  @ParameterizedTest
  @ValueSource(strings = {"mem", "h2", "postgresql"})
  void nul_and_lone_surrogates_are_a_400_everywhere(String store) throws Exception {
    try (StoreServer s = StoreServer.start(store, 5);
        Wire wire = new Wire(s.port(), 300)) {
      String token = s.customer("example.com");
      long account = s.accountOf(token);
      String customer = "Authorization: Bearer " + token + "\r\n";
      String admin = "Authorization: Bearer " + StoreServer.ADMIN + "\r\n";

      expect(wire, get("/v1/email/logs?email=a%00b", customer), 400, query("email"));
      expect(wire, get("/v1/email/logs?refId=a%00b", customer), 400, query("refId"));
      expect(wire, get("/v1/email/logs?subject=%00", customer), 400, query("subject"));
      expect(
          wire,
          get("/v1/email/logs/export?failedReason=x%00", customer),
          400,
          query("failedReason"));
      expect(wire, get("/v1/email/stats?campaignId=%00", customer), 400, query("campaignId"));
      expect(
          wire,
          get("/v1/email/logs/a%00b/events", customer),
          400,
          "{\"success\":false,\"error\":\"invalid refId\"}");
      Answer stream = wire.exchange(get("/api/domains/%00/log/stream", customer), false);
      assertThat(stream.status()).as("stream before it begins").isEqualTo(400);
      assertThat(stream.header("Content-Type")).startsWith("application/json");
      assertThat(stream.body()).isEqualTo("{\"error\":\"domain" + RULE + "\"}");
      expect(
          wire,
          get("/api/domains/example.com/log/stream?sender=a%00b", customer),
          400,
          "{\"error\":\"sender" + RULE + "\"}");

      String at = Instant.now().toString();
      String queued =
          "{\"type\":\"queued\",\"accountId\":%d,\"refId\":\"r1\",\"recipientAddress\":\"a@x.org\","
              + "\"timestamp\":\"%s\",\"fromAddress\":\"n@example.com\",\"subject\":\"%s\"}";
      String json = "[" + String.format(queued, account, at, "a\\u0000b") + "]";
      expect(
          wire,
          post("/admin/events", admin, "application/json", json),
          400,
          error("event 0: subject"));
      String ndjson =
          String.format(queued, account, at, "fine")
              + "\n"
              + String.format(queued, account, at, "half \\ud800 pair");
      expect(
          wire,
          post("/admin/events", admin, "application/x-ndjson", ndjson),
          400,
          error("event 1: subject"));
      expect(
          wire,
          post(
              "/admin/accounts",
              admin,
              "application/json",
              "{\"name\":\"a\\u0000b\",\"tenantId\":1}"),
          400,
          error("name"));
      expect(
          wire,
          post(
              "/admin/accounts/" + account + "/keys",
              admin,
              "application/json",
              "{\"name\":\"\\udc00\"}"),
          400,
          error("name"));
      expect(
          wire,
          post(
              "/admin/accounts/" + account + "/domains",
              admin,
              "application/json",
              "{\"domain\":\"a\\u0000.com\"}"),
          400,
          error("domain"));
      expect(
          wire,
          request("DELETE", "/admin/accounts/" + account + "/keys/%00", admin, null, ""),
          400,
          error("keyId"));

      // nothing of it was stored: the account still has no log at all
      Answer logs =
          wire.exchange(
              get(
                  "/v1/email/logs?startCreatedAt="
                      + Instant.now().minusSeconds(3_600)
                      + "&endCreatedAt="
                      + Instant.now().plusSeconds(3_600),
                  customer),
              false);
      assertThat(logs.body()).contains("\"totalCount\":0");
    }
  }

  private static String query(String name) {
    return "{\"success\":false,\"error\":\"" + name + RULE + "\"}";
  }

  private static String error(String name) {
    return "{\"error\":\"" + name + RULE + "\"}";
  }

  private static void expect(Wire wire, byte[] request, int status, String body) throws Exception {
    Answer answer = wire.exchange(request, false);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).isEqualTo(body);
  }

  private static byte[] get(String target, String headers) {
    return request("GET", target, headers, null, null);
  }

  private static byte[] post(String target, String headers, String type, String body) {
    return request("POST", target, headers, type, body);
  }

  private static byte[] request(
      String method, String target, String headers, String type, String body) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + headers
            + (type == null ? "" : "Content-Type: " + type + "\r\n")
            + (body == null ? "" : "Content-Length: " + payload.length + "\r\n")
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + payload.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return all;
  }
}
