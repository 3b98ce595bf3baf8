package io.emaillogs.application;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.domain.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@link StreamSink} that records every call; it can be told to fail like a departed client. */
final class RecordingSink implements StreamSink {
  record Complete(long count, Completion reason) {}

  record Failed(String message) {}

  static final String KEEP_ALIVE = "keep-alive";

  private final List<Object> calls = new ArrayList<>();
  private int eventCalls;
  private volatile int failOnEventCall = -1;
  private volatile boolean failOnKeepAlive;

  /** Throw IOException on the {@code n}-th {@link #events} call (from 1). */
  RecordingSink failOnEventCall(int n) {
    failOnEventCall = n;
    return this;
  }

  RecordingSink failOnKeepAlive() {
    failOnKeepAlive = true;
    return this;
  }

  @Override
  public synchronized void events(List<LogEvent> batch) throws IOException {
    eventCalls++;
    if (eventCalls == failOnEventCall) {
      throw new IOException("client gone");
    }
    calls.add(List.copyOf(batch));
  }

  @Override
  public synchronized void keepAlive() throws IOException {
    if (failOnKeepAlive) {
      throw new IOException("client gone");
    }
    calls.add(KEEP_ALIVE);
  }

  @Override
  public synchronized void complete(long count, Completion reason) {
    calls.add(new Complete(count, reason));
  }

  @Override
  public synchronized void error(String message) {
    calls.add(new Failed(message));
  }

  synchronized List<Object> calls() {
    return List.copyOf(calls);
  }

  synchronized int eventCalls() {
    return eventCalls;
  }

  @SuppressWarnings("unchecked")
  synchronized List<List<LogEvent>> batches() {
    List<List<LogEvent>> out = new ArrayList<>();
    for (Object c : calls) {
      if (c instanceof List<?> l) {
        out.add((List<LogEvent>) l);
      }
    }
    return out;
  }

  synchronized List<LogEvent> events() {
    return batches().stream().flatMap(List::stream).toList();
  }

  synchronized long keepAlives() {
    return calls.stream().filter(KEEP_ALIVE::equals).count();
  }

  synchronized List<Object> endings() {
    return calls.stream().filter(c -> c instanceof Complete || c instanceof Failed).toList();
  }

  synchronized Object last() {
    return calls.isEmpty() ? null : calls.get(calls.size() - 1);
  }
}
