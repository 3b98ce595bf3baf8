package io.emaillogs.client;

import java.time.Duration;

/** Waits; a seam so tests can see the waits the client chose. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
