package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.RateLimiter.StreamSlot;
import io.emaillogs.domain.Text;
import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.stream.StreamFilter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens streams and keeps the process's stream machinery: the one {@link LiveFeed}, the shared
 * {@link StreamWorkers}, and the server-wide count of open streams.
 */
final class StreamLogsService implements StreamLogsUseCase {
  static final String SHUTDOWN_MESSAGE = ServerBusyException.SHUTTING_DOWN;
  static final String FAILURE_MESSAGE = StreamSession.FAILURE_MESSAGE;

  private final LogStore store;
  private final Directory directory;
  private final RateLimiter limiter;
  private final Settings settings;
  private final LiveFeed feed;
  private final Set<StreamSession> running = ConcurrentHashMap.newKeySet();
  private final StreamWorkers workers;
  private final AtomicInteger serverSlots = new AtomicInteger();
  private volatile boolean shuttingDown;

  StreamLogsService(LogStore store, Directory directory, RateLimiter limiter, Settings settings) {
    this.store = store;
    this.directory = directory;
    this.limiter = limiter;
    this.settings = settings;
    this.feed = new LiveFeed(store);
    this.workers =
        new StreamWorkers(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), settings, running);
  }

  @Override
  public LogStream open(OpenStream command) {
    Text.check("domain", command.domain()); // a 400 before any lookup, on every store alike
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
      throw new ServerBusyException(ServerBusyException.SHUTTING_DOWN);
    }
    if (serverSlots.incrementAndGet() > settings.maxStreamsPerServer()) {
      serverSlots.decrementAndGet();
      throw new ServerBusyException(ServerBusyException.TOO_MANY_STREAMS);
    }
    StreamSlot slot;
    try {
      slot =
          limiter
              .tryOpenStream(command.accountId(), settings.maxStreamsPerAccount())
              .orElseThrow(
                  () ->
                      new RateLimitedException(
                          new RateDecision(false, settings.maxStreamsPerAccount(), 0, 1)));
    } catch (RuntimeException e) {
      serverSlots.decrementAndGet();
      throw e;
    }
    return register(command.accountId(), domain, filter, resumeAfter, slot);
  }

  private StreamSession register(
      long accountId, String domain, StreamFilter filter, long resumeAfter, StreamSlot slot) {
    AtomicBoolean freed = new AtomicBoolean();
    StreamSession[] self = new StreamSession[1];
    Runnable onClosed =
        () -> {
          if (freed.compareAndSet(false, true)) {
            StreamSession session = self[0];
            feed.unregister(session);
            running.remove(session);
            slot.close();
            serverSlots.decrementAndGet();
          }
        };
    StreamSession session =
        new StreamSession(accountId, domain, filter, store, settings.maxBatch(), workers, onClosed);
    self[0] = session;
    try {
      if (session.isLive()) {
        feed.ensureStarted();
        feed.register(session); // before the start position is read: nothing falls between
      }
      session.startAfter(
          resumeAfter >= 0 ? resumeAfter : filter.hasHistory() ? 0 : store.lastSequence());
    } catch (RuntimeException e) {
      onClosed.run();
      throw e;
    }
    running.add(session);
    workers.ensureTicking();
    if (shuttingDown) { // raced with shutdown(): do not leave it behind
      session.close();
    }
    return session;
  }

  @Override
  public void shutdown() {
    shuttingDown = true;
    for (StreamSession session : running) {
      session.fail(SHUTDOWN_MESSAGE);
    }
    feed.stop();
  }

  @Override
  public int openStreams() {
    return running.size();
  }

  @Override
  public long liveQueueDepth() {
    long depth = 0;
    for (StreamSession session : running) {
      depth += session.queued();
    }
    return depth;
  }

  /** Number of live streams the feed hands events to; for tests. */
  int liveRegistrations() {
    return feed.registered();
  }
}
