package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.Settings;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.RawEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real server on a random port over the in-memory adapter, and a real HTTP client. The rate
 * limiter's clock stands still unless a test moves it, so allowances are exact.
 */
final class HttpFixture implements AutoCloseable {
  static final String ADMIN_TOKEN = "admin-secret";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final AtomicInteger REF = new AtomicInteger();

  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final InMemoryLogStore store = new InMemoryLogStore();
  final InMemoryDirectory directory = new InMemoryDirectory();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  final Settings settings;
  final LogStore wrapped;
  final EmailLogs logs;
  final EmailLogsHttpServer server;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HttpFixture(Settings settings, String adminToken, Function<LogStore, LogStore> wrap)
      throws IOException {
    this.settings = settings;
    this.wrapped = wrap.apply(store);
    this.logs =
        EmailLogs.builder()
            .store(wrapped)
            .directory(directory)
            .rateLimiter(limiter)
            .clock(clock)
            .settings(settings)
            .adminToken(adminToken)
            .build();
    this.server = EmailLogsHttpServer.start(logs, HttpOptions.of(0));
  }

  /** Defaults, with a short keep-alive so silent streams show it quickly. */
  static HttpFixture start() throws IOException {
    return start(Settings.DEFAULTS.withKeepAlive(Duration.ofMillis(300)), ADMIN_TOKEN);
  }

  static HttpFixture start(Settings settings, String adminToken) throws IOException {
    return new HttpFixture(settings, adminToken, Function.identity());
  }

  /** A fixture whose store is instrumented (counts scans, fails on demand). */
  static HttpFixture instrumented() throws IOException {
    return start(InstrumentedStore::new);
  }

  InstrumentedStore instrumentedStore() {
    return (InstrumentedStore) wrapped;
  }

  static HttpFixture start(Function<LogStore, LogStore> wrapStore) throws IOException {
    return new HttpFixture(
        Settings.DEFAULTS.withKeepAlive(Duration.ofMillis(300)), ADMIN_TOKEN, wrapStore);
  }

  // ---- HTTP ----

  /** A response read whole. */
  record Reply(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Reply get(String pathAndQuery, String authorization) {
    return send("GET", pathAndQuery, authorization, null, null);
  }

  Reply customerGet(String pathAndQuery, Customer customer) {
    return get(pathAndQuery, "Bearer " + customer.token());
  }

  Reply admin(String method, String path, String body) {
    return send(method, path, "Bearer " + ADMIN_TOKEN, "application/json", body);
  }

  Reply send(
      String method, String pathAndQuery, String authorization, String contentType, String body) {
    HttpRequest.Builder request = request(pathAndQuery, authorization);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpRequest.Builder request(String pathAndQuery, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  /**
   * Sends {@code requestLine} and {@code headers} over a plain socket, exactly as written (for what
   * HttpClient refuses to send), and returns the whole response as text.
   */
  String raw(String requestLine, String... headers) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder(requestLine).append("\r\n");
      request.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String pathAndQuery) {
    return server
        .baseUri()
        .resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery);
  }

  // ---- streams ----

  /** An open stream: its status and headers, and a reader of its frames. */
  record Stream(HttpResponse<InputStream> response, SseReader frames) implements AutoCloseable {
    int status() {
      return response.statusCode();
    }

    @Override
    public void close() {
      frames.close();
    }
  }

  Stream stream(Customer customer, String query, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/domains/example.com/log/stream" + query))
            .header("Authorization", "Bearer " + customer.token())
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Stream(response, new SseReader(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Stream stream(Customer customer, String query) {
    return stream(customer, query, null);
  }

  // ---- provisioning and data ----

  /** A customer: account, key, and the verified sending domain example.com. */
  record Customer(long accountId, String keyId, String token) {}

  Customer customer() {
    return customer(null);
  }

  /** A customer through the operator API, with its own request limit when not null. */
  Customer customer(Integer rateLimit) {
    Reply account =
        admin(
            "POST",
            "/admin/accounts",
            "{\"name\":\"Acme\",\"tenantId\":67890"
                + (rateLimit == null ? "" : ",\"rateLimit\":" + rateLimit)
                + "}");
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
    return new Customer(id, key.json().get("keyId").asText(), key.json().get("token").asText());
  }

  /** A fresh refId. */
  static String refId() {
    return "ref-" + REF.incrementAndGet();
  }

  static RawEvent queued(
      Customer c, String refId, String recipient, Instant at, String from, String subject) {
    return new RawEvent(
        null,
        "queued",
        c.accountId(),
        refId,
        recipient,
        at.toString(),
        from,
        subject,
        null,
        null,
        null,
        List.of("newsletter"),
        null,
        null,
        null,
        null);
  }

  static RawEvent queued(Customer c, String refId, String recipient, Instant at) {
    return queued(c, refId, recipient, at, "news@example.com", "Hello");
  }

  static RawEvent event(Customer c, String type, String refId, String recipient, Instant at) {
    return RawEvent.of(type, c.accountId(), refId, recipient, at.toString());
  }

  /** Ingests in-process (the operator API has tests of its own). */
  void ingest(List<RawEvent> events) {
    logs.recordEvents().record(events);
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes. */
  static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    server.close();
  }
}
