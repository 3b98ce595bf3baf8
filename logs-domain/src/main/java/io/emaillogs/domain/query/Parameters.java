package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A raw query-string multimap, checked once for unknown and repeated names, then read one value per
 * name. Unknown names are reported before repeated ones, each in alphabetical order, so the message
 * is the same whatever order a client sends.
 */
public final class Parameters {
  private final Map<String, List<String>> raw;

  private Parameters(Map<String, List<String>> raw) {
    this.raw = raw;
  }

  /**
   * Checks {@code raw} against the allowed names.
   *
   * @throws InvalidRequestException {@code Invalid query parameter: <name>}, {@code Duplicate query
   *     parameter: <name>} or, for a value with a NUL or an unpaired surrogate, {@code <name> must
   *     not contain NUL characters or unpaired surrogates}
   */
  public static Parameters check(Map<String, List<String>> raw, Set<String> allowed) {
    for (String name : raw.keySet()) {
      Text.check("query parameter names", name); // before any message echoes a name
    }
    for (String name : new TreeSet<>(raw.keySet())) {
      if (!allowed.contains(name)) {
        throw new InvalidRequestException("Invalid query parameter: " + name);
      }
    }
    for (String name : new TreeSet<>(raw.keySet())) {
      List<String> values = raw.get(name);
      if (values != null && values.size() > 1) {
        throw new InvalidRequestException("Duplicate query parameter: " + name);
      }
    }
    for (String name : new TreeSet<>(raw.keySet())) {
      List<String> values = raw.get(name);
      if (values != null && !values.isEmpty()) {
        Text.check(name, values.get(0));
      }
    }
    return new Parameters(raw);
  }

  /** The single value of {@code name}, or null when absent. */
  public String get(String name) {
    List<String> values = raw.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
