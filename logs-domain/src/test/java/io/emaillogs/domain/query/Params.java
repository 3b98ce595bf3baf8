package io.emaillogs.domain.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a raw query-string multimap: {@code Params.of("status", "sent", "status", "opened")}. */
final class Params {
  private Params() {}

  static Map<String, List<String>> of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    Map<String, List<String>> raw = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      raw.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return raw;
  }
}
