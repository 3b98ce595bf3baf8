package io.emaillogs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP load from a separate process or thread pool: {@code connections} clients each
 * sending the next GET as soon as the previous answer is read. {@code wrk} when it is installed (it
 * costs the shared cores least), else a pool of {@link HttpClient} threads.
 */
interface LoadGenerator {

  /** Loads {@code url} for {@code duration} and reports what was done. */
  Result run(URI url, Map<String, String> headers, int connections, Duration duration)
      throws IOException, InterruptedException;

  String name();

  /** What a load did: requests answered, those not 2xx, errors, and the rate. */
  record Result(
      long requests, long non2xx, long errors, double seconds, double p50Ms, double p99Ms) {
    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  /** wrk if it is on the PATH, else the Java client. */
  static LoadGenerator best() {
    return Wrk.available() ? new Wrk() : new JavaClient();
  }

  /** The Debian package {@code wrk}: 2 threads, {@code connections} connections. */
  final class Wrk implements LoadGenerator {
    private static final Pattern REQUESTS =
        Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
        Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE =
        Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);

    static boolean available() {
      try {
        Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public String name() {
      return "wrk";
    }

    @Override
    public Result run(URI url, Map<String, String> headers, int connections, Duration duration)
        throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>();
      cmd.add("wrk");
      cmd.add("-t2");
      cmd.add("-c" + connections);
      cmd.add("-d" + Math.max(1, duration.toSeconds()) + "s");
      cmd.add("--timeout");
      cmd.add("10s");
      cmd.add("--latency");
      for (Map.Entry<String, String> h : headers.entrySet()) {
        cmd.add("-H");
        cmd.add(h.getKey() + ": " + h.getValue());
      }
      cmd.add(url.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("wrk failed: " + out);
      }
      return parse(out);
    }

    static Result parse(String out) throws IOException {
      Matcher m = REQUESTS.matcher(out);
      if (!m.find()) {
        throw new IOException("unexpected wrk output: " + out);
      }
      long requests = Long.parseLong(m.group(1));
      double seconds = seconds(m.group(2), m.group(3));
      Matcher n = NON_2XX.matcher(out);
      long non2xx = n.find() ? Long.parseLong(n.group(1)) : 0;
      Matcher s = SOCKET_ERRORS.matcher(out);
      long errors = 0;
      if (s.find()) {
        for (int i = 1; i <= 4; i++) {
          errors += Long.parseLong(s.group(i));
        }
      }
      double p50 = Double.NaN;
      double p99 = Double.NaN;
      Matcher pm = PERCENTILE.matcher(out);
      while (pm.find()) {
        double ms = seconds(pm.group(2), pm.group(3)) * 1000;
        if (pm.group(1).equals("50")) {
          p50 = ms;
        } else {
          p99 = ms;
        }
      }
      return new Result(requests, non2xx, errors, seconds, p50, p99);
    }

    private static double seconds(String value, String unit) {
      double v = Double.parseDouble(value);
      return switch (unit.toLowerCase(Locale.ROOT)) {
        case "us" -> v / 1_000_000;
        case "ms" -> v / 1000;
        case "m" -> v * 60;
        default -> v;
      };
    }
  }

  /** {@code connections} threads sharing one {@link HttpClient} (HTTP/1.1, kept-alive). */
  final class JavaClient implements LoadGenerator {
    @Override
    public String name() {
      return "java.net.http";
    }

    @Override
    public Result run(URI url, Map<String, String> headers, int connections, Duration duration)
        throws IOException, InterruptedException {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
      headers.forEach(rb::header);
      HttpRequest request = rb.build();
      AtomicLong non2xx = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(connections);
      long start = System.nanoTime();
      long deadline = start + duration.toNanos();
      List<Future<long[]>> workers = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        workers.add(
            pool.submit(
                () -> {
                  long[] latencies = new long[1 << 16];
                  int n = 0;
                  while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<Void> r =
                          client.send(request, HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() / 100 != 2) {
                        non2xx.incrementAndGet();
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                      latencies = java.util.Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                  }
                  return java.util.Arrays.copyOf(latencies, n);
                }));
      }
      List<Long> all = new ArrayList<>();
      try {
        for (Future<long[]> w : workers) {
          for (long l : w.get(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            all.add(l);
          }
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("load failed", e);
      } finally {
        pool.shutdownNow();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] nanos = all.stream().mapToLong(Long::longValue).toArray();
      Stats stats = Stats.ofNanosAsMillis(nanos.length == 0 ? new long[] {0} : nanos);
      return new Result(
          nanos.length, non2xx.get(), errors.get(), seconds, stats.p50(), stats.p99());
    }
  }
}
