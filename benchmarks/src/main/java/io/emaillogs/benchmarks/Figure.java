package io.emaillogs.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure: {@code name: value unit}, what it was measured against ({@code details}: the
 * raw measurements and the reference's figures), and the goal with its verdict (null when the
 * figure has no goal).
 */
record Figure(
    String name, double value, String unit, String goal, Boolean met, Map<String, Object> details) {

  Figure {
    details = details == null ? Map.of() : new LinkedHashMap<>(details);
  }

  static Figure of(String name, double value, String unit) {
    return new Figure(name, value, unit, null, null, Map.of());
  }

  Figure withGoal(String goal, boolean met) {
    return new Figure(name, value, unit, goal, met, details);
  }

  Figure with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new Figure(name, this.value, unit, goal, met, more);
  }

  /** {@code name: value unit}, then the details and the goal's verdict in brackets. */
  String line() {
    StringBuilder b = new StringBuilder(name).append(": ").append(format(value));
    if (!unit.isEmpty()) {
      b.append(' ').append(unit);
    }
    if (!details.isEmpty() || goal != null) {
      b.append("   [");
      String sep = "";
      for (Map.Entry<String, Object> e : details.entrySet()) {
        b.append(sep).append(e.getKey()).append('=').append(formatAny(e.getValue()));
        sep = ", ";
      }
      if (goal != null) {
        b.append(sep).append("goal ").append(goal).append(": ").append(met ? "met" : "MISSED");
      }
      b.append(']');
    }
    return b.toString();
  }

  static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    double abs = Math.abs(v);
    if (abs >= 1000 || v == Math.rint(v) && abs < 1e15) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (abs >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String formatAny(Object v) {
    if (v instanceof Double d) {
      return format(d);
    }
    if (v instanceof Float f) {
      return format(f);
    }
    return String.valueOf(v);
  }
}
