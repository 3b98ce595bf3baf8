package io.emaillogs.application;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.LogEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one reader of newly committed events in this process. When the store says an append became
 * visible (this instance's or, on PostgreSQL, another's), the feed's thread reads the new events
 * once - one query per wake-up, however many streams are open - and hands each to the live streams
 * registered for its account and sender domain. Streams with an exact {@code recipient} filter are
 * indexed by it, so a selective stream costs nothing for the events it does not match.
 *
 * <p>The feed keeps its own cursor and reads in sequence order with the store's visibility rule, so
 * it never skips an event; a stream that registers mid-way catches up from the store itself and
 * drops what it already sent (see {@link StreamSession}). A failed read ends every live stream with
 * an error event (their clients resume with {@code Last-Event-ID}); the feed retries after a pause
 * and continues from its cursor. Thread-safe.
 */
final class LiveFeed {
  private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());
  static final int READ_BATCH = 1_000;

  /** A wake-up happens at least this often, in case a notification was lost. */
  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final LogStore store;
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean pending; // guarded by lock
  private volatile boolean stopped;
  private Thread thread; // guarded by lock
  private LogStore.Subscription subscription; // guarded by lock
  private long cursor; // the feed thread's own

  private record Key(long accountId, String senderDomain) {}

  LiveFeed(LogStore store) {
    this.store = store;
  }

  /**
   * Starts the feed at the store's current end unless it runs already. Called before the first
   * stream registers, so no stream can expect an event the feed has passed.
   */
  void ensureStarted() {
    lock.lock();
    try {
      if (thread != null || stopped) {
        return;
      }
      cursor = store.lastSequence(); // may throw: then nothing has started
      subscription = store.subscribe(this::signal);
      thread = new Thread(this::loop, "email-logs-live-feed");
      thread.setDaemon(true);
      thread.start();
    } finally {
      lock.unlock();
    }
  }

  void register(StreamSession session) {
    buckets
        .computeIfAbsent(new Key(session.accountId(), session.domain()), k -> new Bucket())
        .add(session);
  }

  void unregister(StreamSession session) {
    Bucket bucket = buckets.get(new Key(session.accountId(), session.domain()));
    if (bucket != null) {
      bucket.remove(session);
    }
  }

  /** Stops the thread and the store subscription; registered streams are the service's concern. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
      if (subscription != null) {
        subscription.close();
      }
      wake.signalAll();
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

  private void loop() {
    while (!stopped) {
      awaitSignal(POLL_NANOS);
      if (stopped) {
        return;
      }
      try {
        readNewEvents();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the live feed could not read new events; live streams end", e);
        failAll();
        pause(RETRY_NANOS);
      }
    }
  }

  private void awaitSignal(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (!pending && !stopped && left > 0) {
        left = wake.awaitNanos(left);
      }
      pending = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  private void pause(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (!stopped && left > 0) {
        left = wake.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /** Reads everything after the cursor, in batches, and dispatches it. */
  private void readNewEvents() {
    while (!stopped) {
      List<LogEvent> batch = store.readEventsAfter(cursor, READ_BATCH);
      for (LogEvent event : batch) {
        dispatch(event);
      }
      if (!batch.isEmpty()) {
        cursor = batch.get(batch.size() - 1).sequence();
      }
      if (batch.size() < READ_BATCH) {
        return;
      }
    }
  }

  private void dispatch(LogEvent event) {
    Bucket bucket = buckets.get(new Key(event.accountId(), event.senderDomain()));
    if (bucket == null) {
      return;
    }
    for (StreamSession session : bucket.everyRecipient) {
      session.offer(event);
    }
    if (!bucket.byRecipient.isEmpty()) {
      StreamSession[] selective =
          bucket.byRecipient.get(event.recipientAddress().toLowerCase(Locale.ROOT));
      if (selective != null) {
        for (StreamSession session : selective) {
          session.offer(event);
        }
      }
    }
  }

  private void failAll() {
    for (Bucket bucket : buckets.values()) {
      for (StreamSession session : bucket.all()) {
        session.fail(StreamSession.UNAVAILABLE_MESSAGE);
      }
    }
  }

  /** Number of registered live streams; for tests. */
  int registered() {
    int n = 0;
    for (Bucket bucket : buckets.values()) {
      n += bucket.all().size();
    }
    return n;
  }

  /**
   * The live streams of one account and domain: copy-on-write arrays, so dispatch reads them
   * without a lock while streams come and go.
   */
  private static final class Bucket {
    private static final StreamSession[] NONE = new StreamSession[0];
    volatile StreamSession[] everyRecipient = NONE;
    final Map<String, StreamSession[]> byRecipient = new ConcurrentHashMap<>();

    synchronized void add(StreamSession session) {
      String recipient = session.filter().recipient();
      if (recipient == null) {
        everyRecipient = appended(everyRecipient, session);
      } else {
        byRecipient.put(recipient, appended(byRecipient.getOrDefault(recipient, NONE), session));
      }
    }

    synchronized void remove(StreamSession session) {
      String recipient = session.filter().recipient();
      if (recipient == null) {
        everyRecipient = removed(everyRecipient, session);
      } else {
        StreamSession[] left = removed(byRecipient.getOrDefault(recipient, NONE), session);
        if (left.length == 0) {
          byRecipient.remove(recipient);
        } else {
          byRecipient.put(recipient, left);
        }
      }
    }

    List<StreamSession> all() {
      List<StreamSession> all = new ArrayList<>(Arrays.asList(everyRecipient));
      byRecipient.values().forEach(sessions -> all.addAll(Arrays.asList(sessions)));
      return all;
    }

    private static StreamSession[] appended(StreamSession[] sessions, StreamSession session) {
      StreamSession[] grown = Arrays.copyOf(sessions, sessions.length + 1);
      grown[sessions.length] = session;
      return grown;
    }

    private static StreamSession[] removed(StreamSession[] sessions, StreamSession session) {
      for (int i = 0; i < sessions.length; i++) {
        if (sessions[i] == session) {
          StreamSession[] shrunk = new StreamSession[sessions.length - 1];
          System.arraycopy(sessions, 0, shrunk, 0, i);
          System.arraycopy(sessions, i + 1, shrunk, i, sessions.length - i - 1);
          return shrunk;
        }
      }
      return sessions;
    }
  }
}
