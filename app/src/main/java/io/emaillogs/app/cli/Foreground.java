package io.emaillogs.app.cli;

import io.emaillogs.app.EmailLogsServer;
import java.io.PrintWriter;

/** Keeps a started server in the foreground until the JVM is asked to stop. */
final class Foreground {
  private Foreground() {}

  /**
   * Closes {@code server} on SIGTERM/SIGINT, prints the {@code listening on} line and waits until
   * the server has stopped.
   */
  static int run(EmailLogsServer server, PrintWriter out) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "email-logs-shutdown"));
    out.println("listening on " + server.address());
    out.flush();
    server.awaitStopped();
    return 0;
  }
}
