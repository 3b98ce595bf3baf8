package io.emaillogs.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own latency per minute of a {@link Soak}, from its {@code /metrics} ({@code
 * http_server_requests_seconds} buckets): the bucket holding the p99 of the minute's ingest calls
 * and queries as the server timed them. Beside the client's figures it tells a slow server from a
 * starved client. The buckets are coarse (5, 10, 25, 50, 100, 250, 500 ms, 1 s, ...): the figure is
 * an upper bound.
 */
final class ServerLatency {
  private static final Pattern BUCKET =
      Pattern.compile(
          "http_server_requests_seconds_bucket\\{[^}]*route=\"([^\"]+)\",status=\"2\\d\\d\",le=\"([^\"]+)\"} ([0-9.E+]+)");

  private final HttpClient http;
  private final String base;
  private final String admin;
  private Map<String, TreeMap<Double, Double>> previous = Map.of();

  ServerLatency(HttpClient http, String base, String admin) {
    this.http = http;
    this.base = base;
    this.admin = admin;
  }

  /** The minute since the previous call, as a line's tail. */
  String minute() {
    Map<String, TreeMap<Double, Double>> now;
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + admin)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      now = parse(r.body());
    } catch (Exception e) {
      return "server p99 unavailable: " + e;
    }
    String line =
        String.format(
            Locale.ROOT,
            "server p99 <= ingest %s, query %s",
            p99(previous.get("/admin/events"), now.get("/admin/events")),
            p99(previous.get("/v1/email/logs"), now.get("/v1/email/logs")));
    previous = now;
    return line;
  }

  /** Cumulative 2xx bucket counts by route: route -> (upper bound in s -> count). */
  static Map<String, TreeMap<Double, Double>> parse(String metrics) {
    Map<String, TreeMap<Double, Double>> byRoute = new TreeMap<>();
    Matcher m = BUCKET.matcher(metrics);
    while (m.find()) {
      double le =
          m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
      byRoute
          .computeIfAbsent(m.group(1), k -> new TreeMap<>())
          .merge(le, Double.parseDouble(m.group(3)), Double::sum);
    }
    return byRoute;
  }

  /** The upper bound of the bucket holding the p99 of what was counted between two scrapes. */
  static String p99(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
    if (after == null) {
      return "-";
    }
    double total = after.lastEntry().getValue() - count(before, after.lastKey());
    if (total <= 0) {
      return "-";
    }
    for (Map.Entry<Double, Double> bucket : after.entrySet()) {
      double n = bucket.getValue() - count(before, bucket.getKey());
      if (n >= 0.99 * total) {
        double le = bucket.getKey();
        return Double.isInfinite(le) ? "inf" : String.format(Locale.ROOT, "%.0f ms", le * 1000);
      }
    }
    return "inf";
  }

  private static double count(TreeMap<Double, Double> before, double le) {
    return before == null ? 0 : before.getOrDefault(le, 0.0);
  }
}
