package io.emaillogs.application;

import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads every stream of a process shares: a fixed pool that runs streams' steps (reading
 * a chunk of history, writing a frame), and one ticker that asks for keep-alives and drops stalled
 * clients. Idle threads end after half a minute; the ticker runs only while streams are open.
 */
final class StreamWorkers implements Executor {
  private static final long IDLE_SECONDS = 30;

  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor ticker;
  private final Collection<StreamSession> sessions;
  private final long keepAliveNanos;
  private final long stallNanos;
  private final long tickMillis;
  private ScheduledFuture<?> ticking; // guarded by this

  StreamWorkers(int threads, Settings settings, Collection<StreamSession> sessions) {
    this.sessions = sessions;
    this.keepAliveNanos = settings.keepAlive().toNanos();
    this.stallNanos = settings.stallTimeout().toNanos();
    this.tickMillis = Math.max(5, Math.min(1_000, settings.keepAlive().toMillis() / 4));
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // a stream has at most one task queued
            daemons("email-logs-stream-worker-"));
    pool.allowCoreThreadTimeOut(true);
    this.ticker = new ScheduledThreadPoolExecutor(1, daemons("email-logs-stream-ticker-"));
    ticker.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    ticker.allowCoreThreadTimeOut(true);
    ticker.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Makes sure the ticker runs; called when a stream starts. */
  synchronized void ensureTicking() {
    if (ticking == null) {
      ticking =
          ticker.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    if (sessions.isEmpty()) {
      synchronized (this) {
        if (sessions.isEmpty() && ticking != null) {
          ticking.cancel(false);
          ticking = null;
        }
      }
      return;
    }
    long now = System.nanoTime();
    for (StreamSession session : sessions) {
      session.tick(now, keepAliveNanos, stallNanos);
    }
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
