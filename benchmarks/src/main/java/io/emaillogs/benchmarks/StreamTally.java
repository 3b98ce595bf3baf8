package io.emaillogs.benchmarks;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * What one live stream of the fanout benchmark received: the index of every measured event as it
 * arrived, and when ({@link System#nanoTime}). {@link #check} counts, against the events the
 * stream's filter should have let through, those missing, those received more than once, and those
 * it should not have received at all.
 */
final class StreamTally {
  private int[] indexes = new int[16];
  private long[] arrivals = new long[16];
  private int size;

  /** The counts of one stream (or of many, added up). */
  record Check(long expected, long missing, long duplicated, long unexpected) {
    Check plus(Check o) {
      return new Check(
          expected + o.expected,
          missing + o.missing,
          duplicated + o.duplicated,
          unexpected + o.unexpected);
    }

    static final Check NONE = new Check(0, 0, 0, 0);
  }

  synchronized void record(int index, long arrivalNanos) {
    if (size == indexes.length) {
      indexes = Arrays.copyOf(indexes, size * 2);
      arrivals = Arrays.copyOf(arrivals, size * 2);
    }
    indexes[size] = index;
    arrivals[size] = arrivalNanos;
    size++;
  }

  synchronized int size() {
    return size;
  }

  /** The events received so far, in arrival order. */
  synchronized int[] indexes() {
    return Arrays.copyOf(indexes, size);
  }

  /** When each of {@link #indexes} arrived. */
  synchronized long[] arrivals() {
    return Arrays.copyOf(arrivals, size);
  }

  /** Counts against the events {@code 0..total-1} for which {@code expected} holds. */
  synchronized Check check(int total, IntPredicate expected) {
    int[] sorted = Arrays.copyOf(indexes, size);
    Arrays.sort(sorted);
    long want = 0;
    for (int k = 0; k < total; k++) {
      if (expected.test(k)) {
        want++;
      }
    }
    long duplicated = 0;
    long unexpected = 0;
    long distinctExpected = 0;
    for (int i = 0; i < sorted.length; i++) {
      int k = sorted[i];
      if (i > 0 && sorted[i - 1] == k) {
        duplicated++;
      } else if (k >= 0 && k < total && expected.test(k)) {
        distinctExpected++;
      } else {
        unexpected++;
      }
    }
    return new Check(want, want - distinctExpected, duplicated, unexpected);
  }
}
