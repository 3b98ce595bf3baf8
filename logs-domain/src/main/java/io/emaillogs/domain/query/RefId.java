package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;
import java.util.regex.Pattern;

/** A message reference id as a caller names it in a path (SPEC section 2: 1-64 [A-Za-z0-9_-]). */
public final class RefId {
  /** The message of a malformed refId. */
  public static final String INVALID = "invalid refId";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private RefId() {}

  /**
   * Returns {@code raw} when it is a well-formed refId.
   *
   * @throws InvalidRequestException {@code invalid refId} otherwise (null, empty, too long, or a
   *     character outside the set)
   */
  public static String parse(String raw) {
    if (raw == null || !SHAPE.matcher(raw).matches()) {
      throw new InvalidRequestException(INVALID);
    }
    return raw;
  }
}
