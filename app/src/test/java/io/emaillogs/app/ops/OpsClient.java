package io.emaillogs.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A plain HTTP client on a running server, with the provisioning and ingest calls of the tests. */
final class OpsClient {
  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  record Customer(long accountId, String token) {}

  private final String base;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  OpsClient(String base, String adminToken) {
    this.base = base;
    this.adminToken = adminToken;
  }

  Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Reply admin(String method, String path, String body) {
    return send(method, path, adminToken, body);
  }

  Reply send(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** An account with a key and the verified sending domain example.com. */
  Customer customer() {
    Reply account = admin("POST", "/admin/accounts", "{\"name\":\"Acme\",\"tenantId\":67890}");
    assertThat(account.status()).as(account.body()).isEqualTo(201);
    long id = account.json().get("accountId").asLong();
    Reply key = admin("POST", "/admin/accounts/" + id + "/keys", "{\"name\":\"ci\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    Reply domain =
        admin(
            "POST",
            "/admin/accounts/" + id + "/domains",
            "{\"domain\":\"example.com\",\"verified\":true}");
    assertThat(domain.status()).as(domain.body()).isEqualTo(201);
    return new Customer(id, key.json().get("token").asText());
  }

  /** Ingests a queued and a delivered event of {@code refId} to {@code recipient}, a minute ago. */
  Reply ingest(Customer c, String refId, String recipient) {
    String at =
        Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString();
    String common =
        "\"accountId\":"
            + c.accountId()
            + ",\"refId\":\""
            + refId
            + "\",\"recipientAddress\":\""
            + recipient
            + "\",\"timestamp\":\""
            + at
            + "\"";
    return admin(
        "POST",
        "/admin/events",
        "[{\"eventId\":\""
            + refId
            + "-q\",\"type\":\"queued\","
            + common
            + ",\"fromAddress\":\"shop@example.com\",\"subject\":\"Hi\"},"
            + "{\"eventId\":\""
            + refId
            + "-d\",\"type\":\"delivered\","
            + common
            + "}]");
  }
}
