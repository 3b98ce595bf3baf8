package io.emaillogs.application;

import io.emaillogs.application.StreamLogsUseCase.Completion;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.StreamSink;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.stream.StreamFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream: a small state machine that runs only when it has something to do. Its work - a
 * chunk of history read from the store, a batch of live events from its queue, a keep-alive, the
 * final frame - runs as a task on an executor, never two at once, and one write per step, each
 * after the sink said it is ready. While the sink is not ready the stream holds no thread: it asks
 * the sink to call back and leaves.
 *
 * <p><b>Gap-free hand-over.</b> A live stream registers with the {@link LiveFeed} before it reads
 * anything, so every event committed after its registration reaches its queue; it then reads the
 * store from its cursor until the store has nothing more (the catch-up), and from then on sends its
 * queue, dropping what is not above its cursor. Every event is therefore either read by the
 * catch-up or queued, and none is sent twice.
 *
 * <p><b>Slow readers.</b> The queue holds at most {@value #QUEUE_CAPACITY} events. When a client
 * falls further behind, the queue is dropped and the stream catches up from the store again (then
 * rejoins the live feed), still gap-free and in order: memory stays bounded, the feed never waits.
 * A client that reads nothing for {@link io.emaillogs.application.Settings#stallTimeout} is
 * dropped.
 */
final class StreamSession implements LogStream {
  static final String FAILURE_MESSAGE = "Unknown error";
  static final String UNAVAILABLE_MESSAGE = "service unavailable";
  static final int QUEUE_CAPACITY = 2_048;

  private static final Logger LOG = Logger.getLogger(StreamSession.class.getName());

  private final long accountId;
  private final String domain;
  private final StreamFilter filter;
  private final boolean live;
  private final LogStore store;
  private final int maxBatch;
  private final Runnable onClosed;
  private final Executor workers;

  private final ArrayDeque<LogEvent> queue = new ArrayDeque<>(); // guarded by itself
  private boolean behind; // guarded by queue: events were dropped, catch up from the store

  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean released;
  private volatile String failure;
  private volatile boolean keepAliveDue;
  private volatile long lastWriteNanos = System.nanoTime();
  private volatile long waitingSinceNanos; // 0 unless waiting for the sink to become ready
  private volatile Executor executor;
  private volatile StreamSink sink;

  // state of the drain, which never runs twice at once
  private long cursor;
  private long sent;
  private boolean catchingUp = true;
  private Completion completion;
  private boolean wroteLast;

  StreamSession(
      long accountId,
      String domain,
      StreamFilter filter,
      LogStore store,
      int maxBatch,
      Executor workers,
      Runnable onClosed) {
    this.accountId = accountId;
    this.domain = domain;
    this.filter = filter;
    this.live = filter.end() == null;
    this.store = store;
    this.maxBatch = maxBatch;
    this.workers = workers;
    this.onClosed = onClosed;
  }

  long accountId() {
    return accountId;
  }

  String domain() {
    return domain;
  }

  StreamFilter filter() {
    return filter;
  }

  boolean isLive() {
    return live;
  }

  /** Sets where the stream starts: it sends what comes after {@code sequence}. Before start. */
  void startAfter(long sequence) {
    this.cursor = sequence;
  }

  @Override
  public void start(StreamSink target) {
    begin(target, workers);
  }

  @Override
  public void run(StreamSink target) {
    LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    begin(target, tasks::add);
    try {
      while (!released) {
        Runnable task = tasks.poll(50, TimeUnit.MILLISECONDS);
        if (task != null) {
          task.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      markClosed();
      finish(); // no other thread runs this stream's tasks
    }
  }

  private void begin(StreamSink target, Executor on) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a stream is started once");
    }
    this.sink = target;
    this.executor = on;
    schedule();
  }

  /** Ends the stream from any thread; the sink is released by the stream's own task. */
  @Override
  public void close() {
    markClosed();
    StreamSink current = sink;
    if (current != null && waitingSinceNanos != 0) {
      current.abort(); // its ready callback comes back with the failure, then the task finishes
    }
    if (current == null) {
      released = true; // never started: nothing to release
    }
    schedule();
  }

  /** Ends the stream with an {@code error} event, or drops it when its client is not reading. */
  void fail(String message) {
    if (failure == null) {
      failure = message;
    }
    StreamSink current = sink;
    if (current != null && waitingSinceNanos != 0) {
      close();
      return;
    }
    schedule(); // not started yet: the error is the first thing it sends
  }

  /** Called by the live feed's thread with each event of this stream's account and domain. */
  void offer(LogEvent event) {
    if (closed.get() || !filter.matches(event)) {
      return;
    }
    synchronized (queue) {
      if (queue.size() >= QUEUE_CAPACITY) {
        queue.clear(); // the store has them: catch up from there
        behind = true;
      } else {
        queue.add(event);
      }
    }
    schedule();
  }

  /** The live events waiting in this stream's queue. */
  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /** Called about once a second: asks for a keep-alive when due, drops a stalled client. */
  void tick(long nowNanos, long keepAliveNanos, long stallNanos) {
    long waiting = waitingSinceNanos;
    if (waiting != 0 && nowNanos - waiting > stallNanos) {
      LOG.fine("dropping a stream whose client has not read for too long");
      close();
      return;
    }
    if (nowNanos - lastWriteNanos >= keepAliveNanos) {
      keepAliveDue = true;
      schedule();
    }
  }

  private void schedule() {
    Executor on = executor;
    if (on == null || !scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      on.execute(this::drain);
    } catch (RejectedExecutionException e) {
      scheduled.set(false);
      markClosed();
      released = true;
    }
  }

  private void resumeAfterWait() {
    waitingSinceNanos = 0;
    Executor on = executor;
    try {
      on.execute(this::drain); // scheduled is still true: this task is the stream's one
    } catch (RejectedExecutionException e) {
      markClosed();
      released = true;
    }
  }

  private void drain() {
    while (true) {
      try {
        if (!drainOnce()) {
          return;
        }
      } catch (IOException | UncheckedIOException clientGone) {
        LOG.log(Level.FINE, "stream client left", clientGone);
        markClosed();
      } catch (RuntimeException e) {
        if (failure == null && !closed.get()) {
          LOG.log(Level.WARNING, "stream failed", e);
          failure = e instanceof StoreException ? UNAVAILABLE_MESSAGE : FAILURE_MESSAGE;
        } else {
          markClosed();
        }
      }
    }
  }

  /** One pass of the task; false when it should stop (idle, waiting for the sink, or over). */
  private boolean drainOnce() throws IOException {
    if (closed.get()) {
      finish();
      return false;
    }
    if (!sink.ready()) {
      waitingSinceNanos = System.nanoTime() | 1;
      sink.onReady(this::resumeAfterWait);
      return false;
    }
    if (step()) {
      if (wroteLast) { // let the other streams' tasks have a turn: one frame per turn
        wroteLast = false;
        executor.execute(this::drain); // scheduled stays true: still this stream's one task
        return false;
      }
      return true;
    }
    scheduled.set(false);
    return hasWork() && scheduled.compareAndSet(false, true);
  }

  /** Does the next thing, at most one write; false when there is nothing to do. */
  private boolean step() throws IOException {
    String error = failure;
    if (error != null) {
      sink.error(error);
      markClosed();
      return true;
    }
    if (completion != null) {
      sink.complete(sent, completion);
      markClosed();
      return true;
    }
    if (sent >= filter.limit()) {
      completion = Completion.LIMIT;
      return true;
    }
    if (takeBehind()) {
      catchingUp = true;
    }
    if (catchingUp) {
      List<LogEvent> chunk = readChunk();
      if (!chunk.isEmpty()) {
        write(chunk);
      } else if (live) {
        catchingUp = false;
      } else {
        completion = Completion.END;
      }
      return true;
    }
    List<LogEvent> batch = pollQueue();
    if (!batch.isEmpty()) {
      write(batch);
      return true;
    }
    if (keepAliveDue) {
      keepAliveDue = false;
      sink.keepAlive();
      lastWriteNanos = System.nanoTime();
      return true;
    }
    return false;
  }

  private boolean hasWork() {
    if (closed.get() || failure != null || keepAliveDue) {
      return true;
    }
    synchronized (queue) {
      return behind || !queue.isEmpty();
    }
  }

  private boolean takeBehind() {
    synchronized (queue) {
      boolean was = behind;
      behind = false;
      return was;
    }
  }

  private int room() {
    return (int) Math.min(maxBatch, filter.limit() - sent);
  }

  private List<LogEvent> readChunk() {
    List<LogEvent> chunk = new ArrayList<>(Math.min(room(), 256));
    store.scanEvents(
        new EventScan(accountId, domain, filter, cursor),
        room(),
        event -> {
          chunk.add(event);
          return true;
        });
    return chunk;
  }

  private List<LogEvent> pollQueue() {
    int room = room();
    synchronized (queue) {
      List<LogEvent> batch = new ArrayList<>(Math.min(queue.size(), room));
      long last = cursor;
      while (batch.size() < room && !queue.isEmpty()) {
        LogEvent event = queue.poll();
        if (event.sequence() > last) { // what the catch-up sent already is dropped
          batch.add(event);
          last = event.sequence();
        }
      }
      return batch;
    }
  }

  private void write(List<LogEvent> batch) throws IOException {
    sink.events(List.copyOf(batch));
    sent += batch.size();
    wroteLast = true;
    cursor = batch.get(batch.size() - 1).sequence();
    lastWriteNanos = System.nanoTime();
    keepAliveDue = false;
  }

  /** Frees the slot, the feed registration and the queue at once; idempotent, any thread. */
  private void markClosed() {
    if (closed.compareAndSet(false, true)) {
      synchronized (queue) {
        queue.clear();
      }
      onClosed.run();
    }
  }

  /** Lets the sink go, once, on the stream's own task. */
  private void finish() {
    if (released) {
      return;
    }
    try {
      StreamSink current = sink;
      if (current != null) {
        current.release();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "releasing a stream's sink failed", e);
    } finally {
      released = true;
    }
  }

  boolean isClosed() {
    return closed.get();
  }
}
