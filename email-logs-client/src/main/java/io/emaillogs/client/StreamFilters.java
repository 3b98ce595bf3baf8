package io.emaillogs.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of a live stream (SPEC section 5), built with {@link #builder()}. {@code start} and
 * {@code end} bound the event timestamp, both inclusive: with {@code end} the stream sends the
 * matching history and completes; without it, it goes on live. {@code limit} bounds the events of
 * the whole subscription, across reconnections (without one, each connection has the server's
 * default of 50,000). {@code lastEventId} resumes after a sequence seen before.
 */
public final class StreamFilters {
  private final Map<String, String> parameters;
  private final Instant start;
  private final Integer limit;
  private final Long lastEventId;

  private StreamFilters(Builder b) {
    this.parameters = Map.copyOf(b.p);
    this.start = b.start;
    this.limit = b.limit;
    this.lastEventId = b.lastEventId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No filter: live events from now on. */
  public static StreamFilters none() {
    return builder().build();
  }

  /** The parameters other than {@code start} and {@code limit}. */
  Map<String, String> parameters() {
    return parameters;
  }

  Instant start() {
    return start;
  }

  Integer limit() {
    return limit;
  }

  Long lastEventId() {
    return lastEventId;
  }

  /** A builder of {@link StreamFilters}; each setter replaces an earlier value, null clears it. */
  public static final class Builder {
    private final Map<String, String> p = new LinkedHashMap<>();
    private Instant start;
    private Integer limit;
    private Long lastEventId;

    private Builder() {}

    /** Events at or after {@code start} (event timestamp). */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Events at or before {@code end}; the stream completes after that history. */
    public Builder end(Instant end) {
      return put("end", end == null ? null : end.toString());
    }

    /** Sender address, exact, case-insensitive. */
    public Builder sender(String sender) {
      return put("sender", sender);
    }

    /** Recipient address, exact, case-insensitive. */
    public Builder recipient(String recipient) {
      return put("recipient", recipient);
    }

    /** Part of the subject, case-insensitive. */
    public Builder subject(String subject) {
      return put("subject", subject);
    }

    public Builder eventType(EventType type) {
      return put("event_type", type == null ? null : type.wireName());
    }

    /** Part of any tag, case-insensitive. */
    public Builder tags(String tags) {
      return put("tags", tags);
    }

    /**
     * Events of the whole subscription, 1 to 500,000.
     *
     * @throws IllegalArgumentException {@code limit must be between 1 and 500000}
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > 500_000) {
        throw new IllegalArgumentException("limit must be between 1 and 500000");
      }
      this.limit = limit;
      return this;
    }

    /** Resume after this sequence (a {@link LogEvent#id()} seen before). */
    public Builder lastEventId(long lastEventId) {
      this.lastEventId = lastEventId;
      return this;
    }

    public StreamFilters build() {
      return new StreamFilters(this);
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
