package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;

/** Logs per page, 1 to 50; never clamped. */
public record PageSize(int value) {
  public static final int MIN = 1;
  public static final int MAX = 50;
  public static final PageSize DEFAULT = new PageSize(20);

  public PageSize {
    if (value < MIN || value > MAX) {
      throw new InvalidRequestException("pageSize must be between 1 and 50");
    }
  }

  /**
   * Parses the raw parameter; null gives the default of 20.
   *
   * @throws InvalidRequestException {@code pageSize must be between 1 and 50} for anything that is
   *     not a decimal integer in range
   */
  public static PageSize parse(String raw) {
    if (raw == null) {
      return DEFAULT;
    }
    if (!raw.matches("[0-9]{1,3}")) {
      throw new InvalidRequestException("pageSize must be between 1 and 50");
    }
    return new PageSize(Integer.parseInt(raw));
  }
}
