package io.emaillogs.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The built {@code email-logs.jar} running {@code serve} as a child process. */
public final class ChildServer implements AutoCloseable {
  private static final String LISTENING = "listening on ";

  private final Process process;
  private final String base;

  private ChildServer(Process process, String base) {
    this.process = process;
    this.base = base;
  }

  /** Starts {@code serve --port 0} with {@code args} and waits for its "listening on" line. */
  public static ChildServer start(Path workDir, List<String> args) throws Exception {
    Path jar =
        Path.of(System.getProperty("emaillogs.jar", "target/email-logs.jar")).toAbsolutePath();
    assertThat(jar).as("the jar is built by `mvn package`").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(List.of("serve", "--port", "0"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("EMAIL_LOGS_"));
    Path stderr = workDir.resolve("stderr.log");
    builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    Process process = builder.start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith(LISTENING)) {
                    listening.complete(line.substring(LISTENING.length()));
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              } finally {
                listening.completeExceptionally(new IOException("the server's stdout ended"));
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChildServer(process, listening.get(60, TimeUnit.SECONDS));
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "the server did not start: " + String.join("\n", Files.readAllLines(stderr)), e);
    }
  }

  public String base() {
    return base;
  }

  /** SIGKILL: the JVM gets no chance to run a hook, flush a buffer or close a file. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("killed").isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
