package io.emaillogs.app.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built jar's {@code demo} as a child process, with the tokens it printed. */
final class DemoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  final String base;
  final String adminToken;
  final String customerToken;
  private final Process process;
  private final Path stderr;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private DemoServer(Process process, Path stderr, List<String> out) {
    this.process = process;
    this.stderr = stderr;
    this.base = value(out, "listening on (http://\\S+)");
    this.adminToken = value(out, "admin token: (\\S+)");
    this.customerToken = value(out, "customer token: (\\S+)");
  }

  static DemoServer start(Path workDir) throws IOException, InterruptedException {
    Path jar =
        Path.of(System.getProperty("emaillogs.jar", "target/email-logs.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new AssertionError("the jar is built by `mvn package`: " + jar);
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            jar.toString(),
            "demo",
            "--port",
            "0");
    Path stderr = workDir.resolve("demo-stderr.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("EMAIL_LOGS_"));
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    List<String> out = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  out.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "demo-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (out.stream().noneMatch(l -> l.startsWith("listening on "))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new AssertionError(
            "demo did not start: " + out + "\n" + String.join("\n", Files.readAllLines(stderr)));
      }
      Thread.sleep(50);
    }
    return new DemoServer(process, stderr, new ArrayList<>(out));
  }

  /** POST /admin/events with a JSON array; returns the status code. */
  int ingest(String jsonArray) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  List<String> stderr() throws IOException {
    return Files.readAllLines(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
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
}
