package io.emaillogs.adapter.jersey;

import java.io.IOException;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Jersey logs every client that leaves in the middle of a response at ERROR with a stack trace. For
 * a stream that is how every client ends, so those records (an I/O failure while writing) are
 * dropped here; every other record of these loggers passes.
 */
final class DisconnectLogFilter implements Filter {
  /** The loggers that report a failed write; held here so their filter is not collected. */
  private static final List<Logger> LOGGERS =
      List.of(Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder"));

  private DisconnectLogFilter() {}

  static synchronized void install() {
    for (Logger logger : LOGGERS) {
      if (!(logger.getFilter() instanceof DisconnectLogFilter)) {
        logger.setFilter(new DisconnectLogFilter());
      }
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    return !isDisconnect(record.getThrown());
  }

  static boolean isDisconnect(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
