package io.emaillogs.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The filters of a log query (SPEC section 4), built with {@link #builder()}; immutable. Every
 * filter is optional; the server checks values (an unknown status cannot be written here, a
 * delivered window over 7 days is its 400). Both windows are inclusive at both ends.
 *
 * <p>{@link EmailLogsClient#logs} splits a created window of any length into consecutive windows of
 * at most 7 days; without a created window and without a delivered one it reads the server's
 * default, the last 7 days. {@link EmailLogsClient#export} sends the created window as it is (the
 * server allows up to 93 days) and no {@code pageSize}.
 */
public final class LogQuery {
  private final Map<String, String> filters;
  private final Instant createdFrom;
  private final Instant createdTo;
  private final Instant deliveredFrom;
  private final Instant deliveredTo;
  private final Integer pageSize;

  private LogQuery(Builder b) {
    this.filters = Map.copyOf(b.filters);
    this.createdFrom = b.createdFrom;
    this.createdTo = b.createdTo;
    this.deliveredFrom = b.deliveredFrom;
    this.deliveredTo = b.deliveredTo;
    this.pageSize = b.pageSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A query without any filter: the last 7 days. */
  public static LogQuery all() {
    return builder().build();
  }

  /** Start of the created window, or null. */
  public Instant createdFrom() {
    return createdFrom;
  }

  /** End of the created window, or null. */
  public Instant createdTo() {
    return createdTo;
  }

  /** The page size asked for, or null for the client's default of 50. */
  public Integer pageSize() {
    return pageSize;
  }

  /** The attribute filters and the delivered window, as query parameters. */
  Map<String, String> filterParameters() {
    Map<String, String> p = new LinkedHashMap<>(filters);
    if (deliveredFrom != null) {
      p.put("startDeliveredDate", deliveredFrom.toString());
      p.put("endDeliveredDate", deliveredTo.toString());
    }
    return p;
  }

  boolean hasDeliveredWindow() {
    return deliveredFrom != null;
  }

  /** A builder of {@link LogQuery}; each setter replaces an earlier value, null clears it. */
  public static final class Builder {
    private final Map<String, String> filters = new LinkedHashMap<>();
    private Instant createdFrom;
    private Instant createdTo;
    private Instant deliveredFrom;
    private Instant deliveredTo;
    private Integer pageSize;

    private Builder() {}

    /** Recipient address, exact, case-insensitive ({@code email}). */
    public Builder email(String recipientAddress) {
      return put("email", recipientAddress);
    }

    /** Domain of the recipient address, case-insensitive. */
    public Builder recipientDomain(String domain) {
      return put("recipientDomain", domain);
    }

    /** The message reference id. */
    public Builder refId(String refId) {
      return put("refId", refId);
    }

    public Builder status(Status status) {
      return put("status", status == null ? null : status.wireName());
    }

    /** Sender address, exact, case-insensitive. */
    public Builder fromAddress(String fromAddress) {
      return put("fromAddress", fromAddress);
    }

    /** Subject, exact and case-sensitive. */
    public Builder subject(String subject) {
      return put("subject", subject);
    }

    public Builder campaignId(String campaignId) {
      return put("campaignId", campaignId);
    }

    public Builder recipientType(RecipientType type) {
      return put("recipientType", type == null ? null : type.wireName());
    }

    /** The last failure or deferral reason, exact. */
    public Builder failedReason(String reason) {
      return put("failedReason", reason);
    }

    /**
     * Logs created in {@code [from, to]}, both ends included; any length for {@link
     * EmailLogsClient#logs}.
     *
     * @throws IllegalArgumentException {@code startCreatedAt cannot be after endCreatedAt}
     */
    public Builder createdBetween(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("startCreatedAt cannot be after endCreatedAt");
      }
      this.createdFrom = from;
      this.createdTo = to;
      return this;
    }

    /**
     * Logs delivered in {@code [from, to]}, both ends included; the server allows at most 7 days.
     *
     * @throws IllegalArgumentException {@code startDeliveredDate cannot be after endDeliveredDate}
     */
    public Builder deliveredBetween(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("startDeliveredDate cannot be after endDeliveredDate");
      }
      this.deliveredFrom = from;
      this.deliveredTo = to;
      return this;
    }

    /**
     * Logs per request, 1 to 50 (default 50 here; the server's own default is 20).
     *
     * @throws IllegalArgumentException {@code pageSize must be between 1 and 50}
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 50) {
        throw new IllegalArgumentException("pageSize must be between 1 and 50");
      }
      this.pageSize = pageSize;
      return this;
    }

    public LogQuery build() {
      return new LogQuery(this);
    }

    private Builder put(String name, String value) {
      if (value == null) {
        filters.remove(name);
      } else {
        filters.put(name, value);
      }
      return this;
    }
  }
}
