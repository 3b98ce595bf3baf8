package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 5: a slow-loris head and an endless body are cut off by the configured head timeout
 * and body limit, while well-behaved clients on other connections are served.
 */
class ClientLimitsHttpTest {
  private static final String ADMIN = "limits-admin-token";
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);
  private static final long MAX_BODY = 256 * 1024;

  private EmailLogsHttpServer server;

  @BeforeEach
  void start() throws IOException {
    EmailLogs logs =
        EmailLogs.builder()
            .store(new InMemoryLogStore())
            .directory(new InMemoryDirectory())
            .rateLimiter(new InMemoryRateLimiter(Clock.systemUTC()))
            .adminToken(ADMIN)
            .build();
    server =
        EmailLogsHttpServer.start(
            logs, HttpOptions.of(0).withHeadTimeout(HEAD_TIMEOUT).withMaxBodyBytes(MAX_BODY));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_head_that_trickles_in_a_byte_at_a_time_is_cut_off_at_the_head_timeout() throws Exception {
    try (Socket loris = new Socket("127.0.0.1", server.port())) {
      loris.setSoTimeout(10_000);
      OutputStream out = loris.getOutputStream();
      byte[] head =
          "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
              .getBytes(StandardCharsets.US_ASCII);
      long started = System.nanoTime();
      long closedAfterMillis = -1;
      for (byte b : head) {
        try {
          out.write(b);
          out.flush();
        } catch (SocketException e) {
          closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
          break;
        }
        Thread.sleep(100);
        if (isClosed(loris)) {
          closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
          break;
        }
        // a well-behaved client is served meanwhile
        if (b == 'X') {
          assertThat(get("/health")).startsWith("HTTP/1.1 200");
        }
      }
      System.out.printf(
          "slow-loris head (a byte every 100 ms) closed after %d ms; head timeout %d ms%n",
          closedAfterMillis, HEAD_TIMEOUT.toMillis());
      assertThat(closedAfterMillis).as("closed by the server").isPositive();
      assertThat(closedAfterMillis).isBetween(HEAD_TIMEOUT.toMillis(), 3 * HEAD_TIMEOUT.toMillis());
    }
  }

  @Test
  void an_idle_keep_alive_connection_is_not_cut_by_the_head_timeout() throws Exception {
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      for (int i = 0; i < 2; i++) {
        client
            .getOutputStream()
            .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        assertThat(readResponse(client.getInputStream())).startsWith("HTTP/1.1 200");
        Thread.sleep(2 * HEAD_TIMEOUT.toMillis()); // idle, between requests, longer than the limit
      }
    }
  }

  @Test
  void an_endless_body_is_cut_off_at_the_body_limit_with_413() throws Exception {
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      OutputStream out = client.getOutputStream();
      out.write(
          ("POST /admin/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + ADMIN
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) ' ');
      byte[] size =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      long sent = 0;
      out.write("1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII));
      try {
        while (sent < 100 * MAX_BODY && client.getInputStream().available() == 0) {
          out.write(size);
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          sent += chunk.length;
        }
      } catch (SocketException e) {
        // the server stopped reading and closed: also a cut-off
      }
      String answer = readResponse(client.getInputStream());
      System.out.printf(
          "endless body: answered after %d KiB sent (limit %d KiB): %s%n",
          sent / 1024, MAX_BODY / 1024, answer.lines().findFirst().orElse(""));
      assertThat(answer).startsWith("HTTP/1.1 413").contains("Request body too large");
      assertThat(sent).isLessThan(100 * MAX_BODY);
    }
    assertThat(get("/health")).startsWith("HTTP/1.1 200");
  }

  private String get(String path) throws IOException {
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      client
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Reads one response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString();
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static boolean isClosed(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }
}
