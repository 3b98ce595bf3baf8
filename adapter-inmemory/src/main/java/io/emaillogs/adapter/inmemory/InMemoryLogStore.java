package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.EventBatch.LogChange;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stats.DeliveryCounts;
import io.emaillogs.domain.stats.HourlyCounts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A {@link LogStore} in memory. Thread-safe: appends are serialised by a write lock, so sequences
 * become visible in order; reads share a read lock. A scan copies at most {@value #SCAN_CHUNK}
 * events under the lock and calls the sink outside it, so a slow reader never blocks writers.
 */
public final class InMemoryLogStore implements LogStore {
  static final int SCAN_CHUNK = 1_000;

  /** Newest first: createdAt descending, then id descending. */
  private static final Comparator<Position> NEWEST_FIRST =
      Comparator.comparing(Position::createdAt).thenComparingLong(Position::id).reversed();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<LogKey, EmailLog> logs = new HashMap<>();
  private final Map<Long, NavigableMap<Position, EmailLog>> byAccount = new HashMap<>();
  private final Map<StreamKey, List<LogEvent>> eventsByDomain = new HashMap<>();
  private final List<LogEvent> allEvents = new ArrayList<>(); // every account's, sequence order
  private final Map<MessageKey, Set<LogKey>> logsByMessage = new HashMap<>();
  private final Map<MessageKey, List<LogEvent>> eventsByMessage = new HashMap<>();
  private final Set<String> eventIds = new HashSet<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private long nextLogId = 1;
  private long lastSequence;

  private record StreamKey(long accountId, String senderDomain) {}

  private record MessageKey(long accountId, String refId) {}

  private record HourKey(Instant hour, String group) {}

  @Override
  public List<EmailLog> findLogs(LogSearch search) {
    lock.readLock().lock();
    try {
      NavigableMap<Position, EmailLog> account = byAccount.get(search.accountId());
      if (account == null) {
        return List.of();
      }
      NavigableMap<Position, EmailLog> candidates =
          search.after() == null ? account : account.tailMap(search.after(), false);
      List<EmailLog> page = new ArrayList<>(search.limit());
      for (EmailLog log : candidates.values()) {
        if (search.createdWindow() != null) {
          if (log.createdAt().isBefore(search.createdWindow().start())) {
            break; // newest first: nothing older can match
          }
          if (log.createdAt().isAfter(search.createdWindow().end())) {
            continue;
          }
        }
        if (search.deliveredWindow() != null
            && (log.deliveredDate() == null
                || !search.deliveredWindow().contains(log.deliveredDate()))) {
          continue;
        }
        if (search.filter().matches(log)) {
          page.add(log);
          if (page.size() == search.limit()) {
            break;
          }
        }
      }
      return page;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<EmailLog> findMessage(long accountId, String refId) {
    lock.readLock().lock();
    try {
      Set<LogKey> keys = logsByMessage.get(new MessageKey(accountId, refId));
      return keys == null ? List.of() : keys.stream().map(logs::get).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<LogEvent> messageEvents(long accountId, String refId) {
    lock.readLock().lock();
    try {
      List<LogEvent> events = eventsByMessage.get(new MessageKey(accountId, refId));
      if (events == null) {
        return List.of();
      }
      List<LogEvent> ordered = new ArrayList<>(events);
      ordered.sort(Comparator.comparing(LogEvent::timestamp).thenComparingLong(LogEvent::sequence));
      return ordered;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Counts the logs of the window (walked newest first) under the read lock. */
  @Override
  public List<HourlyCounts> countByHour(StatsSearch search) {
    lock.readLock().lock();
    try {
      NavigableMap<Position, EmailLog> account = byAccount.get(search.accountId());
      if (account == null) {
        return List.of();
      }
      Map<HourKey, DeliveryCounts> hours = new HashMap<>();
      Position newest = new Position(search.createdWindow().end(), Long.MAX_VALUE);
      for (EmailLog log : account.tailMap(newest, true).values()) {
        if (log.createdAt().isBefore(search.createdWindow().start())) {
          break;
        }
        if (search.filter().matches(log)) {
          String group = search.groupBy() == null ? null : search.groupBy().valueOf(log);
          hours.merge(
              new HourKey(log.createdAt().truncatedTo(ChronoUnit.HOURS), group),
              DeliveryCounts.of(log),
              DeliveryCounts::plus);
        }
      }
      List<HourlyCounts> out = new ArrayList<>(hours.size());
      hours.forEach((k, counts) -> out.add(new HourlyCounts(k.hour(), k.group(), counts)));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public AppendResult append(List<IngestEvent> events) {
    EventBatch.Plan plan;
    lock.writeLock().lock();
    try {
      Map<LogKey, EmailLog> existing = new HashMap<>();
      Set<String> stored = new HashSet<>();
      for (IngestEvent event : events) {
        EmailLog log = logs.get(event.logKey());
        if (log != null) {
          existing.put(event.logKey(), log);
        }
        if (eventIds.contains(event.eventId())) {
          stored.add(event.eventId());
        }
      }
      plan = EventBatch.plan(events, existing, stored); // throws before anything changes
      for (LogChange change : plan.logs()) {
        EmailLog log = change.created() ? change.log().withId(nextLogId++) : change.log();
        EmailLog previous = logs.put(log.key(), log);
        NavigableMap<Position, EmailLog> account =
            byAccount.computeIfAbsent(log.accountId(), id -> new TreeMap<>(NEWEST_FIRST));
        if (previous != null) {
          account.remove(Position.of(previous));
        }
        account.put(Position.of(log), log);
        logsByMessage
            .computeIfAbsent(
                new MessageKey(log.accountId(), log.refId()), k -> new LinkedHashSet<>())
            .add(log.key());
      }
      for (LogEvent event : plan.events()) {
        LogEvent stored1 = event.withSequence(++lastSequence);
        eventIds.add(stored1.eventId());
        allEvents.add(stored1);
        eventsByDomain
            .computeIfAbsent(
                new StreamKey(stored1.accountId(), stored1.senderDomain()), k -> new ArrayList<>())
            .add(stored1);
        eventsByMessage
            .computeIfAbsent(
                new MessageKey(stored1.accountId(), stored1.refId()), k -> new ArrayList<>())
            .add(stored1);
      }
    } finally {
      lock.writeLock().unlock();
    }
    if (plan.accepted() > 0) {
      listeners.forEach(Runnable::run);
    }
    return new AppendResult(plan.accepted(), plan.duplicates());
  }

  @Override
  public int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink) {
    long after = scan.afterSequence();
    int handed = 0;
    while (handed < limit) {
      List<LogEvent> chunk = nextChunk(scan, after, Math.min(SCAN_CHUNK, limit - handed));
      if (chunk.isEmpty()) {
        return handed;
      }
      for (LogEvent event : chunk) {
        handed++;
        if (!sink.test(event)) {
          return handed;
        }
      }
      after = chunk.get(chunk.size() - 1).sequence();
    }
    return handed;
  }

  /** Up to {@code max} matching events after {@code after}; scanned under the read lock. */
  private List<LogEvent> nextChunk(EventScan scan, long after, int max) {
    lock.readLock().lock();
    try {
      List<LogEvent> events =
          eventsByDomain.get(new StreamKey(scan.accountId(), scan.senderDomain()));
      if (events == null) {
        return List.of();
      }
      List<LogEvent> chunk = new ArrayList<>(Math.min(max, 64));
      for (int i = firstAfter(events, after); i < events.size() && chunk.size() < max; i++) {
        LogEvent event = events.get(i);
        if (scan.filter().matches(event)) {
          chunk.add(event);
        }
      }
      return chunk;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Index of the first event with a sequence above {@code after} (the list is in sequence order).
   */
  private static int firstAfter(List<LogEvent> events, long after) {
    int low = 0;
    int high = events.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (events.get(mid).sequence() <= after) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @Override
  public List<LogEvent> readEventsAfter(long afterSequence, int limit) {
    lock.readLock().lock();
    try {
      int from = firstAfter(allEvents, afterSequence);
      int to = (int) Math.min(allEvents.size(), (long) from + Math.max(0, limit));
      return List.copyOf(allEvents.subList(from, to));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long lastSequence() {
    lock.readLock().lock();
    try {
      return lastSequence;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Subscription subscribe(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Number of live subscriptions; a stream that ended must leave none behind. */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public int purgeCreatedBefore(Instant cutoff) {
    lock.writeLock().lock();
    try {
      Set<LogKey> purged = new HashSet<>();
      for (Iterator<EmailLog> it = logs.values().iterator(); it.hasNext(); ) {
        EmailLog log = it.next();
        if (log.createdAt().isBefore(cutoff)) {
          it.remove();
          byAccount.get(log.accountId()).remove(Position.of(log));
          purged.add(log.key());
          MessageKey message = new MessageKey(log.accountId(), log.refId());
          Set<LogKey> siblings = logsByMessage.get(message);
          siblings.remove(log.key());
          if (siblings.isEmpty()) {
            logsByMessage.remove(message);
          }
        }
      }
      if (!purged.isEmpty()) {
        allEvents.removeIf(
            e -> purged.contains(LogKey.of(e.accountId(), e.refId(), e.recipientAddress())));
        for (List<LogEvent> events : eventsByDomain.values()) {
          events.removeIf(
              e -> {
                boolean gone =
                    purged.contains(LogKey.of(e.accountId(), e.refId(), e.recipientAddress()));
                if (gone) {
                  eventIds.remove(e.eventId());
                }
                return gone;
              });
        }
        eventsByMessage
            .values()
            .forEach(
                events ->
                    events.removeIf(
                        e ->
                            purged.contains(
                                LogKey.of(e.accountId(), e.refId(), e.recipientAddress()))));
        eventsByMessage.values().removeIf(List::isEmpty);
      }
      return purged.size();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
