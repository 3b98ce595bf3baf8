package io.emaillogs.adapter.jersey;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Counts the requests Jersey is processing, streams included, so a shutdown can wait for exactly
 * those. (Grizzly's own graceful shutdown cannot be trusted with this: it never forgets a suspended
 * request whose client left, and would always wait out its whole grace period.)
 */
final class InFlightRequests implements ApplicationEventListener {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int count;

  @Override
  public void onEvent(ApplicationEvent event) {
    // only requests matter
  }

  @Override
  public RequestEventListener onRequest(RequestEvent start) {
    lock.lock();
    try {
      count++;
    } finally {
      lock.unlock();
    }
    return event -> {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        finished();
      }
    };
  }

  private void finished() {
    lock.lock();
    try {
      count--;
      if (count <= 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Requests being processed now. */
  int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no request is being processed, at most {@code millis}; true when idle. */
  boolean awaitIdle(long millis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
    lock.lock();
    try {
      while (count > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return count <= 0;
    } finally {
      lock.unlock();
    }
  }
}
