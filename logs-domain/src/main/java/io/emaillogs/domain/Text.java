package io.emaillogs.domain;

/**
 * The one rule every text a caller hands in obeys, whatever the store: no NUL character and no
 * unpaired UTF-16 surrogate. PostgreSQL cannot store a NUL in text, and a lone surrogate has no
 * UTF-8 form (a driver would silently turn it into {@code ?}); so both are refused up front, with
 * the same 400 on every store, rather than stored differently by each.
 */
public final class Text {
  private Text() {}

  /** The message for a value of {@code name} that breaks the rule. */
  public static String invalidMessage(String name) {
    return name + " must not contain NUL characters or unpaired surrogates";
  }

  /** True when {@code value} is null or holds neither a NUL nor an unpaired surrogate. */
  public static boolean isValid(String value) {
    if (value == null) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code value} when it is valid text.
   *
   * @throws InvalidRequestException {@code <name> must not contain NUL characters or unpaired
   *     surrogates}
   */
  public static String check(String name, String value) {
    if (!isValid(value)) {
      throw new InvalidRequestException(invalidMessage(name));
    }
    return value;
  }
}
