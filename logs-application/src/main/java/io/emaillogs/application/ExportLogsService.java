package io.emaillogs.application;

import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.RateLimiter.StreamSlot;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.ExportFormat;
import io.emaillogs.domain.query.ExportQuery;
import io.emaillogs.domain.query.Position;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Walks the window with the query API's keyset pages ({@link LogStore#findLogs}), {@value #CHUNK}
 * logs at a time, each page its own store call: the heap holds one chunk, no connection stays
 * pinned between chunks, and the order is the query API's.
 */
final class ExportLogsService implements ExportLogsUseCase {
  static final int CHUNK = 1_000;

  private final LogStore store;
  private final RateLimiter limiter;
  private final Settings settings;
  private final Clock clock;

  ExportLogsService(LogStore store, RateLimiter limiter, Settings settings, Clock clock) {
    this.store = store;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Export open(ExportRequest request) {
    ExportQuery query = ExportQuery.parse(request.parameters());
    DateWindow created = query.resolveCreatedWindow(clock.instant());
    StreamSlot slot =
        limiter
            .tryOpenStream(request.accountId(), settings.maxStreamsPerAccount())
            .orElseThrow(
                () ->
                    new RateLimitedException(
                        new RateDecision(false, settings.maxStreamsPerAccount(), 0, 1)));
    return new Walk(request.accountId(), query, created, slot);
  }

  private final class Walk implements Export {
    private final long accountId;
    private final ExportQuery query;
    private final DateWindow created;
    private final StreamSlot slot;
    private final AtomicBoolean closed = new AtomicBoolean();

    Walk(long accountId, ExportQuery query, DateWindow created, StreamSlot slot) {
      this.accountId = accountId;
      this.query = query;
      this.created = created;
      this.slot = slot;
    }

    @Override
    public ExportFormat format() {
      return query.format();
    }

    @Override
    public long writeTo(LogSink sink) throws IOException {
      long written = 0;
      Position after = null;
      while (!closed.get()) {
        List<EmailLog> chunk =
            store.findLogs(
                new LogSearch(
                    accountId, query.filter(), created, query.deliveredWindow(), after, CHUNK));
        for (EmailLog log : chunk) {
          sink.log(log);
        }
        written += chunk.size();
        if (chunk.size() < CHUNK) {
          break;
        }
        after = Position.of(chunk.get(chunk.size() - 1));
      }
      return written;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        slot.close();
      }
    }
  }
}
