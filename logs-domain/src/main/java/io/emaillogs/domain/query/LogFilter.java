package io.emaillogs.domain.query;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import java.util.Locale;

/**
 * The attribute filters of a log query; each is null when not given. Addresses and domains ({@code
 * email}, {@code recipientDomain}, {@code fromAddress}) compare case-insensitively and are held in
 * lower case; the other text filters are exact and case-sensitive. {@link #matches} is the
 * reference semantics every store implements.
 */
public record LogFilter(
    String email,
    String recipientDomain,
    String refId,
    LogStatus status,
    String fromAddress,
    String subject,
    String campaignId,
    RecipientType recipientType,
    String failedReason) {

  /** No filter at all. */
  public static final LogFilter NONE =
      new LogFilter(null, null, null, null, null, null, null, null, null);

  public LogFilter {
    email = lower(email);
    recipientDomain = lower(recipientDomain);
    fromAddress = lower(fromAddress);
  }

  /** True when {@code log} passes every given filter. */
  public boolean matches(EmailLog log) {
    return (email == null || email.equals(lower(log.recipientAddress())))
        && (recipientDomain == null || recipientDomain.equals(log.recipientDomain()))
        && (refId == null || refId.equals(log.refId()))
        && (status == null || status == log.status())
        && (fromAddress == null || fromAddress.equals(lower(log.fromAddress())))
        && (subject == null || subject.equals(log.subject()))
        && (campaignId == null || campaignId.equals(log.campaignId()))
        && (recipientType == null || recipientType == log.recipientType())
        && (failedReason == null || failedReason.equals(log.failedReason()));
  }

  /** A canonical text of the filter, the input of the page-token fingerprint. */
  String canonical() {
    StringBuilder b = new StringBuilder();
    append(b, email);
    append(b, recipientDomain);
    append(b, refId);
    append(b, status == null ? null : status.wireName());
    append(b, fromAddress);
    append(b, subject);
    append(b, campaignId);
    append(b, recipientType == null ? null : recipientType.wireName());
    append(b, failedReason);
    return b.toString();
  }

  static void append(StringBuilder b, String value) {
    // length-prefixed, so no value can imitate a separator
    if (value == null) {
      b.append("-;");
    } else {
      b.append(value.length()).append(':').append(value).append(';');
    }
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
