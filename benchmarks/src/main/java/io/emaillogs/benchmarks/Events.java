package io.emaillogs.benchmarks;

import io.emaillogs.domain.RawEvent;
import java.util.List;

/** Events as the mail pipeline would submit them. */
final class Events {
  private Events() {}

  static RawEvent queued(
      long account, String refId, String recipient, String at, String from, String subject) {
    return new RawEvent(
        null,
        "queued",
        account,
        refId,
        recipient,
        at,
        from,
        subject,
        "to",
        "normal",
        "camp-bench",
        List.of("bench", "newsletter"),
        null,
        null,
        null,
        null);
  }

  static RawEvent delivered(long account, String refId, String recipient, String at) {
    return new RawEvent(
        null,
        "delivered",
        account,
        refId,
        recipient,
        at,
        null,
        null,
        null,
        null,
        null,
        null,
        "250 2.0.0 OK",
        null,
        null,
        null);
  }
}
