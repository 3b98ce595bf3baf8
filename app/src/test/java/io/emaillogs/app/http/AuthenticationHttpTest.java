package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC section 3 over HTTP, in the envelopes of the query API and of the stream. */
@Timeout(60)
class AuthenticationHttpTest {
  static final String LOGS = "/v1/email/logs";
  static final String STREAM = "/api/domains/example.com/log/stream?end=2030-01-01T00:00:00Z";
  static final String UNKNOWN_TOKEN = "el_0123456789abcdef_" + "A".repeat(43);

  static HttpFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static void assertUnauthorized(Reply reply, String body) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("X-RateLimit-Limit")).isNull();
  }

  static void assertMalformed(Reply reply, String body) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("WWW-Authenticate")).isNull();
    assertThat(reply.header("X-RateLimit-Limit")).isNull();
  }

  @Test
  void no_authorization_header_is_401_in_each_envelope() {
    assertUnauthorized(f.get(LOGS, null), "{\"success\":false,\"error\":\"Unauthorized\"}");
    assertUnauthorized(f.get(STREAM, null), "{\"error\":\"Unauthorized\"}");
  }

  @Test
  void an_unknown_token_is_401() {
    for (String token : List.of(UNKNOWN_TOKEN, "garbage", "el_x")) {
      assertUnauthorized(
          f.get(LOGS, "Bearer " + token), "{\"success\":false,\"error\":\"Unauthorized\"}");
      assertUnauthorized(f.get(STREAM, "Bearer " + token), "{\"error\":\"Unauthorized\"}");
    }
  }

  @Test
  void a_token_whose_secret_is_wrong_is_401() {
    Customer c = f.customer();
    String forged =
        c.token().substring(0, c.token().length() - 1) + (c.token().endsWith("A") ? "B" : "A");
    assertUnauthorized(
        f.get(LOGS, "Bearer " + forged), "{\"success\":false,\"error\":\"Unauthorized\"}");
  }

  @Test
  void a_revoked_token_is_refused_from_then_on() {
    Customer c = f.customer();
    assertThat(f.customerGet(LOGS, c).status()).isEqualTo(200);

    Reply revoke =
        f.admin("DELETE", "/admin/accounts/" + c.accountId() + "/keys/" + c.keyId(), null);
    assertThat(revoke.status()).isEqualTo(204);

    assertUnauthorized(f.customerGet(LOGS, c), "{\"success\":false,\"error\":\"Unauthorized\"}");
    assertUnauthorized(f.get(STREAM, "Bearer " + c.token()), "{\"error\":\"Unauthorized\"}");
  }

  @Test
  void a_header_that_is_not_bearer_and_a_token_is_400_user_authentication_missing() {
    Customer c = f.customer();
    for (String header :
        Arrays.asList(
            "Basic dXNlcjpwYXNz",
            "Bearer",
            "Bearer ",
            "Bearer    ",
            c.token(),
            "Token " + c.token(),
            "")) {
      assertMalformed(
          f.get(LOGS, header), "{\"success\":false,\"error\":\"User authentication missing\"}");
      assertMalformed(f.get(STREAM, header), "{\"error\":\"User authentication missing\"}");
    }
  }

  @Test
  void the_scheme_is_case_insensitive_and_a_good_token_passes() {
    Customer c = f.customer();
    Reply reply = f.get(LOGS, "bearer " + c.token());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("120");
  }
}
