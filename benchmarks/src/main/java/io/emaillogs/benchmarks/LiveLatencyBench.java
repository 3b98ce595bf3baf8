package io.emaillogs.benchmarks;

import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.domain.RawEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * live_latency_ms: an open live stream over HTTP (the Jersey adapter on the PostgreSQL stores)
 * while events are ingested through the use case at 1,000 events/s (10 every 10 ms); the latency of
 * an event runs from the start of the ingest call that commits it to its arrival at the client, so
 * it includes the commit itself (the ingest call's own time is given beside it).
 */
final class LiveLatencyBench {
  static final int PER_BATCH = 10;
  static final int EVERY_MS = 10;
  static final double GOAL_P99_MS = 100;
  private static final Pattern REF = Pattern.compile("\"refId\":\"live-(\\d+)\"");

  private LiveLatencyBench() {}

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the stream is over either way
    }
  }

  static void run(Bench b) throws Exception {
    int total = b.sizes.liveSeconds() * 1000;
    long[] sentAt = new long[total];
    long[] returnedAt = new long[total];
    long[] receivedAt = new long[total];
    long[] callNanos = new long[total / PER_BATCH];
    AtomicInteger received = new AtomicInteger();
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    try (EmailLogsHttpServer server = EmailLogsHttpServer.start(b.logs, HttpOptions.of(0))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + server.port()
                          + "/api/domains/"
                          + DataSet.DOMAIN
                          + "/log/stream?limit="
                          + total))
              .header("Authorization", "Bearer " + b.readerToken)
              .header("Accept", "text/event-stream")
              .build();
      // Asynchronously, so the figure does not depend on when the response headers go out.
      java.util.concurrent.CompletableFuture<HttpResponse<InputStream>> pending =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
      CountDownLatch done = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try {
                  HttpResponse<InputStream> response =
                      pending.get(b.sizes.liveSeconds() + 60L, TimeUnit.SECONDS);
                  if (response.statusCode() != 200) {
                    throw new IOException("stream answered " + response.statusCode());
                  }
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      if (line.startsWith("data: ")) {
                        long now = System.nanoTime();
                        Matcher m = REF.matcher(line);
                        while (m.find()) {
                          int k = Integer.parseInt(m.group(1));
                          if (k < total && receivedAt[k] == 0) {
                            receivedAt[k] = now;
                            if (received.incrementAndGet() == total) {
                              done.countDown();
                            }
                          }
                        }
                      }
                    }
                  }
                } catch (Exception e) {
                  readerFailure.set(e);
                } finally {
                  done.countDown();
                }
              },
              "live-reader");
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(1000); // the request reaches the service, which opens the stream at once

      ScheduledExecutorService ingest = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger next = new AtomicInteger();
      AtomicLong failures = new AtomicLong();
      CountDownLatch allSent = new CountDownLatch(1);
      ingest.scheduleAtFixedRate(
          () -> {
            int first = next.get();
            if (first >= total) {
              allSent.countDown();
              return;
            }
            List<RawEvent> batch = new ArrayList<>(PER_BATCH);
            String at = Instant.now().toString();
            for (int k = first; k < first + PER_BATCH; k++) {
              batch.add(
                  Events.queued(
                      b.reader.id(),
                      "live-" + k,
                      "rcpt" + k + "@live.example",
                      at,
                      "live@" + DataSet.DOMAIN,
                      "Live " + k));
            }
            long t0 = System.nanoTime();
            try {
              b.logs.recordEvents().record(batch);
            } catch (RuntimeException e) {
              failures.incrementAndGet();
            }
            long t1 = System.nanoTime();
            Arrays.fill(sentAt, first, first + PER_BATCH, t0);
            Arrays.fill(returnedAt, first, first + PER_BATCH, t1);
            callNanos[first / PER_BATCH] = t1 - t0;
            next.set(first + PER_BATCH);
          },
          0,
          EVERY_MS,
          TimeUnit.MILLISECONDS);
      try {
        if (!allSent.await(b.sizes.liveSeconds() * 3L + 30, TimeUnit.SECONDS)) {
          throw new IOException("ingestion fell behind: " + next.get() + " of " + total);
        }
      } finally {
        ingest.shutdownNow();
        ingest.awaitTermination(10, TimeUnit.SECONDS);
      }
      done.await(10, TimeUnit.SECONDS);
      pending.thenAccept(r -> closeQuietly(r.body()));
      if (failures.get() > 0) {
        throw new IOException(failures.get() + " ingest calls failed");
      }
      if (readerFailure.get() != null && received.get() < total) {
        throw new IOException("stream reader failed", readerFailure.get());
      }
    }
    List<Long> latencies = new ArrayList<>();
    List<Long> afterReturn = new ArrayList<>();
    for (int k = 0; k < total; k++) {
      if (receivedAt[k] != 0) {
        latencies.add(receivedAt[k] - sentAt[k]);
        afterReturn.add(Math.max(0, receivedAt[k] - returnedAt[k]));
      }
    }
    int missing = total - latencies.size();
    if (latencies.isEmpty()) {
      throw new IOException("no event reached the stream");
    }
    Stats s = Stats.ofNanosAsMillis(latencies.stream().mapToLong(Long::longValue).toArray());
    Stats call = Stats.ofNanosAsMillis(callNanos);
    Stats sinceReturn =
        Stats.ofNanosAsMillis(afterReturn.stream().mapToLong(Long::longValue).toArray());
    b.report.add(
        Figure.of("live_latency_ms.p50", s.p50(), "ms")
            .with("events", total)
            .with("rate_per_s", 1000)
            .with("ingest_call_p50_ms", call.p50())
            .with("after_call_returned_p50_ms", sinceReturn.p50()));
    b.report.add(
        Figure.of("live_latency_ms.p99", s.p99(), "ms")
            .with("max_ms", s.max())
            .with("missing", missing)
            .with("ingest_call_p99_ms", call.p99())
            .with("after_call_returned_p99_ms", sinceReturn.p99())
            .withGoal("<= 100 with no event missing", s.p99() <= GOAL_P99_MS && missing == 0));
  }
}
