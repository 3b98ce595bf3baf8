package io.emaillogs.domain;

import java.util.Locale;

/** Parsing helpers shared by the wire vocabularies (lower-case names on the wire). */
final class Vocabulary {
  private Vocabulary() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value != null && !value.isEmpty() && value.equals(value.toLowerCase(Locale.ROOT))) {
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // falls through to the spec's message
      }
    }
    throw new InvalidRequestException("Invalid " + field + ": " + value);
  }

  static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
