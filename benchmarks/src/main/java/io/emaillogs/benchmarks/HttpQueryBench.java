package io.emaillogs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * http_query_ratio: requests/s of {@code GET /v1/email/logs?pageSize=50} under 32 concurrent
 * connections, against a bare endpoint in the same server process answering the same bytes. The
 * server runs in its own JVM ({@link HttpTarget}); the load comes from wrk, or from the Java client
 * when wrk is absent. Each side gets a warm-up, then two measured rounds in ABBA order.
 */
final class HttpQueryBench {
  static final String PATH = "/v1/email/logs?pageSize=50";
  static final int CONNECTIONS = 32;
  static final double GOAL = 0.5;
  private static final Pattern READY =
      Pattern.compile("ready real=(\\d+) bare=(\\d+) bytes=(\\d+) local=(\\d+)");

  private HttpQueryBench() {}

  static void run(Bench b) throws IOException, InterruptedException {
    try (ChildJvm server =
        ChildJvm.start(
            "http-target",
            b.workDir,
            b.jvmArgs("http-target"),
            List.of("-cp", b.classpath, HttpTarget.class.getName(), b.db.url(), b.readerToken),
            Map.of())) {
      String line = server.awaitLine(Pattern.compile("(ready real=.*)"), Duration.ofSeconds(90));
      Matcher m = READY.matcher(line);
      if (!m.find()) {
        throw new IOException("unexpected: " + line);
      }
      URI real = URI.create("http://127.0.0.1:" + m.group(1) + PATH);
      URI bare = URI.create("http://127.0.0.1:" + m.group(2) + "/bare/logs");
      int bytes = Integer.parseInt(m.group(3));
      URI local = URI.create("http://127.0.0.1:" + m.group(4) + PATH);
      Map<String, String> auth = Map.of("Authorization", "Bearer " + b.readerToken);
      Duration warm = Duration.ofSeconds(b.sizes.warmupSeconds());
      Duration half = Duration.ofSeconds(Math.max(1, b.sizes.loadSeconds() / 2));
      check(b.load.run(real, auth, CONNECTIONS, warm), "service warm-up");
      check(b.load.run(bare, auth, CONNECTIONS, warm), "bare warm-up");
      LoadGenerator.Result r1 = check(b.load.run(real, auth, CONNECTIONS, half), "service");
      LoadGenerator.Result b1 = check(b.load.run(bare, auth, CONNECTIONS, half), "bare");
      LoadGenerator.Result b2 = check(b.load.run(bare, auth, CONNECTIONS, half), "bare");
      LoadGenerator.Result r2 = check(b.load.run(real, auth, CONNECTIONS, half), "service");
      // diagnostic, outside the ratio: the service with the in-process rate limiter
      check(b.load.run(local, auth, CONNECTIONS, warm), "in-process limiter warm-up");
      LoadGenerator.Result l1 = check(b.load.run(local, auth, CONNECTIONS, half), "in-process");
      double realRps = (r1.requests() + r2.requests()) / (r1.seconds() + r2.seconds());
      double bareRps = (b1.requests() + b2.requests()) / (b1.seconds() + b2.seconds());
      double ratio = realRps / bareRps;
      b.report.add(
          Figure.of("http_query_ratio", ratio, "")
              .with("service_rps", realRps)
              .with("bare_rps", bareRps)
              .with("service_p50_ms", Math.max(r1.p50Ms(), r2.p50Ms()))
              .with("service_p99_ms", Math.max(r1.p99Ms(), r2.p99Ms()))
              .with("bare_p99_ms", Math.max(b1.p99Ms(), b2.p99Ms()))
              .with("service_in_process_limiter_rps", l1.requestsPerSecond())
              .with("service_in_process_limiter_p99_ms", l1.p99Ms())
              .with("body_bytes", bytes)
              .with("connections", CONNECTIONS)
              .with("client", b.load.name())
              .withGoal(">= 0.5", ratio >= GOAL));
    }
  }

  private static LoadGenerator.Result check(LoadGenerator.Result r, String what)
      throws IOException {
    if (r.non2xx() > 0 || r.errors() > r.requests() / 1000 || r.requests() == 0) {
      throw new IOException(
          what + ": " + r.non2xx() + " non-2xx answers, " + r.errors() + " errors of " + r);
    }
    return r;
  }
}
