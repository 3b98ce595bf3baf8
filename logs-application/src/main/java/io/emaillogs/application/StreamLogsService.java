package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.RateLimiter.StreamSlot;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.stream.StreamFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

final class StreamLogsService implements StreamLogsUseCase {
  private static final Logger LOG = Logger.getLogger(StreamLogsService.class.getName());
  static final String SHUTDOWN_MESSAGE = "Server is shutting down";
  static final String FAILURE_MESSAGE = "Unknown error";

  private final LogStore store;
  private final Directory directory;
  private final RateLimiter limiter;
  private final Settings settings;
  private final Set<Stream> running = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  StreamLogsService(LogStore store, Directory directory, RateLimiter limiter, Settings settings) {
    this.store = store;
    this.directory = directory;
    this.limiter = limiter;
    this.settings = settings;
  }

  @Override
  public LogStream open(OpenStream command) {
    String domain = command.domain() == null ? "" : command.domain().toLowerCase(Locale.ROOT);
    boolean owned =
        directory
            .findDomain(command.accountId(), domain)
            .map(SendingDomain::verified)
            .orElse(false);
    if (!owned) {
      throw NotFoundException.domain();
    }
    StreamFilter filter = StreamFilter.parse(command.parameters());
    long resumeAfter =
        command.lastEventId() == null ? -1 : StreamFilter.parseLastEventId(command.lastEventId());
    if (shuttingDown) {
      throw new IllegalStateException("the server is shutting down");
    }
    StreamSlot slot =
        limiter
            .tryOpenStream(command.accountId(), settings.maxStreamsPerAccount())
            .orElseThrow(
                () ->
                    new RateLimitedException(
                        new RateDecision(false, settings.maxStreamsPerAccount(), 0, 1)));
    long cursor;
    try {
      cursor = resumeAfter >= 0 ? resumeAfter : filter.hasHistory() ? 0 : store.lastSequence();
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
    Stream stream = new Stream(command.accountId(), domain, filter, cursor, slot);
    running.add(stream);
    if (shuttingDown) { // raced with shutdown(): do not leave it behind
      stream.close();
    }
    return stream;
  }

  @Override
  public void shutdown() {
    shuttingDown = true;
    for (Stream stream : running) {
      stream.stopForShutdown();
    }
  }

  /** Number of streams open now; for tests and metrics. */
  int openStreams() {
    return running.size();
  }

  private final class Stream implements LogStream {
    private final long accountId;
    private final String domain;
    private final StreamFilter filter;
    private final StreamSlot slot;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean pending; // guarded by lock: an append happened since the last scan
    private volatile boolean closed;
    private volatile boolean shutdown;
    private long cursor;
    private long sent;
    private long lastWrite = System.nanoTime();

    Stream(long accountId, String domain, StreamFilter filter, long cursor, StreamSlot slot) {
      this.accountId = accountId;
      this.domain = domain;
      this.filter = filter;
      this.cursor = cursor;
      this.slot = slot;
    }

    @Override
    public void run(StreamSink sink) {
      try (LogStore.Subscription ignored = store.subscribe(this::signal)) {
        while (!closed) {
          scan(sink);
          if (closed) {
            break;
          }
          if (sent >= filter.limit()) {
            sink.complete(sent, Completion.LIMIT);
            return;
          }
          if (filter.end() != null) {
            sink.complete(sent, Completion.END);
            return;
          }
          awaitAppend();
          if (!closed && System.nanoTime() - lastWrite >= settings.keepAlive().toNanos()) {
            sink.keepAlive();
            lastWrite = System.nanoTime();
          }
        }
        if (shutdown) {
          sink.error(SHUTDOWN_MESSAGE);
        }
      } catch (IOException | UncheckedIOException clientGone) {
        LOG.log(Level.FINE, "stream client left", clientGone);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "stream failed", e);
        try {
          sink.error(FAILURE_MESSAGE);
        } catch (IOException | RuntimeException ignored) {
          // the client may be gone too
        }
      } finally {
        close();
      }
    }

    /** Sends everything after the cursor, in batches; live and history alike. */
    private void scan(StreamSink sink) throws IOException {
      List<LogEvent> batch = new ArrayList<>(Math.min(settings.maxBatch(), 64));
      int room = (int) Math.min(Integer.MAX_VALUE, filter.limit() - sent);
      try {
        store.scanEvents(
            new EventScan(accountId, domain, filter, cursor),
            room,
            event -> {
              batch.add(event);
              if (batch.size() >= settings.maxBatch()) {
                flush(sink, batch);
              }
              return !closed;
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      flush(sink, batch);
    }

    private void flush(StreamSink sink, List<LogEvent> batch) {
      if (batch.isEmpty() || closed) {
        return;
      }
      try {
        sink.events(List.copyOf(batch));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sent += batch.size();
      lastWrite = System.nanoTime();
      cursor = batch.get(batch.size() - 1).sequence();
      batch.clear();
    }

    /** Waits for an append or the keep-alive interval; true when woken by an append. */
    private boolean awaitAppend() {
      lock.lock();
      try {
        long nanos = settings.keepAlive().toNanos() - (System.nanoTime() - lastWrite);
        while (!pending && !closed && nanos > 0) {
          nanos = wake.awaitNanos(nanos);
        }
        boolean appended = pending;
        pending = false;
        return appended;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
        return false;
      } finally {
        lock.unlock();
      }
    }

    private void signal() {
      lock.lock();
      try {
        pending = true;
        wake.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void stopForShutdown() {
      shutdown = true;
      close();
    }

    @Override
    public void close() {
      closed = true;
      signal();
      if (running.remove(this)) {
        slot.close();
      }
    }
  }
}
