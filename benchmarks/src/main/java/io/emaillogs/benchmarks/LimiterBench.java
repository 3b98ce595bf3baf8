package io.emaillogs.benchmarks;

import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.application.port.RateLimiter;
import java.time.Clock;

/**
 * limiter_overhead_us: the cost of the rate-limit check every customer request makes, with the
 * in-process limiter and with the one shared through PostgreSQL (the app's choice on PostgreSQL).
 */
final class LimiterBench {
  private LimiterBench() {}

  static void run(Bench b) {
    RateLimiter local = new InMemoryRateLimiter(Clock.systemUTC());
    int calls = b.sizes.limiterCalls() * 1000;
    for (int i = 0; i < calls / 2; i++) {
      check(local.tryConsume(1, Bench.NO_LIMIT));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      check(local.tryConsume(1 + (i & 63), Bench.NO_LIMIT));
    }
    double localUs = (System.nanoTime() - t0) / 1e3 / calls;
    b.report.add(Figure.of("limiter_overhead_us.in_process", localUs, "us").with("calls", calls));

    RateLimiter shared =
        b.stores
            .sharedRateLimiter()
            .orElseThrow(() -> new IllegalStateException("no shared limiter"));
    int n = b.sizes.limiterCalls();
    for (int i = 0; i < Math.max(100, n / 10); i++) {
      check(shared.tryConsume(b.reader.id(), Bench.NO_LIMIT));
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      check(shared.tryConsume(b.reader.id(), Bench.NO_LIMIT));
      nanos[i] = System.nanoTime() - s;
    }
    Stats us = Stats.ofNanosAsMillis(nanos);
    b.report.add(
        Figure.of("limiter_overhead_us.postgresql", us.p50() * 1000, "us")
            .with("mean_us", us.mean() * 1000)
            .with("p99_us", us.p99() * 1000)
            .with("calls", n));
  }

  private static void check(RateLimiter.RateDecision d) {
    if (!d.allowed()) {
      throw new IllegalStateException("the limiter refused a call under a limit of " + d.limit());
    }
  }
}
