package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;
import java.util.Locale;

/** The line formats of the bulk export: one log per line. */
public enum ExportFormat {
  /** One JSON object per line, the log shape of SPEC section 2. */
  NDJSON,
  /** RFC 4180 CSV with a header row; tags and track as JSON text. */
  CSV;

  /** The lower-case name used on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code ndjson} or {@code csv}; null means the default, ndjson.
   *
   * @throws InvalidRequestException {@code Invalid format: <value>} for anything else
   */
  public static ExportFormat parse(String value) {
    if (value == null) {
      return NDJSON;
    }
    for (ExportFormat f : values()) {
      if (f.wireName().equals(value)) {
        return f;
      }
    }
    throw new InvalidRequestException("Invalid format: " + value);
  }
}
