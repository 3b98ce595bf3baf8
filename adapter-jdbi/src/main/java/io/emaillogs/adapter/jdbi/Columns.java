package io.emaillogs.adapter.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Reading helpers shared by the row mappers. */
final class Columns {
  /** The length of the indexed prefix of long free texts (subject, campaignId, failedReason). */
  static final int PREFIX = 100;

  private Columns() {}

  /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant; null stays null. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A column holding an enum's wire name (its lower-case name). */
  static <E extends Enum<E>> E wireEnum(ResultSet rs, String column, Class<E> type)
      throws SQLException {
    String value = rs.getString(column);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SQLException("unexpected " + column + ": " + value, e);
    }
  }

  /** The wire name stored for an enum value; null stays null. */
  static String wireName(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case form kept in the *_key columns of addresses. */
  static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** The first {@value #PREFIX} characters of a long text, kept in its indexed *_key column. */
  static String prefix(String value) {
    if (value == null || value.length() <= PREFIX) {
      return value;
    }
    // do not split a surrogate pair
    int end = Character.isHighSurrogate(value.charAt(PREFIX - 1)) ? PREFIX - 1 : PREFIX;
    return value.substring(0, end);
  }
}
