package io.emaillogs.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP exchange of every call: one GET with the bearer token, retried on 429 and 503 as the
 * {@link RetryPolicy} says, an error status turned into its {@link ApiException}. Thread-safe.
 */
final class Http {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final HttpClient client;
  private final URI base;
  private final String token;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Duration requestTimeout;

  Http(
      HttpClient client,
      URI base,
      String token,
      RetryPolicy retry,
      Sleeper sleeper,
      Duration requestTimeout) {
    this.client = client;
    this.base = base;
    this.token = token;
    this.retry = retry;
    this.sleeper = sleeper;
    this.requestTimeout = requestTimeout;
  }

  /** GET {@code path} and read the JSON answer as {@code type}. */
  <T> T getJson(String path, Map<String, String> query, Class<T> type) {
    HttpResponse<InputStream> response = get(path, query, null, "application/json");
    try (InputStream body = response.body()) {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new TransportException("could not read the answer of " + path + ": " + e, e);
    }
  }

  /**
   * GET {@code path}; returns a 2xx answer whose body the caller must close, after the retries of
   * the policy; throws the {@link ApiException} of an error status.
   */
  HttpResponse<InputStream> get(
      String path, Map<String, String> query, String lastEventId, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, query))
            .header("Authorization", "Bearer " + token)
            .header("Accept", accept)
            .GET();
    if (requestTimeout != null) {
      request.timeout(requestTimeout); // time to the answer's headers, not to the body's end
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpRequest built = request.build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<InputStream> response = send(built);
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response;
      }
      ApiException error = error(response);
      Duration wait = error.retryAfter().orElse(DEFAULT_RETRY_AFTER);
      boolean retryable = status == 429 || status == 503;
      if (!retryable || attempt >= retry.maxRetries() || wait.compareTo(retry.maxWait()) > 0) {
        throw error;
      }
      pause(wait);
    }
  }

  void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting to retry", e);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransportException("GET " + request.uri().getRawPath() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted: GET " + request.uri().getRawPath(), e);
    }
  }

  /** The exception of an error answer, with the server's message; the body is read and closed. */
  static ApiException error(HttpResponse<InputStream> response) {
    int status = response.statusCode();
    String message;
    try (InputStream body = response.body()) {
      message = message(new String(body.readAllBytes(), StandardCharsets.UTF_8), status);
    } catch (IOException e) {
      message = "HTTP " + status;
    }
    return ApiException.of(status, message, retryAfter(response));
  }

  /** {@code error} of the body, or {@code message} (the 429's), or the body itself. */
  static String message(String body, int status) {
    try {
      JsonNode json = JSON.readTree(body);
      for (String field : new String[] {"error", "message"}) {
        if (json != null && json.hasNonNull(field)) {
          return json.get(field).asText();
        }
      }
    } catch (IOException notJson) {
      // falls through
    }
    return body.isBlank() ? "HTTP " + status : body.strip();
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> value = response.headers().firstValue("Retry-After");
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().trim())));
    } catch (NumberFormatException httpDate) {
      return null; // this server sends seconds; a date is treated as absent
    }
  }

  URI uri(String path, Map<String, String> query) {
    StringBuilder s = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> p : query.entrySet()) {
      s.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
      separator = '&';
    }
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return URI.create(root + s);
  }

  /** Percent-encodes a query value or a path segment (a space is %20, a slash %2F). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
