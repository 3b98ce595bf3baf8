package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An inclusive time window {@code [start, end]}, at most {@link #MAX_LENGTH} long. Use {@link
 * #between} for bounds a caller gave, {@link #lastDays} for the default window, {@link #of} to
 * rebuild a window that was validated before (from a page token).
 */
public record DateWindow(Instant start, Instant end) {
  /** The longest window a query may ask for; exactly seven days is allowed. */
  public static final Duration MAX_LENGTH = Duration.ofDays(7);

  public DateWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isAfter(end)) {
      throw new IllegalArgumentException("start after end");
    }
  }

  /** A window rebuilt from trusted values. */
  public static DateWindow of(Instant start, Instant end) {
    return new DateWindow(start, end);
  }

  /** The window {@code [now - days, now]}. */
  public static DateWindow lastDays(Instant now, int days) {
    return new DateWindow(now.minus(Duration.ofDays(days)), now);
  }

  /**
   * Validates a caller's window given as two optional raw values named {@code <startName>} and
   * {@code <endName>}; returns null when neither is given.
   *
   * @throws InvalidRequestException with the spec's messages: {@code Wrong date format: <name> must
   *     be RFC3339}, {@code <endName> is required}, {@code <startName> is required}, {@code
   *     <startName> cannot be after <endName>}, {@code date range cannot exceed 7 days}
   */
  public static DateWindow between(
      String startName, String rawStart, String endName, String rawEnd) {
    return between(startName, rawStart, endName, rawEnd, (int) MAX_LENGTH.toDays());
  }

  /**
   * As {@link #between(String, String, String, String)}, with a longest window of {@code maxDays}
   * days instead of seven (statistics and export allow 93): the message is then {@code date range
   * cannot exceed <maxDays> days}.
   */
  public static DateWindow between(
      String startName, String rawStart, String endName, String rawEnd, int maxDays) {
    Instant start = rawStart == null ? null : Timestamps.parse(startName, rawStart);
    Instant end = rawEnd == null ? null : Timestamps.parse(endName, rawEnd);
    if (start == null && end == null) {
      return null;
    }
    if (end == null) {
      throw new InvalidRequestException(endName + " is required");
    }
    if (start == null) {
      throw new InvalidRequestException(startName + " is required");
    }
    if (start.isAfter(end)) {
      throw new InvalidRequestException(startName + " cannot be after " + endName);
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(maxDays)) > 0) {
      throw new InvalidRequestException("date range cannot exceed " + maxDays + " days");
    }
    return new DateWindow(start, end);
  }

  /** True when {@code instant} lies in the window, both ends included. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && !instant.isAfter(end);
  }
}
