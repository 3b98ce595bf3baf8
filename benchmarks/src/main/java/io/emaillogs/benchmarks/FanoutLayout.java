package io.emaillogs.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Where the K streams of the fanout benchmark and its events go; pure, so the expected set of each
 * stream is known.
 */
record FanoutLayout(int k, int unfiltered, int filtered, int others, int otherDomains) {
  static FanoutLayout of(int k) {
    int unfiltered = Math.min(10, Math.max(1, k / 2));
    int others = Math.max(1, k / 10);
    return new FanoutLayout(k, unfiltered, k - unfiltered, others, Math.min(10, others));
  }

  static boolean onMain(int event) {
    return event % 10 != 9;
  }

  int otherDomain(int event) {
    return (event / 10) % otherDomains;
  }

  int recipient(int event) {
    return (event / 10 * 9 + event % 10) % filtered;
  }

  static String recipientAddress(int r) {
    return "r" + r + "@rcpt.example";
  }

  static String otherName(int d) {
    return "o" + d + ".fanout.example";
  }

  IntPredicate unfilteredStream() {
    return FanoutLayout::onMain;
  }

  IntPredicate filteredStream(int r) {
    return e -> onMain(e) && recipient(e) == r;
  }

  IntPredicate otherStream(int i) {
    return e -> !onMain(e) && otherDomain(e) == i % otherDomains;
  }

  List<String> domains() {
    List<String> d = new ArrayList<>(List.of(FanoutBench.DOMAIN));
    for (int i = 0; i < otherDomains; i++) {
      d.add(otherName(i));
    }
    return d;
  }
}
