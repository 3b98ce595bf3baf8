package io.emaillogs.benchmarks;

import java.util.Arrays;

/** Percentiles of a sample of timings (nearest rank), in the sample's unit. */
final class Stats {
  private final double[] sorted;

  private Stats(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  static Stats of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    return new Stats(values);
  }

  static Stats ofNanosAsMillis(long[] nanos) {
    double[] ms = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      ms[i] = nanos[i] / 1_000_000.0;
    }
    return of(ms);
  }

  /** The smallest value with at least {@code p} percent of the sample at or below it. */
  double percentile(double p) {
    if (p <= 0) {
      return sorted[0];
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }

  double p50() {
    return percentile(50);
  }

  double p99() {
    return percentile(99);
  }

  double mean() {
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return sum / sorted.length;
  }

  double max() {
    return sorted[sorted.length - 1];
  }

  int count() {
    return sorted.length;
  }
}
