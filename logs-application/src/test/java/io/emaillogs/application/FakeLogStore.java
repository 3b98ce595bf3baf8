package io.emaillogs.application;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StatsSearch;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import io.emaillogs.domain.stats.DeliveryCounts;
import io.emaillogs.domain.stats.HourlyCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A deliberately simple {@link LogStore} over lists, for the use-case tests: every method takes one
 * lock, batches are planned by {@link EventBatch#plan} like every real store. It records the
 * searches it was asked and can be told to fail.
 */
final class FakeLogStore implements LogStore {
  private static final Comparator<EmailLog> NEWEST_FIRST =
      Comparator.comparing(EmailLog::createdAt).thenComparingLong(EmailLog::id).reversed();

  private final Map<LogKey, EmailLog> logs = new LinkedHashMap<>();
  private final List<LogEvent> events = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  final List<LogSearch> searches = new CopyOnWriteArrayList<>();
  final List<List<IngestEvent>> appends = new CopyOnWriteArrayList<>();
  private long nextLogId = 1;
  private long lastSequence;

  volatile RuntimeException failScans;
  final java.util.concurrent.atomic.AtomicInteger scanCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger tailReads =
      new java.util.concurrent.atomic.AtomicInteger();
  volatile RuntimeException failLastSequence;
  volatile boolean healthy = true;

  /** Called with each event just before a scan hands it out (on the scanning thread). */
  volatile Consumer<LogEvent> beforeHandingOut = e -> {};

  @Override
  public synchronized List<EmailLog> findLogs(LogSearch search) {
    searches.add(search);
    return logs.values().stream()
        .filter(l -> l.accountId() == search.accountId())
        .filter(l -> search.filter().matches(l))
        .filter(
            l -> search.createdWindow() == null || search.createdWindow().contains(l.createdAt()))
        .filter(
            l ->
                search.deliveredWindow() == null
                    || (l.deliveredDate() != null
                        && search.deliveredWindow().contains(l.deliveredDate())))
        .filter(l -> search.after() == null || search.after().precedes(l))
        .sorted(NEWEST_FIRST)
        .limit(search.limit())
        .toList();
  }

  @Override
  public synchronized List<EmailLog> findMessage(long accountId, String refId) {
    return logs.values().stream()
        .filter(l -> l.accountId() == accountId && l.refId().equals(refId))
        .sorted(Comparator.comparingLong(EmailLog::id))
        .toList();
  }

  @Override
  public synchronized List<LogEvent> messageEvents(long accountId, String refId) {
    return events.stream()
        .filter(e -> e.accountId() == accountId && e.refId().equals(refId))
        .sorted(Comparator.comparing(LogEvent::timestamp).thenComparingLong(LogEvent::sequence))
        .toList();
  }

  /** Counts by brute force over every log. */
  @Override
  public synchronized List<HourlyCounts> countByHour(StatsSearch search) {
    Map<List<Object>, DeliveryCounts> hours = new LinkedHashMap<>();
    for (EmailLog l : logs.values()) {
      if (l.accountId() == search.accountId()
          && search.createdWindow().contains(l.createdAt())
          && search.filter().matches(l)) {
        String group = search.groupBy() == null ? null : search.groupBy().valueOf(l);
        hours.merge(
            java.util.Arrays.asList(
                l.createdAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS), group),
            DeliveryCounts.of(l),
            DeliveryCounts::plus);
      }
    }
    List<HourlyCounts> out = new ArrayList<>();
    hours.forEach((k, c) -> out.add(new HourlyCounts((Instant) k.get(0), (String) k.get(1), c)));
    return out;
  }

  @Override
  public AppendResult append(List<IngestEvent> batch) {
    EventBatch.Plan plan;
    synchronized (this) {
      appends.add(List.copyOf(batch));
      Map<LogKey, EmailLog> existing = new HashMap<>();
      Set<String> seen = new HashSet<>();
      for (IngestEvent e : batch) {
        EmailLog log = logs.get(e.logKey());
        if (log != null) {
          existing.put(e.logKey(), log);
        }
        if (eventIds.contains(e.eventId())) {
          seen.add(e.eventId());
        }
      }
      plan = EventBatch.plan(batch, existing, seen);
      for (EventBatch.LogChange change : plan.logs()) {
        EmailLog log = change.created() ? change.log().withId(nextLogId++) : change.log();
        logs.put(log.key(), log);
      }
      for (LogEvent e : plan.events()) {
        events.add(e.withSequence(++lastSequence));
        eventIds.add(e.eventId());
      }
    }
    listeners.forEach(Runnable::run);
    return new AppendResult(plan.accepted(), plan.duplicates());
  }

  @Override
  public int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink) {
    scanCalls.incrementAndGet();
    if (failScans != null) {
      throw failScans;
    }
    List<LogEvent> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(events);
    }
    int handed = 0;
    for (LogEvent e : snapshot) {
      if (handed >= limit) {
        break;
      }
      if (e.sequence() <= scan.afterSequence()
          || e.accountId() != scan.accountId()
          || !e.senderDomain().equals(scan.senderDomain())
          || !scan.filter().matches(e)) {
        continue;
      }
      beforeHandingOut.accept(e);
      handed++;
      if (!sink.test(e)) {
        break;
      }
    }
    return handed;
  }

  @Override
  public List<LogEvent> readEventsAfter(long afterSequence, int limit) {
    tailReads.incrementAndGet();
    if (failScans != null) {
      throw failScans;
    }
    List<LogEvent> tail = new ArrayList<>();
    synchronized (this) {
      for (LogEvent e : events) {
        if (e.sequence() > afterSequence && tail.size() < limit) {
          tail.add(e);
        }
      }
    }
    tail.forEach(beforeHandingOut);
    return tail;
  }

  @Override
  public synchronized long lastSequence() {
    if (failLastSequence != null) {
      throw failLastSequence;
    }
    return lastSequence;
  }

  @Override
  public Subscription subscribe(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  int subscribers() {
    return listeners.size();
  }

  @Override
  public synchronized int purgeCreatedBefore(Instant cutoff) {
    List<LogKey> old =
        logs.values().stream()
            .filter(l -> l.createdAt().isBefore(cutoff))
            .map(EmailLog::key)
            .toList();
    old.forEach(logs::remove);
    return old.size();
  }

  @Override
  public boolean isHealthy() {
    if (!healthy) {
      throw new IllegalStateException("store down");
    }
    return true;
  }

  @Override
  public void close() {}

  synchronized List<EmailLog> allLogs() {
    return List.copyOf(logs.values());
  }

  synchronized List<LogEvent> allEvents() {
    return List.copyOf(events);
  }
}
