package io.emaillogs.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A delivery-statistics request ({@code GET /v1/email/stats}), built with {@link #builder()}:
 * without a created window, the last 7 days; the server allows at most 93 days.
 */
public final class StatsQuery {
  private final Map<String, String> parameters;

  private StatsQuery(Map<String, String> parameters) {
    this.parameters = Map.copyOf(parameters);
  }

  public static Builder builder() {
    return new Builder();
  }

  Map<String, String> parameters() {
    return parameters;
  }

  /** A builder of {@link StatsQuery}; each setter replaces an earlier value, null clears it. */
  public static final class Builder {
    private final Map<String, String> p = new LinkedHashMap<>();

    private Builder() {}

    /** Logs created in {@code [from, to]}, both ends included. */
    public Builder createdBetween(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      p.put("startCreatedAt", from.toString());
      p.put("endCreatedAt", to.toString());
      return this;
    }

    public Builder campaignId(String campaignId) {
      return put("campaignId", campaignId);
    }

    public Builder fromAddress(String fromAddress) {
      return put("fromAddress", fromAddress);
    }

    public Builder recipientDomain(String recipientDomain) {
      return put("recipientDomain", recipientDomain);
    }

    /** Bucket size; the server's default is {@code day}. */
    public Builder interval(StatsInterval interval) {
      return put("interval", interval == null ? null : interval.wireName());
    }

    public Builder groupBy(StatsGroupBy groupBy) {
      return put("groupBy", groupBy == null ? null : groupBy.wireName());
    }

    public StatsQuery build() {
      return new StatsQuery(p);
    }

    private Builder put(String name, String value) {
      if (value == null) {
        p.remove(name);
      } else {
        p.put(name, value);
      }
      return this;
    }
  }
}
