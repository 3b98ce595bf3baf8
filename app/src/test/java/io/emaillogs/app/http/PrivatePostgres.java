package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, from the Debian server binaries ({@code
 * /usr/lib/postgresql/<version>/bin}): {@code initdb} into a temporary directory, {@code pg_ctl} on
 * a free port of 127.0.0.1 with its unix socket in that directory, trust authentication for {@code
 * postgres}, fsync off. It can be stopped as a crash would ({@code -m immediate}) and started again
 * on the same port. Never the shared server on 5432.
 *
 * <p>initdb refuses to run as root: under root every command runs as the {@code postgres} user
 * ({@code runuser -u postgres}), which then owns the directory. Without the binaries the test is
 * skipped, unless {@code CI=true} (then .ci/run installs them and their absence is a failure).
 */
final class PrivatePostgres implements AutoCloseable {
  private static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;

  private PrivatePostgres(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** A new cluster, started; skips (or fails under CI) when the binaries are absent. */
  static PrivatePostgres start() throws Exception {
    Path bin = binaries();
    if (bin == null) {
      String message = "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + " but CI=true: install them (apt-get install -y postgresql)");
      }
      assumeTrue(false, message + ": skipping the private-cluster test");
    }
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("email-logs-pg-");
    PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort(), asRoot);
    try {
      if (asRoot) {
        run(List.of("chown", USER, dir.toString()), 10);
      }
      pg.pg(
          "initdb",
          "-D",
          dir.resolve("data").toString(),
          "-U",
          USER,
          "--auth=trust",
          "-E",
          "UTF8",
          "--no-sync");
      pg.startCluster();
      return pg;
    } catch (Exception | Error e) {
      pg.close();
      throw e;
    }
  }

  /** The JDBC URL of the cluster's {@code postgres} database. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
  }

  int port() {
    return port;
  }

  /** Starts the cluster (again) on its port; returns once it accepts connections. */
  void startCluster() throws Exception {
    pg(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "-w",
        "start");
  }

  /** Stops the cluster as a crash would: {@code pg_ctl stop -m immediate}. */
  void stopImmediately() throws Exception {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        stopImmediately();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void pg(String program, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("runuser", "-u", USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    run(command, 60);
  }

  private static void run(List<String> command, int timeoutSeconds) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "exit " + process.exitValue() + ": " + command + "\n" + new String(output));
    }
  }

  /** The bin directory of the newest installed version that has initdb and pg_ctl, or null. */
  private static Path binaries() throws IOException {
    Path root = Paths.get("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(PrivatePostgres::version))
          .orElse(null);
    }
  }

  private static int version(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
