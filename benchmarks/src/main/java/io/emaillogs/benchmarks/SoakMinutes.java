package io.emaillogs.benchmarks;

import java.util.Arrays;

/**
 * The latencies of one kind of call in a {@link Soak}, by the minute in which each call started.
 *
 * <p>Kept in growable primitive arrays, one per minute: a 12-minute soak records about 1.5 million
 * stream deliveries, which as boxed {@code Long}s in linked queues were some 60 MB of objects the
 * measuring JVM kept live and its collector had to trace - time taken from the load it drives, on
 * the same two cores as the server.
 */
final class SoakMinutes {
  private final Minute[] byMinute;

  /** Minutes 0 to {@code minutes}; the last one takes what starts after the end. */
  SoakMinutes(int minutes) {
    byMinute = new Minute[minutes + 1];
    for (int m = 0; m <= minutes; m++) {
      byMinute[m] = new Minute();
    }
  }

  void add(int minute, long nanos) {
    byMinute[minute].add(nanos);
  }

  int count(int m) {
    return byMinute[m].values().length;
  }

  double p50(int m) {
    return stats(m).p50();
  }

  double p99(int m) {
    return stats(m).p99();
  }

  private Stats stats(int m) {
    long[] values = byMinute[m].values();
    return Stats.ofNanosAsMillis(values.length == 0 ? new long[] {0} : values);
  }

  private static final class Minute {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized long[] values() {
      return Arrays.copyOf(values, size);
    }
  }
}
