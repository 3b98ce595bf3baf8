package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.http.HttpFixture.Customer;
import io.emaillogs.app.http.HttpFixture.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The browser viewer's static files at /ui/ and the caller's domains at /v1/domains. */
@Timeout(60)
class ViewerHttpTest {
  static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  static HttpFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = HttpFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void the_page_is_served_with_a_strict_policy_its_type_and_an_etag() {
    Reply page = f.get("/ui/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
    assertThat(page.header("Content-Security-Policy")).isEqualTo(CSP);
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(page.body())
        .contains("<script type=\"module\" src=\"js/main.js\"></script>")
        .doesNotContain("<script>")
        .doesNotContain(" style=")
        .doesNotContain(" on" + "click=");

    Reply script = f.get("/ui/js/main.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).isEqualTo("text/javascript;charset=utf-8");
    assertThat(f.get("/ui/app.css", null).header("Content-Type"))
        .isEqualTo("text/css;charset=utf-8");
    assertThat(f.get("/ui/favicon.svg", null).header("Content-Type")).isEqualTo("image/svg+xml");

    String etag = script.header("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{16}\"");
    Reply again = f.send("GET", "/ui/js/main.js", null, null, null);
    assertThat(again.header("ETag")).isEqualTo(etag);
  }

  @Test
  void an_unchanged_file_is_not_sent_again() throws Exception {
    String etag = f.get("/ui/app.css", null).header("ETag");
    var response =
        f.http.send(
            f.request("/ui/app.css", null).header("If-None-Match", etag).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void ui_without_its_slash_redirects_and_unknown_or_escaping_paths_are_404() {
    Reply bare = f.get("/ui", null);
    assertThat(bare.status()).isEqualTo(301);
    assertThat(bare.header("Location")).endsWith("/ui/");

    for (String path :
        new String[] {
          "/ui/missing.js",
          "/ui/../pom.xml",
          "/ui/%2e%2e/logback.xml",
          "/ui/js/../../x.js",
          "/ui/io/emaillogs/adapter/jersey/UiResource.class",
          "/ui/.hidden.js",
          "/ui/INDEX.HTML"
        }) {
      Reply reply = f.get(path, null);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.body()).as(path).doesNotContain("<html");
    }
    assertThat(f.get("/ui/missing.js", null).header("Content-Security-Policy")).isEqualTo(CSP);
  }

  @Test
  void the_api_answers_get_nosniff_but_no_page_policy() {
    Reply health = f.get("/health", null);
    assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(health.header("Content-Security-Policy")).isNull();
  }

  @Test
  void a_customer_lists_only_its_own_domains_with_their_verification() {
    Customer acme = f.customer();
    Customer other = f.customer();
    f.admin(
        "POST",
        "/admin/accounts/" + acme.accountId() + "/domains",
        "{\"domain\":\"Promo.Example.com\",\"verified\":false}");

    Reply reply = f.customerGet("/v1/domains", acme);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"success\":true,\"domains\":["
                + "{\"domain\":\"example.com\",\"verified\":true},"
                + "{\"domain\":\"promo.example.com\",\"verified\":false}]}");
    assertThat(reply.header("X-RateLimit-Limit")).isNotNull();
    assertThat(f.customerGet("/v1/domains", other).body())
        .isEqualTo(
            "{\"success\":true,\"domains\":[{\"domain\":\"example.com\",\"verified\":true}]}");
  }

  @Test
  void the_domain_list_needs_a_token_and_takes_no_parameter() {
    Reply anonymous = f.get("/v1/domains", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("{\"success\":false,\"error\":\"Unauthorized\"}");

    Reply extra = f.customerGet("/v1/domains?verified=true", f.customer());
    assertThat(extra.status()).isEqualTo(400);
    assertThat(extra.body())
        .isEqualTo("{\"success\":false,\"error\":\"Invalid query parameter: verified\"}");
  }
}
