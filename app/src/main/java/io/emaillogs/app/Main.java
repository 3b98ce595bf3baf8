package io.emaillogs.app;

import io.emaillogs.app.cli.EmailLogsCommand;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The entry point of {@code email-logs.jar}: {@code serve} and {@code demo}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Jersey, Grizzly and the application layer log through java.util.logging.
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    int exitCode;
    try {
      exitCode = EmailLogsCommand.commandLine(System.getenv()).execute(args);
    } catch (Throwable e) { // an Error escapes picocli's handlers: still stop, and say why
      LoggerFactory.getLogger(Main.class).error("email-logs failed", e);
      exitCode = EmailLogsCommand.EXIT_FAILED;
    }
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
