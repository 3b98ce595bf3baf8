package io.emaillogs.benchmarks;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Sends java.util.logging (Jersey, Grizzly) to logback, which logback.xml keeps to warnings. */
final class Logging {
  private Logging() {}

  static void quiet() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
  }
}
