package io.emaillogs.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started as a separate JVM for a benchmark: its output goes to a log file, which is read
 * for the line that says it is ready. Closing it stops the process (and only it).
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final Path gcLog;

  private ChildJvm(String name, Process process, Path log, Path gcLog) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.gcLog = gcLog;
  }

  /**
   * Starts {@code java <jvmArgs> -Xlog:gc:file=<dir>/<name>-gc.log <command...>}, output to {@code
   * <dir>/<name>.log}.
   */
  static ChildJvm start(
      String name, Path dir, List<String> jvmArgs, List<String> command, Map<String, String> env)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    Path gcLog = dir.resolve(name + "-gc.log");
    Files.deleteIfExists(gcLog);
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new ChildJvm(name, pb.start(), log, gcLog);
  }

  static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Waits until the output has a line matching {@code ready}, and returns its first group.
   *
   * @throws IOException if the process ends first or {@code timeout} passes
   */
  String awaitLine(Pattern ready, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        Matcher m = ready.matcher(line);
        if (m.find()) {
          return m.groupCount() > 0 ? m.group(1) : line;
        }
      }
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + ": " + tail());
      }
      Thread.sleep(100);
    }
    throw new IOException(name + " not ready within " + timeout + ": " + tail());
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  GcLog gc() throws IOException {
    return GcLog.read(gcLog);
  }

  /** True when the process reported running out of heap. */
  boolean ranOutOfMemory() throws IOException {
    return Files.readString(log).contains("OutOfMemoryError");
  }

  String tail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  Path gcLogFile() {
    return gcLog;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
