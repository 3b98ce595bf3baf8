package io.emaillogs.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The latencies of one kind of call in a {@link Soak}, by the minute in which each call started.
 */
final class SoakMinutes {
  private final List<ConcurrentLinkedQueue<Long>> byMinute = new ArrayList<>();

  /** Minutes 0 to {@code minutes}; the last one takes what starts after the end. */
  SoakMinutes(int minutes) {
    for (int m = 0; m <= minutes; m++) {
      byMinute.add(new ConcurrentLinkedQueue<>());
    }
  }

  void add(int minute, long nanos) {
    byMinute.get(minute).add(nanos);
  }

  int count(int m) {
    return byMinute.get(m).size();
  }

  double p50(int m) {
    return stats(m).p50();
  }

  double p99(int m) {
    return stats(m).p99();
  }

  private Stats stats(int m) {
    long[] values = byMinute.get(m).stream().mapToLong(Long::longValue).toArray();
    return Stats.ofNanosAsMillis(values.length == 0 ? new long[] {0} : values);
  }
}
