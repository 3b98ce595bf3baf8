package io.emaillogs.domain.query;

import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated request of the query API (SPEC section 4), before its page token is opened. {@code
 * createdWindow} and {@code deliveredWindow} are the windows the caller gave (null when not given);
 * {@link #resolveCreatedWindow} adds the 7-day default.
 */
public record LogQuery(
    LogFilter filter,
    DateWindow createdWindow,
    DateWindow deliveredWindow,
    PageSize pageSize,
    String pageToken) {

  /** Days of the default created window. */
  public static final int DEFAULT_DAYS = 7;

  /** The parameters the query API accepts. */
  public static final Set<String> PARAMETERS =
      Set.of(
          "email",
          "recipientDomain",
          "refId",
          "status",
          "fromAddress",
          "subject",
          "campaignId",
          "recipientType",
          "failedReason",
          "startCreatedAt",
          "endCreatedAt",
          "startDeliveredDate",
          "endDeliveredDate",
          "pageSize",
          "pageToken");

  /**
   * Validates the raw query-string multimap with the rules and messages of SPEC section 4, in this
   * order: unknown then repeated parameters, pageSize, the created window, the delivered window,
   * status, recipientType. Empty values count as given.
   *
   * @throws io.emaillogs.domain.InvalidRequestException with the spec's message
   */
  public static LogQuery parse(Map<String, List<String>> raw) {
    Parameters p = Parameters.check(raw, PARAMETERS);
    PageSize pageSize = PageSize.parse(p.get("pageSize"));
    DateWindow created =
        DateWindow.between(
            "startCreatedAt", p.get("startCreatedAt"), "endCreatedAt", p.get("endCreatedAt"));
    DateWindow delivered =
        DateWindow.between(
            "startDeliveredDate",
            p.get("startDeliveredDate"),
            "endDeliveredDate",
            p.get("endDeliveredDate"));
    return new LogQuery(filter(p), created, delivered, pageSize, p.get("pageToken"));
  }

  /** The attribute filters of checked parameters; status and recipientType are validated. */
  static LogFilter filter(Parameters p) {
    String status = p.get("status");
    String recipientType = p.get("recipientType");
    return new LogFilter(
        p.get("email"),
        p.get("recipientDomain"),
        p.get("refId"),
        status == null ? null : LogStatus.parse(status),
        p.get("fromAddress"),
        p.get("subject"),
        p.get("campaignId"),
        recipientType == null ? null : RecipientType.parse(recipientType),
        p.get("failedReason"));
  }

  /**
   * The created window to search: the caller's, or with no window at all the last {@value
   * #DEFAULT_DAYS} days before {@code now}; null when only a delivered window was given.
   */
  public DateWindow resolveCreatedWindow(Instant now) {
    if (createdWindow != null || deliveredWindow != null) {
      return createdWindow;
    }
    return DateWindow.lastDays(now, DEFAULT_DAYS);
  }

  /**
   * A 16-byte digest of everything that selects the logs (filters and the caller's windows, not the
   * page size or token); a page token only continues the query it was issued for.
   */
  public byte[] fingerprint() {
    StringBuilder b = new StringBuilder(filter.canonical());
    appendWindow(b, createdWindow);
    appendWindow(b, deliveredWindow);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, PageToken.FINGERPRINT_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static void appendWindow(StringBuilder b, DateWindow window) {
    LogFilter.append(b, window == null ? null : window.start() + "/" + window.end());
  }
}
