package io.emaillogs.application.port;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.stats.HourlyCounts;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where logs and their events live. Implementations are thread-safe; every method may be called
 * concurrently with every other. A store's own failures surface as {@link StoreException}; no
 * driver or SQL type crosses this interface.
 */
public interface LogStore extends AutoCloseable {

  /**
   * One page of logs, newest first ({@code createdAt} descending, then {@code id} descending), as
   * {@link LogSearch} describes. Tags and track come with each log.
   */
  List<EmailLog> findLogs(LogSearch search);

  /**
   * Every log of message {@code refId} in the account (one per recipient), in the order they were
   * stored; empty when the account has none.
   */
  List<EmailLog> findMessage(long accountId, String refId);

  /**
   * Every stored event of the account's logs of message {@code refId}, all recipients, ordered by
   * timestamp then sequence; empty when there are none.
   */
  List<LogEvent> messageEvents(long accountId, String refId);

  /**
   * The counts of the logs {@code search} selects, one entry per UTC hour of createdAt (and group)
   * that holds at least one such log, or coarser: per bucket start of {@code search.interval()}
   * (for {@code total}, the window's start); in no particular order, several entries per bucket
   * allowed (the caller sums them). Exact: the same figures as counting the logs {@link #findLogs}
   * returns for the same account, window and filters, whatever the order events arrived in, after
   * duplicates, concurrent appends and {@link #purgeCreatedBefore}.
   */
  List<HourlyCounts> countByHour(StatsSearch search);

  /**
   * Stores a batch atomically: plans it with {@link EventBatch#plan} against the stored logs and
   * eventIds, then writes every change and event, or nothing. Events get increasing sequences in
   * batch order; a log's id is assigned when it is created. Listeners registered with {@link
   * #subscribe} are told after the batch is visible to {@link #scanEvents}.
   *
   * @throws io.emaillogs.domain.InvalidEventException when the plan refuses the batch; nothing is
   *     stored
   */
  AppendResult append(List<IngestEvent> events);

  /**
   * Hands the events of {@code scan} to {@code sink} one by one, in sequence order, at most {@code
   * limit} of them, and stops early when {@code sink} returns false. Never hands out an event while
   * a lower sequence may still appear (sequences are visible gap-free in order), so a reader that
   * continues after the last sequence it saw misses nothing. An exception thrown by {@code sink}
   * propagates after the store has released what the scan held.
   *
   * @return the number of events handed to the sink
   */
  int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink);

  /**
   * The events of every account with a sequence above {@code afterSequence}, in sequence order, at
   * most {@code limit} of them: the one read of a process's live tail. The same visibility rule as
   * {@link #scanEvents} holds: no event is returned while a lower sequence may still appear, so a
   * reader that continues after the last sequence it got misses nothing.
   */
  List<LogEvent> readEventsAfter(long afterSequence, int limit);

  /** The highest sequence {@link #scanEvents} can see now; 0 when the store is empty. */
  long lastSequence();

  /**
   * Registers {@code listener} to run after each append becomes visible (possibly coalesced, and on
   * any thread; it must not block). Returns the handle that unregisters it.
   */
  Subscription subscribe(Runnable listener);

  /**
   * Deletes the logs created before {@code cutoff} and their events, and takes them out of the
   * statistics; returns logs deleted.
   */
  int purgeCreatedBefore(Instant cutoff);

  /** True when the store can serve requests now. */
  boolean isHealthy();

  /** Releases the store's resources. */
  @Override
  void close();

  /** Handle of a {@link #subscribe} registration. */
  interface Subscription extends AutoCloseable {
    /** Stops the notifications; idempotent. */
    @Override
    void close();
  }
}
