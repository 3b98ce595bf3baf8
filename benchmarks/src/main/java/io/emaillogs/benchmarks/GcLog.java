package io.emaillogs.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc:file=...} log: the highest heap occupancy seen before a collection
 * (the peak the heap reached), the highest occupancy after one (the live set), and the largest
 * committed heap.
 */
record GcLog(int collections, double peakBeforeMb, double peakAfterMb, double maxCommittedMb) {
  private static final Pattern PAUSE =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?)([KMG])->(\\d+(?:\\.\\d+)?)([KMG])\\((\\d+(?:\\.\\d+)?)([KMG])\\)");

  private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s]");

  /**
   * The lowest and highest heap occupancy after a collection (MB) among the collections of the last
   * {@code seconds} of the log's uptime; NaN when there are none. The log must carry the default
   * {@code uptime} decoration.
   */
  static double[] afterCollections(Path file, double seconds) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    List<double[]> pauses = new java.util.ArrayList<>(); // {uptime, after}
    for (String line : lines) {
      Matcher at = UPTIME.matcher(line);
      Matcher m = PAUSE.matcher(line);
      if (at.find() && m.find()) {
        pauses.add(new double[] {Double.parseDouble(at.group(1)), mb(m.group(3), m.group(4))});
      }
    }
    double min = Double.NaN;
    double max = Double.NaN;
    double end = pauses.isEmpty() ? 0 : pauses.get(pauses.size() - 1)[0];
    for (double[] p : pauses) {
      if (p[0] > end - seconds) {
        min = Double.isNaN(min) ? p[1] : Math.min(min, p[1]);
        max = Double.isNaN(max) ? p[1] : Math.max(max, p[1]);
      }
    }
    return new double[] {min, max};
  }

  static GcLog read(Path file) throws IOException {
    return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
  }

  static GcLog parse(List<String> lines) {
    int count = 0;
    double before = 0;
    double after = 0;
    double committed = 0;
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        count++;
        before = Math.max(before, mb(m.group(1), m.group(2)));
        after = Math.max(after, mb(m.group(3), m.group(4)));
        committed = Math.max(committed, mb(m.group(5), m.group(6)));
      }
    }
    return new GcLog(count, before, after, committed);
  }

  private static double mb(String number, String unit) {
    double v = Double.parseDouble(number);
    return switch (unit.toUpperCase(Locale.ROOT)) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }
}
