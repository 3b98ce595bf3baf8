package io.emaillogs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built {@code email-logs.jar} as a child process, as an operator would. Bound to failsafe
 * ({@code mvn verify}): the jar exists only after {@code package}.
 */
class PackagedJarIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int SIGTERM_EXIT = 128 + 15; // the JVM's exit code once its hooks ran
  private static final String STDERR = "stderr.log";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void demo_serves_its_seeded_account_streams_live_and_stops_cleanly_on_sigterm(
      @TempDir Path workDir) throws Exception {
    Lines out = start(workDir, "demo", "--port", "0");

    String listening = out.await(l -> l.startsWith("listening on "), START_TIMEOUT);
    assertThat(listening).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    String base = listening.substring("listening on ".length());
    String adminToken = value(out.seen(), "admin token: (\\S+)");
    String customerToken = value(out.seen(), "customer token: (\\S+)");
    assertThat(adminToken).hasSizeGreaterThanOrEqualTo(32);
    String queryUrl =
        value(
            out.seen(),
            "curl -H \"Authorization: Bearer "
                + Pattern.quote(customerToken)
                + "\" \"("
                + Pattern.quote(base)
                + "/v1/email/logs\\?pageSize=5)\"");
    String streamUrl =
        value(
            out.seen(),
            "curl -N -H \"Authorization: Bearer \\S+\" \"("
                + Pattern.quote(base)
                + "/api/domains/[^\"]+/log/stream)\"");

    HttpResponse<String> health = get(base + "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

    HttpResponse<String> page = get(queryUrl, customerToken);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .startsWith("{\"success\":true")
        .contains("\"totalCount\":5", "\"nextPageToken\":\"");
    String account = "{\"name\":\"Globex\",\"tenantId\":1}";
    assertThat(post(base + "/admin/accounts", "not-the-admin-token", account).statusCode())
        .isEqualTo(401);
    assertThat(post(base + "/admin/accounts", adminToken, account).statusCode()).isEqualTo(201);

    // the demo's traffic reaches a live stream within a few seconds
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(streamUrl))
                .header("Authorization", "Bearer " + customerToken)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    Lines events = new Lines(stream.body());
    events.await(l -> l.equals("event: logs"), Duration.ofSeconds(20));
    assertThat(events.await(l -> l.startsWith("data: ["), Duration.ofSeconds(5)))
        .contains("\"eventType\":", "\"domain\":\"mail.acme-shop.com\"");

    process.destroy(); // SIGTERM

    events.await(l -> l.equals("event: error"), Duration.ofSeconds(20));
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(process.exitValue()).isEqualTo(SIGTERM_EXIT);
    List<String> log = stderr(workDir);
    assertThat(log).anyMatch(l -> l.contains("shutting down"));
    assertThat(log).anyMatch(l -> l.endsWith(" - stopped"));
    assertThat(log).noneMatch(l -> l.contains(" ERROR "));
  }

  @Test
  void serve_defaults_to_an_h2_file_under_data_and_answers_operators_and_customers(
      @TempDir Path workDir) throws Exception {
    Lines out = start(workDir, "serve", "--port", "0", "--admin-token", "change-me");

    String listening = out.await(l -> l.startsWith("listening on "), START_TIMEOUT);
    String base = listening.substring("listening on ".length());
    assertThat(Files.list(workDir.resolve("data")))
        .anyMatch(f -> f.getFileName().toString().startsWith("email-logs"));

    HttpResponse<String> account =
        post(base + "/admin/accounts", "change-me", "{\"name\":\"Acme\",\"tenantId\":67890}");
    assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
    String accountId = value(List.of(account.body()), ".*\"accountId\":(\\d+).*");
    HttpResponse<String> key =
        post(base + "/admin/accounts/" + accountId + "/keys", "change-me", "{\"name\":\"ci\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    String token = value(List.of(key.body()), ".*\"token\":\"([^\"]+)\".*");
    String timestamp = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> ingest =
        post(
            base + "/admin/events",
            "change-me",
            "[{\"type\":\"queued\",\"accountId\":"
                + accountId
                + ",\"refId\":\"01HQ3Z\","
                + "\"recipientAddress\":\"jane@example.org\",\"timestamp\":\""
                + timestamp
                + "\","
                + "\"fromAddress\":\"shop@mail.example.com\",\"subject\":\"Hi\"}]");
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(202);

    HttpResponse<String> page = get(base + "/v1/email/logs", token);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("\"refId\":\"01HQ3Z\"", "\"totalCount\":1");

    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(SIGTERM_EXIT);
    List<String> log = stderr(workDir);
    assertThat(log).anyMatch(l -> l.endsWith(" - stopped"));
    assertThat(log).noneMatch(l -> l.contains(" ERROR "));
  }

  private Lines start(Path workDir, String... args) throws IOException {
    Path jar =
        Path.of(System.getProperty("emaillogs.jar", "target/email-logs.jar")).toAbsolutePath();
    assertThat(jar).as("the jar is built by `mvn package`").exists();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("EMAIL_LOGS_"));
    // a file, not a pipe: a pipe read after the process exits can lose its last lines
    builder.redirectError(workDir.resolve(STDERR).toFile());
    process = builder.start();
    return new Lines(process.getInputStream(), () -> stderr(workDir));
  }

  private static List<String> stderr(Path workDir) {
    try {
      return Files.readAllLines(workDir.resolve(STDERR), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of("(no stderr: " + e + ")");
    }
  }

  private HttpResponse<String> get(String url, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String bearer, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String value(List<String> lines, String regex) {
    Pattern pattern = Pattern.compile(regex);
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no line matches " + regex + " in " + lines);
  }

  /** The lines of a stream, read on a daemon thread so that every wait is bounded. */
  private static final class Lines {
    private static final String END = "\u0000end of stream";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Supplier<List<String>> diagnostics;

    Lines(InputStream in) {
      this(in, List::of);
    }

    Lines(InputStream in, Supplier<List<String>> diagnostics) {
      this.diagnostics = diagnostics;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    queue.add(line);
                  }
                } catch (IOException ignored) {
                  // the end of the stream
                } finally {
                  queue.add(END);
                }
              },
              "lines");
      reader.setDaemon(true);
      reader.start();
    }

    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(END)) {
          queue.add(END);
          throw new AssertionError(
              (line == null ? "timed out" : "stream ended")
                  + " waiting for a line; saw "
                  + seen
                  + " "
                  + String.join("\n", diagnostics.get()));
        }
        seen.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
    }

    List<String> seen() {
      return seen;
    }
  }
}
