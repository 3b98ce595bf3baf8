package io.emaillogs.domain;

import java.time.Instant;
import java.util.Objects;

/** One recorded open; {@code userAgent} and {@code ip} may be null. */
public record OpenEntry(Instant timestamp, String userAgent, String ip) {
  public OpenEntry {
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
