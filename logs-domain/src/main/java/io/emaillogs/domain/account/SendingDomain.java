package io.emaillogs.domain.account;

import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.Text;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A sending domain registered to an account; only a verified domain can be streamed. */
public record SendingDomain(long accountId, String domain, boolean verified) {
  private static final Pattern NAME =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  public SendingDomain {
    Objects.requireNonNull(domain, "domain");
  }

  /**
   * Normalises a domain name to lower case and checks its shape.
   *
   * @throws InvalidRequestException {@code Invalid domain: <value>}, or {@code domain must not
   *     contain NUL characters or unpaired surrogates}
   */
  public static String normalise(String domain) {
    Text.check("domain", domain);
    String lower = domain == null ? null : domain.toLowerCase(Locale.ROOT);
    if (lower == null || !NAME.matcher(lower).matches()) {
      throw new InvalidRequestException("Invalid domain: " + domain);
    }
    return lower;
  }
}
