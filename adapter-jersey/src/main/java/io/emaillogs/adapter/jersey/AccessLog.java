package io.emaillogs.adapter.jersey;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on the logger {@value #LOGGER}, at INFO: method, route template, status,
 * duration in ms, the caller's account id ({@code -} for none: operator calls, health, refusals
 * before authentication) and, for a stream, the events it sent. The fields are also the event's
 * key-value pairs, so the JSON format carries them as such. Never a token, a query string, a path
 * with its values or an address: only the route template.
 */
final class AccessLog {
  static final String LOGGER = "io.emaillogs.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private AccessLog() {}

  /**
   * Logs one request.
   *
   * @param accountId the authenticated account, or null
   * @param streamEvents the events a stream sent, or -1 for a request that is no stream
   */
  static void request(
      String method, String route, int status, long nanos, Long accountId, long streamEvents) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
    String account = accountId == null ? "-" : accountId.toString();
    StringBuilder line =
        new StringBuilder(96)
            .append(method)
            .append(' ')
            .append(route)
            .append(' ')
            .append(status)
            .append(' ')
            .append(millis)
            .append("ms account=")
            .append(account);
    LoggingEventBuilder event =
        LOG.atInfo()
            .addKeyValue("method", method)
            .addKeyValue("route", route)
            .addKeyValue("status", status)
            .addKeyValue("durationMs", millis)
            .addKeyValue("accountId", account);
    if (streamEvents >= 0) {
      line.append(" events=").append(streamEvents);
      event = event.addKeyValue("streamEvents", streamEvents);
    }
    event.log(line.toString());
  }
}
