package io.emaillogs.domain;

import java.time.Instant;
import java.util.Objects;

/** One recorded click; {@code url}, {@code userAgent} and {@code ip} may be null. */
public record ClickEntry(Instant timestamp, String url, String userAgent, String ip) {
  public ClickEntry {
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
