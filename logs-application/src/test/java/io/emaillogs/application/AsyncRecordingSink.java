package io.emaillogs.application;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.domain.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking sink like the HTTP adapter's: it can be told it is not ready (its client stopped
 * reading); the stream must then wait for its ready callback without a thread, and nothing may be
 * written to it until then.
 */
final class AsyncRecordingSink implements StreamSink {
  private final List<LogEvent> events = new ArrayList<>();
  private final List<Object> endings = new ArrayList<>();
  private boolean ready = true;
  private Runnable callback;
  final AtomicInteger writesWhileNotReady = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();
  final AtomicInteger aborts = new AtomicInteger();
  volatile String writerThread;

  synchronized void stopReading() {
    ready = false;
  }

  /** The client reads again: the stream's callback runs. */
  void resumeReading() {
    Runnable pending;
    synchronized (this) {
      ready = true;
      pending = callback;
      callback = null;
    }
    if (pending != null) {
      pending.run();
    }
  }

  synchronized boolean waiting() {
    return callback != null;
  }

  @Override
  public synchronized boolean ready() {
    return ready;
  }

  @Override
  public synchronized void onReady(Runnable ready) {
    if (this.ready) {
      ready.run();
    } else {
      callback = ready;
    }
  }

  private void written() {
    if (!ready) {
      writesWhileNotReady.incrementAndGet();
    }
    writerThread = Thread.currentThread().getName();
  }

  @Override
  public synchronized void events(List<LogEvent> batch) {
    written();
    events.addAll(batch);
  }

  @Override
  public synchronized void keepAlive() {
    written();
  }

  @Override
  public synchronized void complete(long count, Completion reason) {
    written();
    endings.add(new RecordingSink.Complete(count, reason));
  }

  @Override
  public synchronized void error(String message) {
    written();
    endings.add(new RecordingSink.Failed(message));
  }

  @Override
  public void release() {
    releases.incrementAndGet();
  }

  @Override
  public void abort() {
    aborts.incrementAndGet();
    resumeReading(); // a dropped connection reports back at once
  }

  synchronized List<LogEvent> events() {
    return List.copyOf(events);
  }

  synchronized List<Object> endings() {
    return List.copyOf(endings);
  }
}
