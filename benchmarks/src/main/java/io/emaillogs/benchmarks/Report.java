package io.emaillogs.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: printed one line each as they come, and written as JSON at the end. */
final class Report {
  private final PrintStream out;
  private final Map<String, Object> run = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  void run(String key, Object value) {
    run.put(key, value);
  }

  synchronized void add(Figure figure) {
    figures.add(figure);
    out.println(figure.line());
    out.flush();
  }

  synchronized void failed(String benchmark, Throwable e) {
    String message = benchmark + ": FAILED " + e;
    failures.add(message);
    out.println(message);
    out.flush();
  }

  List<Figure> figures() {
    return List.copyOf(figures);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** The missed goals, one line each. */
  List<String> missedGoals() {
    List<String> missed = new ArrayList<>();
    for (Figure f : figures) {
      if (Boolean.FALSE.equals(f.met())) {
        missed.add(f.name() + " " + Figure.format(f.value()) + " (goal " + f.goal() + ")");
      }
    }
    return missed;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", run);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("value", f.value());
      m.put("unit", f.unit());
      if (f.goal() != null) {
        m.put("goal", f.goal());
        m.put("met", f.met());
      }
      m.put("details", f.details());
      list.add(m);
    }
    json.put("figures", list);
    json.put("failures", failures);
    return json;
  }

  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson());
  }
}
