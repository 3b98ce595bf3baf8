package io.emaillogs.domain;

/**
 * Optional details of an event: a failure or deferral {@code reason}, the {@code userAgent} and
 * {@code ip} of an open or click, the clicked {@code url}. Each is null when absent.
 */
public record EventDetails(String reason, String userAgent, String ip, String url) {
  public static final EventDetails NONE = new EventDetails(null, null, null, null);

  /** True when no detail is present. */
  public boolean isEmpty() {
    return reason == null && userAgent == null && ip == null && url == null;
  }
}
