package io.emaillogs.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** RFC 3339 parsing (a zone is required) and the one output format (UTC, {@code Z}). */
public final class Timestamps {
  private static final DateTimeFormatter RFC3339 =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendPattern("-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private Timestamps() {}

  /**
   * Parses an RFC 3339 date-time with a zone ({@code Z} or {@code +02:00}); a date alone or a local
   * date-time is rejected.
   *
   * @param name the parameter or field name used in the message
   * @throws InvalidRequestException {@code Wrong date format: <name> must be RFC3339}
   */
  public static Instant parse(String name, String value) {
    if (value != null) {
      try {
        // RFC 3339 allows lower-case separators; ISO formatters do not.
        return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), RFC3339).toInstant();
      } catch (DateTimeParseException e) {
        // falls through to the spec's message
      }
    }
    throw new InvalidRequestException("Wrong date format: " + name + " must be RFC3339");
  }

  /**
   * Formats in UTC with {@code Z}; fractional seconds only when non-zero ({@code
   * 2024-01-15T10:30:00Z}, {@code 2024-01-15T10:30:00.250Z}).
   */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
